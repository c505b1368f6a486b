"""The reports as JSON, computed by the same selectors as the pages (staff and leadership only)."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from api.schema_errors import ERRORS
from reports import selectors
from reports.api import serializers as s

YEAR = OpenApiParameter("year", int, description="Calendar year (default: this year; the funnel: all years).")
EVENT = OpenApiParameter("source_event", int, description="Funnel cohort: projects from this event.")


def _query(request) -> dict:
    query = s.ReportQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data


class FunnelView(APIView):
    """Projects of a cohort reaching each stage, and the conversion to the next."""

    @extend_schema(parameters=[YEAR, EVENT], responses={200: s.FunnelSerializer, **ERRORS})
    def get(self, request):
        query = _query(request)
        cohort = selectors.cohort_projects(year=query.get("year"), source_event=query.get("source_event"))
        return Response(s.FunnelSerializer(selectors.funnel(cohort)).data)


class VelocityView(APIView):
    """Median and 80th-percentile days in each stage; days from first contact to signing."""

    @extend_schema(parameters=[YEAR], responses={200: s.VelocitySerializer, **ERRORS})
    def get(self, request):
        year = _query(request).get("year") or timezone.localdate().year
        return Response(s.VelocitySerializer(selectors.velocity(selectors.Period.year(year))).data)


class MoneyView(APIView):
    """Planned, signed and landed CNY by sector, quarter and year; forecast; against targets."""

    @extend_schema(parameters=[YEAR], responses={200: s.MoneySerializer, **ERRORS})
    def get(self, request):
        year = _query(request).get("year") or timezone.localdate().year
        return Response(s.MoneySerializer(selectors.money(year)).data)


class SourcesView(APIView):
    """Events, partner platforms and kinds of source: evaluations, signings, landed CNY."""

    @extend_schema(parameters=[YEAR], responses={200: s.SourcesSerializer, **ERRORS})
    def get(self, request):
        year = _query(request).get("year") or timezone.localdate().year
        return Response(s.SourcesSerializer(selectors.sources(selectors.Period.year(year))).data)


class PeopleView(APIView):
    """Follow-ups done on time, late and overdue per staff member; idle projects per owner."""

    @extend_schema(parameters=[YEAR], responses={200: s.PersonSerializer(many=True), **ERRORS})
    def get(self, request):
        year = _query(request).get("year") or timezone.localdate().year
        return Response(s.PersonSerializer(selectors.people(selectors.Period.year(year)), many=True).data)

from rest_framework import serializers

from companies.choices import Sector
from projects.choices import Source, Stage

MONEY = {"max_digits": 20, "decimal_places": 2}


class ReportQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)
    source_event = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False)


class FunnelRowSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    reached = serializers.IntegerField(help_text="Projects of the cohort that entered this stage or a later one.")
    conversion = serializers.DecimalField(
        max_digits=5, decimal_places=1, allow_null=True, help_text="Percent reaching the next stage."
    )


class FunnelSerializer(serializers.Serializer):
    rows = FunnelRowSerializer(many=True)
    signed_to_operating = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    total = serializers.IntegerField()


class VelocityRowSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    stays = serializers.IntegerField()
    median = serializers.FloatField(allow_null=True)
    p80 = serializers.FloatField(allow_null=True)


class ToSigningSerializer(serializers.Serializer):
    projects = serializers.IntegerField()
    median = serializers.FloatField(allow_null=True)
    p80 = serializers.FloatField(allow_null=True)


class VelocitySerializer(serializers.Serializer):
    rows = VelocityRowSerializer(many=True)
    to_signing = ToSigningSerializer()


class SectorMoneySerializer(serializers.Serializer):
    sector = serializers.ChoiceField(choices=Sector.choices)
    planned = serializers.DecimalField(**MONEY)
    signed = serializers.DecimalField(**MONEY)
    landed = serializers.DecimalField(**MONEY)


class QuarterMoneySerializer(serializers.Serializer):
    quarter = serializers.IntegerField(min_value=1, max_value=4)
    signed = serializers.DecimalField(**MONEY)
    landed = serializers.DecimalField(**MONEY)


class YearMoneySerializer(serializers.Serializer):
    year = serializers.IntegerField()
    signed = serializers.DecimalField(**MONEY)


class ForecastSerializer(serializers.Serializer):
    year = serializers.IntegerField(allow_null=True)
    quarter = serializers.IntegerField(allow_null=True)
    projects = serializers.IntegerField()
    planned = serializers.DecimalField(**MONEY)
    weighted = serializers.DecimalField(**MONEY)


class ProgressSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    signed = serializers.DecimalField(**MONEY)
    landed = serializers.DecimalField(**MONEY)
    signed_target = serializers.DecimalField(allow_null=True, **MONEY)
    landed_target = serializers.DecimalField(allow_null=True, **MONEY)


class MoneySerializer(serializers.Serializer):
    year = serializers.IntegerField()
    sectors = SectorMoneySerializer(many=True)
    quarters = QuarterMoneySerializer(many=True)
    years = YearMoneySerializer(many=True)
    forecast = ForecastSerializer(many=True)
    progress = ProgressSerializer()


class SourceFiguresSerializer(serializers.Serializer):
    projects = serializers.IntegerField()
    evaluated = serializers.IntegerField(help_text="Reached the evaluation stage.")
    signed = serializers.IntegerField(help_text="Reached the signed stage.")
    landed_cny = serializers.DecimalField(**MONEY)


class EventSourceSerializer(SourceFiguresSerializer):
    event = serializers.IntegerField(source="event.pk")
    name = serializers.CharField(source="event.name")
    date = serializers.DateField(source="event.date")


class PartnerSourceSerializer(SourceFiguresSerializer):
    partner = serializers.IntegerField(source="partner.pk")
    name = serializers.CharField(source="partner.name")


class KindSourceSerializer(SourceFiguresSerializer):
    source = serializers.ChoiceField(choices=Source.choices)


class SourcesSerializer(serializers.Serializer):
    events = EventSourceSerializer(many=True)
    partners = PartnerSourceSerializer(many=True)
    kinds = KindSourceSerializer(many=True)


class PersonSerializer(serializers.Serializer):
    user = serializers.IntegerField(source="person.pk")
    name = serializers.CharField(source="person")
    on_time = serializers.IntegerField()
    late = serializers.IntegerField()
    overdue = serializers.IntegerField()
    idle = serializers.IntegerField()

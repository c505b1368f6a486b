"""The company page, and search across companies, contacts and projects."""

from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from companies.models import Company, Contact
from companies.selectors import company_search
from projects.models import Interaction
from projects.selectors import project_list, project_search
from web.access import staff_page

SEARCH_LIMIT = 25


@staff_page
def company_page(request, pk: int):
    company = get_object_or_404(Company, pk=pk)
    context = {
        "company": company,
        "contacts": company.contacts.order_by("name"),
        "projects": project_list().filter(company=company).order_by("-created_at"),
        "interactions": Interaction.objects.filter(company=company)
        .select_related("staff", "project")
        .order_by("-occurred_at")[:100],
    }
    return render(request, "web/company.html", context)


@staff_page
def search(request):
    query = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    results = {"companies": [], "contacts": [], "projects": []}
    if query:
        results["companies"] = company_search(query).order_by("name_zh")[:SEARCH_LIMIT]
        results["contacts"] = (
            Contact.objects.filter(
                Q(name__icontains=query) | Q(email__icontains=query) | Q(phone__icontains=query)
                | Q(wechat_id__icontains=query)
            )
            .select_related("company")
            .order_by("name")[:SEARCH_LIMIT]
        )  # fmt: skip
        results["projects"] = project_search(project_list(), query).order_by("-created_at")[:SEARCH_LIMIT]
    return render(request, "web/search.html", {"search_query": query, **results})

from django.db.models import Count, Q, QuerySet

from companies.credit_code import normalize_credit_code
from companies.models import Company
from companies.names import normalize_company_name


def company_list() -> QuerySet[Company]:
    return Company.objects.annotate(project_count=Count("projects", distinct=True))


def company_by_credit_code(code: str, *, exclude_pk: int | None = None) -> Company | None:
    code = normalize_credit_code(code)
    if not code:
        return None
    return Company.objects.filter(credit_code=code).exclude(pk=exclude_pk).first()


def companies_with_similar_name(*, name_zh: str = "", name_en: str = "", exclude_pk: int | None = None):
    """Companies whose Chinese or English name reduces to the same words as one of these."""
    keys = {normalize_company_name(name) for name in (name_zh, name_en)} - {""}
    if not keys:
        return Company.objects.none()
    return Company.objects.filter(Q(normalized_name__in=keys) | Q(normalized_name_en__in=keys)).exclude(pk=exclude_pk)


def company_match(*, credit_code: str = "", name_zh: str = "", name_en: str = "") -> Company | None:
    """The existing company a new record describes: by credit code first, then by name."""
    return company_by_credit_code(credit_code) or (
        companies_with_similar_name(name_zh=name_zh, name_en=name_en).order_by("pk").first()
    )


def company_search(text: str) -> QuerySet[Company]:
    """Companies whose Chinese or English name contains the text, or with that credit code.
    (On PostgreSQL, trigram indexes on both names answer this without reading every company.)"""
    text = text.strip()
    return Company.objects.filter(
        Q(name_zh__icontains=text) | Q(name_en__icontains=text) | Q(credit_code=normalize_credit_code(text))
    )

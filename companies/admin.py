from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from companies.credit_code import normalize_credit_code
from companies.models import Company, Contact
from companies.services import COMPANY_FIELDS, company_duplicate_errors, company_save
from core.admin_tools import AuditedAdmin
from projects.admin.base import save_formset_through_services
from projects.models import InvestmentProject
from projects.permissions import can_change_shared_records
from projects.services.registry import save_record


class CompanyForm(forms.ModelForm):
    allow_similar_name = forms.BooleanField(
        label=_("This is a different company"),
        required=False,
        help_text=_("Tick when another company has a very similar name but this one is not the same."),
    )

    class Meta:
        model = Company
        fields = COMPANY_FIELDS

    def clean_credit_code(self):
        return normalize_credit_code(self.cleaned_data.get("credit_code")) or None

    def clean(self):
        cleaned = super().clean()
        renamed = self.instance.pk is None or {"name_zh", "name_en"} & set(self.changed_data)
        errors = company_duplicate_errors(
            name_zh=cleaned.get("name_zh", ""),
            name_en=cleaned.get("name_en", ""),
            credit_code=cleaned.get("credit_code"),
            exclude_pk=self.instance.pk,
            allow_similar_name=cleaned.get("allow_similar_name") or not renamed,
        )
        if errors:
            raise ValidationError(errors)
        return cleaned


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ["name", "title", "phone", "email", "wechat_id"]
    show_change_link = True


class ProjectOfCompanyInline(admin.TabularInline):
    model = InvestmentProject
    fk_name = "company"
    extra = 0
    fields = ["code", "title", "stage", "status", "planned_investment", "owner"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    verbose_name_plural = _("projects")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("owner")


class SharedAdmin(AuditedAdmin):
    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and can_change_shared_records(request.user)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and can_change_shared_records(request.user)


@admin.register(Company)
class CompanyAdmin(SharedAdmin):
    form = CompanyForm
    list_display = ["__str__", "credit_code", "kind", "sector", "ownership", "city", "is_park_tenant", "projects"]
    list_filter = ["kind", "sector", "ownership", "is_park_tenant", "country"]
    search_fields = ["name_zh", "name_en", "credit_code", "normalized_name"]
    fieldsets = [
        (None, {"fields": ["name_zh", "name_en", "allow_similar_name", "credit_code"]}),
        (_("Profile"), {"fields": ["kind", "sector", "ownership", "country", "city", "website", "is_park_tenant"]}),
        (None, {"fields": ["description"]}),
    ]
    inlines = [ContactInline, ProjectOfCompanyInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(project_total=Count("projects"))

    @admin.display(description=_("projects"), ordering="project_total")
    def projects(self, obj):
        return obj.project_total

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        company_save(company=obj, allow_similar_name=form.cleaned_data.get("allow_similar_name", False))

    def save_formset(self, request, form, formset, change):
        save_formset_through_services(request, formset)


@admin.register(Contact)
class ContactAdmin(SharedAdmin):
    list_display = ["name", "title", "company", "phone", "email", "wechat_id"]
    list_select_related = ["company"]
    search_fields = ["name", "title", "email", "phone", "wechat_id", "company__name_zh", "company__name_en"]
    autocomplete_fields = ["company"]

    def save_model(self, request, obj, form, change):
        save_record(obj, request.user)

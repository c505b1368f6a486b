import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from companies.credit_code import is_valid_credit_code, normalize_credit_code, validate_credit_code
from companies.models import Company
from companies.names import normalize_company_name
from companies.selectors import company_match
from companies.services import company_create, company_update

# The example of GB 32100-2015, and two codes printed on real business licences.
VALID = ["91350100M000100Y43", "911100001000044477", "91440300708461136T"]


@pytest.mark.parametrize("code", VALID)
def test_real_credit_codes_are_valid(code):
    assert is_valid_credit_code(code)
    validate_credit_code(code)


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("91350100M000100Y44", "credit_code_check"),  # last character wrong
        ("91350100M000100Y4", "credit_code_length"),
        ("91350100M000100Y433", "credit_code_length"),
        ("91350100MO00100Y43", "credit_code_characters"),  # the letter O is not used
        ("9135010OM000100Y43", "credit_code_characters"),
    ],
)
def test_bad_credit_codes_are_refused_with_the_reason(code, error):
    with pytest.raises(ValidationError) as refused:
        validate_credit_code(code)
    assert refused.value.code == error


def test_credit_code_error_reads_in_chinese():
    with pytest.raises(ValidationError) as refused:
        validate_credit_code("91350100M000100Y44")
    with translation.override("zh-hans"):
        assert "统一社会信用代码" in refused.value.messages[0]


def test_pasted_codes_are_tidied():
    assert normalize_credit_code(" 91350100m000100y43 ") == "91350100M000100Y43"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("百济神州（上海）生物科技有限公司", "百济神州生物科技有限公司"),
        ("BeiGene, Ltd.", "Beigene Limited"),
        ("IASO Biotherapeutics Co., Ltd.", "iaso biotherapeutics"),
        ("Smith & Nephew plc", "Smith & Nephew"),
    ],
)
def test_names_that_staff_consider_the_same_normalize_alike(a, b):
    assert normalize_company_name(a) == normalize_company_name(b)


def test_different_companies_stay_different():
    assert normalize_company_name("药明康德") != normalize_company_name("药明生物")


@pytest.mark.django_db
class TestDuplicates:
    def test_same_credit_code_is_refused(self):
        company_create(name_zh="甲公司", credit_code=VALID[0])
        with pytest.raises(ValidationError) as refused:
            company_create(name_zh="乙公司", credit_code=VALID[0].lower())
        assert "already has this unified social credit code" in refused.value.message_dict["credit_code"][0]

    def test_similar_name_is_flagged_until_confirmed(self):
        company_create(name_zh="百济神州（上海）生物科技有限公司")
        with pytest.raises(ValidationError) as flagged:
            company_create(name_zh="百济神州生物科技有限公司")
        assert "very similar name" in flagged.value.message_dict["name_zh"][0]
        company_create(name_zh="百济神州生物科技有限公司", allow_similar_name=True)
        assert Company.objects.count() == 2

    def test_english_name_matches_too(self):
        existing = company_create(name_en="BeiGene, Ltd.")
        assert company_match(name_zh="", name_en="Beigene Limited") == existing

    def test_unchanged_name_is_not_questioned_again(self):
        company_create(name_zh="某某生物有限公司")
        twin = company_create(name_zh="某某生物", allow_similar_name=True)
        company_update(company=twin, city="Suzhou")
        assert Company.objects.get(pk=twin.pk).city == "Suzhou"

    def test_a_company_needs_a_name(self):
        with pytest.raises(ValidationError):
            company_create(name_zh="", name_en="")

    def test_empty_credit_code_is_not_a_duplicate(self):
        company_create(name_zh="甲", credit_code="")
        company_create(name_zh="乙", credit_code="")
        assert Company.objects.filter(credit_code__isnull=True).count() == 2

    def test_admin_form_flags_and_then_accepts(self, client, world):
        company_create(name_en="Frontera Therapeutics")
        client.force_login(world.owner)
        url = reverse("admin:companies_company_add")
        data = {"name_en": "Frontera Therapeutics Inc.", "kind": "enterprise", "country": "United States",
                "contacts-TOTAL_FORMS": 0, "contacts-INITIAL_FORMS": 0,
                "projects-TOTAL_FORMS": 0, "projects-INITIAL_FORMS": 0}  # fmt: skip
        response = client.post(url, data)
        assert response.status_code == 200
        assert "very similar name" in response.content.decode()
        response = client.post(url, {**data, "allow_similar_name": "on"})
        assert response.status_code == 302
        assert Company.objects.filter(name_en="Frontera Therapeutics Inc.").exists()

    def test_admin_refuses_a_bad_credit_code(self, client, world):
        client.force_login(world.owner)
        response = client.post(
            reverse("admin:companies_company_add"),
            {"name_zh": "新公司", "kind": "enterprise", "credit_code": "91350100M000100Y44",
             "contacts-TOTAL_FORMS": 0, "contacts-INITIAL_FORMS": 0,
             "projects-TOTAL_FORMS": 0, "projects-INITIAL_FORMS": 0},
        )  # fmt: skip
        assert response.status_code == 200
        assert "last character does not match" in response.content.decode()
        assert not Company.objects.exists()

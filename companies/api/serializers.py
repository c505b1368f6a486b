from rest_framework import serializers

from companies.models import Company


class CompanySerializer(serializers.ModelSerializer):
    allow_similar_name = serializers.BooleanField(
        write_only=True, required=False, default=False,
        help_text="Set when another company has a very similar name and this one is nevertheless different.",
    )  # fmt: skip

    class Meta:
        model = Company
        fields = [
            "id", "name_zh", "name_en", "credit_code", "kind", "sector", "ownership", "country", "city", "website",
            "is_park_tenant", "description", "allow_similar_name", "created_at", "modified_at",
        ]  # fmt: skip
        read_only_fields = ["created_at", "modified_at"]
        # Uniqueness is the service's to check, with a message that names the other company.
        extra_kwargs = {"credit_code": {"validators": []}}

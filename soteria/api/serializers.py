from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from rest_framework import serializers

from soteria.organisations import access
from soteria.organisations.models import Membership, OrgUnit, Role
from soteria.strategy.models import ELEMENT_MODELS, Element, Strategy, StrategyVersion
from soteria.warehouse.models import ImportRecord


class OrgUnitSerializer(serializers.ModelSerializer):
    parent: Any = serializers.SlugRelatedField(
        slug_field="code", queryset=OrgUnit.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = OrgUnit
        fields = ["id", "code", "kind", "name", "parent", "language", "time_zone", "depth"]
        read_only_fields = ["id", "depth"]

    def to_representation(self, instance: OrgUnit) -> dict[str, Any]:
        data = super().to_representation(instance)
        request = self.context.get("request")
        parent = instance.parent
        if (
            parent is not None
            and request is not None
            and not access.can(request.user, access.Action.VIEW, parent)
        ):
            data["parent"] = None  # a unit out of the caller's reach is not named
        return data


class MembershipSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", queryset=OrgUnit.objects.all())
    user = serializers.SlugRelatedField(
        slug_field="username", queryset=get_user_model().objects.filter(is_active=True)
    )
    role = serializers.ChoiceField(choices=Role.choices)

    class Meta:
        model = Membership
        fields = ["id", "unit", "user", "role"]
        read_only_fields = ["id"]
        validators: list[Any] = []


class VersionSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = StrategyVersion
        fields = ["id", "number", "status", "decision_date", "valid_from", "valid_to"]


class StrategySerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", queryset=OrgUnit.objects.all())
    versions = VersionSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Strategy
        fields = ["id", "unit", "code", "title", "versions"]
        read_only_fields = ["id", "versions"]
        validators: list[Any] = []


class VersionSerializer(serializers.ModelSerializer):
    strategy: Any = serializers.PrimaryKeyRelatedField(read_only=True)
    based_on: Any = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = StrategyVersion
        fields = [
            "id",
            "strategy",
            "number",
            "status",
            "approving_body",
            "decision_date",
            "valid_from",
            "valid_to",
            "mission",
            "vision",
            "change_note",
            "based_on",
        ]
        read_only_fields = ["id", "strategy", "number", "status", "based_on"]


class TransitionSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["draft", "consultation", "approved", "archived"])
    approving_body = serializers.DictField(child=serializers.CharField(), required=False)
    decision_date = serializers.DateField(required=False)


def element_serializer(model: type[Element]) -> type[serializers.ModelSerializer]:
    """A serializer for one element type; units are referred to by code."""
    fields = ["id", "key", "version"] + [
        f.name for f in model._meta.fields if f.editable and f.name not in {"id", "version", "key"}
    ]
    attrs: dict[str, Any] = {
        "Meta": type(
            "Meta",
            (),
            {"model": model, "fields": fields, "read_only_fields": ["id", "key"], "validators": []},
        ),
        "version": serializers.PrimaryKeyRelatedField(queryset=StrategyVersion.objects.all()),
    }
    if any(f.name == "owner_unit" for f in model._meta.fields):
        attrs["owner_unit"] = serializers.SlugRelatedField(
            slug_field="code", queryset=OrgUnit.objects.all()
        )
    return type(f"{model.__name__}Serializer", (serializers.ModelSerializer,), attrs)


ELEMENT_SERIALIZERS = {model.slug: element_serializer(model) for model in ELEMENT_MODELS}


class ImportSerializer(serializers.ModelSerializer):
    unit: Any = serializers.SlugRelatedField(slug_field="code", read_only=True)
    files = serializers.SerializerMethodField()

    class Meta:
        model = ImportRecord
        fields = [
            "id",
            "unit",
            "source_system",
            "status",
            "allow_partial",
            "created_at",
            "started_at",
            "finished_at",
            "progress",
            "files",
            "counts",
            "errors",
            "error_count",
            "duration_seconds",
        ]
        read_only_fields = fields

    def get_files(self, record: Any) -> list[dict[str, Any]]:
        """File names, sizes and hashes — never the server-side paths."""
        return [{k: v for k, v in f.items() if k != "path"} for f in record.files]


class ImportCreateSerializer(serializers.Serializer):
    unit: Any = serializers.SlugRelatedField(slug_field="code", queryset=OrgUnit.objects.all())
    source_system = serializers.CharField(max_length=100)
    files = serializers.ListField(child=serializers.FileField(), allow_empty=False)
    allow_partial = serializers.BooleanField(default=False)

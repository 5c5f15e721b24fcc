"""REST API. Reads go through the same selectors, writes through the same services as
the web pages, so the permission rules are the ones in ``organisations.access``."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request
from rest_framework.response import Response

from soteria.api import serializers as s
from soteria.organisations import access
from soteria.organisations import services as unit_services
from soteria.organisations.models import Membership, OrgUnit
from soteria.strategy import selectors
from soteria.strategy import services as strategy_services
from soteria.strategy.models import ELEMENT_MODELS, Element, StrategyVersion
from soteria.warehouse import selectors as warehouse_selectors
from soteria.warehouse import services as warehouse_services


class OrgUnitViewSet(viewsets.ModelViewSet):
    """Org units you hold a role on (or below). Writes need the administrator role."""

    serializer_class = s.OrgUnitSerializer
    lookup_field = "code"
    lookup_value_regex = "[A-Z0-9._-]+"

    def get_queryset(self) -> Any:
        return access.units_for(self.request.user).select_related("parent").order_by("path")

    def get_object(self) -> OrgUnit:
        unit: OrgUnit = super().get_object()
        if self.request.method not in SAFE_METHODS:  # refuse before reading the body
            access.require(self.request.user, access.Action.ADMINISTER, unit)
        return unit

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        serializer.instance = unit_services.unit_create(actor=self.request.user, **data)

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        parent = serializer.instance.parent
        if (
            "parent" in data
            and data["parent"] is None
            and parent is not None
            and not (access.can(self.request.user, access.Action.VIEW, parent))
        ):
            data.pop("parent")  # shown as null because it is out of reach: unchanged
        serializer.instance = unit_services.unit_update(
            actor=self.request.user, unit=serializer.instance, **data
        )

    def perform_destroy(self, instance: OrgUnit) -> None:
        unit_services.unit_delete(actor=self.request.user, unit=instance)


class MembershipViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Roles on units you administer. Creating one for a user who already has a role on
    the unit replaces that role."""

    serializer_class = s.MembershipSerializer

    def get_queryset(self) -> Any:
        return access.filter_by_unit(
            Membership.objects.select_related("unit", "user"),
            self.request.user,
            access.Action.ADMINISTER,
        )

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = unit_services.membership_set(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance: Membership) -> None:
        unit_services.membership_remove(actor=self.request.user, membership=instance)


class StrategyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Strategies governing the units you hold a role on. Creating one makes version 1."""

    serializer_class = s.StrategySerializer

    def get_queryset(self) -> Any:
        return selectors.strategies_for(self.request.user).order_by("pk")

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        version = strategy_services.strategy_create(
            actor=self.request.user, unit=data["unit"], code=data["code"], title=data["title"]
        )
        serializer.instance = version.strategy

    def perform_destroy(self, instance: Any) -> None:
        strategy_services.strategy_delete(actor=self.request.user, strategy=instance)


class VersionViewSet(
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Strategy versions: edit (drafts), change status, copy, compare."""

    serializer_class = s.VersionSerializer
    queryset = StrategyVersion.objects.none()

    def get_object(self) -> StrategyVersion:
        try:
            pk = int(self.kwargs["pk"])
        except ValueError:
            raise Http404 from None
        version = selectors.version_get(self.request.user, pk)
        if self.request.method not in SAFE_METHODS:  # refuse before reading the body
            access.require_governed(self.request.user, access.Action.MANAGE, version.strategy.unit)
        return version

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = strategy_services.version_update(
            actor=self.request.user, version=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance: StrategyVersion) -> None:
        strategy_services.version_delete(actor=self.request.user, version=instance)

    @extend_schema(request=s.TransitionSerializer, responses=s.VersionSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str) -> Response:
        version = self.get_object()
        body = s.TransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        version = strategy_services.version_transition(
            actor=request.user, version=version, **body.validated_data
        )
        return Response(s.VersionSerializer(version).data)

    @extend_schema(request=None, responses={201: s.VersionSerializer})
    @action(detail=True, methods=["post"])
    def copy(self, request: Request, pk: str) -> Response:
        copy = strategy_services.version_copy(actor=request.user, version=self.get_object())
        return Response(s.VersionSerializer(copy).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[OpenApiParameter("with", int, required=True, description="other version")],
        responses={200: dict},
    )
    @action(detail=True, methods=["get"])
    def diff(self, request: Request, pk: str) -> Response:
        version = self.get_object()
        try:
            other = selectors.version_get(request.user, int(request.query_params.get("with", "")))
        except ValueError:
            return Response({"with": ["Give the id of the other version."]}, status=400)
        if other.strategy_id != version.strategy_id:
            return Response({"with": ["Compare versions of the same strategy."]}, status=400)
        old, new = sorted([version, other], key=lambda v: v.number)
        result = selectors.version_diff(old, new)
        return Response(
            {
                "old": old.pk,
                "new": new.pk,
                "version_fields": result["version_fields"],
                "elements": [
                    {"type": c.model.slug, "change": c.kind, "label": c.label, "fields": c.fields}
                    for c in result["elements"]
                ],
            }
        )


class ImportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Hospital-data imports: start one (multipart upload), then poll its status."""

    serializer_class = s.ImportSerializer

    def get_queryset(self) -> Any:
        return warehouse_selectors.imports_for(self.request.user)

    @extend_schema(
        request={"multipart/form-data": s.ImportCreateSerializer},
        responses={202: s.ImportSerializer},
    )
    def create(self, request: Request) -> Response:
        body = s.ImportCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        record = warehouse_services.import_upload(
            actor=request.user,
            unit=data["unit"],
            source_system=data["source_system"],
            uploads=data["files"],
            allow_partial=data["allow_partial"],
        )
        return Response(s.ImportSerializer(record).data, status=status.HTTP_202_ACCEPTED)


def element_viewset(model: type[Element]) -> type[viewsets.ModelViewSet]:
    """CRUD for one element type, limited to strategies the caller may read."""

    class ElementViewSet(viewsets.ModelViewSet):
        serializer_class = s.ELEMENT_SERIALIZERS[model.slug]

        def get_queryset(self) -> Any:
            queryset = model.objects.filter(  # type: ignore[attr-defined]
                access.governed_filter(self.request.user, "version__strategy__unit")
            ).select_related("version__strategy__unit")
            version = self.request.query_params.get("version")
            if version:
                if not (version.isascii() and version.isdigit() and len(version) <= 18):
                    raise ValidationError({"version": ["Give the id of a strategy version."]})
                queryset = queryset.filter(version_id=int(version))
            return queryset.order_by("version_id", "order", "pk")

        def get_object(self) -> Element:
            element: Element = super().get_object()
            if self.request.method not in SAFE_METHODS and not (
                strategy_services.can_edit_element(self.request.user, element)
            ):
                raise PermissionDenied
            return element

        def perform_create(self, serializer: Any) -> None:
            data = dict(serializer.validated_data)
            version = data.pop("version")
            if not access.reads_within(self.request.user, version.strategy.unit):
                raise Http404
            serializer.instance = strategy_services.element_create(
                actor=self.request.user, version=version, model=model, **data
            )

        def perform_update(self, serializer: Any) -> None:
            data = dict(serializer.validated_data)
            data.pop("version", None)
            serializer.instance = strategy_services.element_update(
                actor=self.request.user, element=serializer.instance, **data
            )

        def perform_destroy(self, instance: Element) -> None:
            strategy_services.element_delete(actor=self.request.user, element=instance)

    ElementViewSet.__name__ = f"{model.__name__}ViewSet"
    ElementViewSet.__qualname__ = ElementViewSet.__name__
    ElementViewSet.__doc__ = f"{model._meta.verbose_name_plural} of strategy versions."
    return ElementViewSet


ELEMENT_VIEWSETS = {model.slug: element_viewset(model) for model in ELEMENT_MODELS}

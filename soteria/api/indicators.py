"""Indicator endpoints: the catalogue and the analytics query (JSON or CSV)."""

from __future__ import annotations

import csv
import io
from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from soteria.indicators import analytics
from soteria.indicators.models import IndicatorDefinition


class IndicatorDefinitionSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorDefinition
        fields = [
            "code",
            "name",
            "description",
            "unit",
            "decimals",
            "direction",
            "source",
            "entry_period",
            "entered_at",
            "numerator",
            "denominator",
            "multiplier",
            "version",
            "standard",
            "owner",
        ]


class IndicatorDefinitionViewSet(viewsets.ReadOnlyModelViewSet):
    """Active indicator definitions: the standard set and your organisations' own."""

    serializer_class = IndicatorDefinitionSerializer
    lookup_field = "code"

    def get_queryset(self) -> Any:
        from soteria.indicators.selectors import definitions_visible_to

        return definitions_visible_to(self.request.user)


class AnalyticsCSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: Any = None, renderer_context: Any = None
    ) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        if isinstance(data, dict) and "headers" in data:
            writer.writerow(data["headers"])
            writer.writerows(data["rows"])
        else:  # an error answer
            writer.writerow(["parameter", "message"])
            for name, messages in (data or {}).items():
                for message in messages if isinstance(messages, list) else [messages]:
                    writer.writerow([name, message])
        return out.getvalue().encode(self.charset)


class AnalyticsView(APIView):
    """Indicator values for indicators (``dx``) × periods (``pe``) × units (``ou``).

    Codes are separated by commas or semicolons. ``children=true`` adds each unit's direct
    children. ``format=csv`` answers CSV. Only units you may see are answered.
    """

    renderer_classes = [JSONRenderer, AnalyticsCSVRenderer]

    @extend_schema(
        parameters=[
            OpenApiParameter("dx", str, description="indicator codes, e.g. ALOS,BED_OCCUPANCY"),
            OpenApiParameter("pe", str, description="periods, e.g. 202601,2026Q1,2026S1,2026"),
            OpenApiParameter("ou", str, description="org unit codes"),
            OpenApiParameter("children", bool, description="add each unit's direct children"),
        ],
        responses={200: dict, 400: dict},
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        try:
            answer = analytics.query(
                request.user,
                params.get("dx"),
                params.get("pe"),
                params.get("ou"),
                children=params.get("children", "").lower() in {"1", "true", "yes"},
            )
        except analytics.QueryError as error:
            return Response(error.errors, status=400)
        response = Response(answer.as_dict())
        if getattr(request.accepted_renderer, "format", "") == "csv":
            response["Content-Disposition"] = 'attachment; filename="soteria-analytics.csv"'
        return response

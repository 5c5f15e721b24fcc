"""Indicator definitions: the catalogue, a definition's page, editing by administrators."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from soteria.indicators.models import IndicatorDefinition


def definition_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "indicators/definition_list.html",
        {
            "definitions": IndicatorDefinition.objects.filter(active=True),
            "breadcrumbs": [(_("Indicators"), None)],
        },
    )

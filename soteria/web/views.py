"""The page shell: home (organisations the user can reach) and health check."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from soteria.organisations import access
from soteria.strategy.selectors import strategies_for


def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    units = list(access.units_for(user).order_by("path"))
    reachable = {unit.pk for unit in units}
    tops = [unit for unit in units if unit.parent_id not in reachable]
    strategies: dict[int, list[Any]] = {}
    for strategy in strategies_for(user):
        strategies.setdefault(strategy.unit.root_id, []).append(strategy)
    cards = [{"unit": unit, "strategies": strategies.get(unit.root_id, [])} for unit in tops]
    return render(
        request, "web/home.html", {"cards": cards, "breadcrumbs": [(_("Organisations"), None)]}
    )


def healthz(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"status": "ok"})

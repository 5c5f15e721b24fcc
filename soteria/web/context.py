"""Template context shared by every page: the unit picker and the current unit."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from soteria.organisations import access


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    units = access.units_for(user).only("code", "name", "depth", "path")
    return {"picker_units": units}

"""The page shell's costly parts, rendered once and cached: the unit picker's options and
the update-round reminder.

Both are keyed by the data generation (:mod:`soteria.scorecards.freshness`: every change to
units, memberships or round items bumps it) and by what the reader may see — the picker by
the reader's rights digest and language (two users with the same roles share it), the
reminder by the user and the day (it says "overdue" from today on).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from soteria.organisations import access
from soteria.scorecards import caching, freshness

INDENT = "\u00a0" * 3
"""Indentation per tree level in the picker (as the ``indent`` filter)."""


def token(request: HttpRequest) -> str:
    """The data generation for this rendering of the shell. A GET shares the page's token
    (read once per request); after a write (any other method) it is read afresh, so a page
    rendered after a change shows the change."""
    if request.method in ("GET", "HEAD"):
        return freshness.for_request(request)
    return freshness.current()


def picker_options(request: HttpRequest, current: Any = None) -> SafeString:
    """The ``<option>``s of the units the user may see, the current unit selected."""
    user = request.user
    key = caching.key("shell-picker", token(request), caching.rights_key(user))

    def build() -> str:
        # Plain string building: the template engine took ~20 ms for 300 units.
        units = access.units_for(user).only("code", "name", "depth", "path")
        return "".join(
            f'<option value="{escape(u.code)}">{INDENT * u.depth}{escape(u.display_name)}</option>'
            for u in units
        )

    html = caching.cached(key, build)
    code = getattr(current, "code", None)
    if code:
        plain = f'<option value="{escape(code)}">'
        html = html.replace(plain, f'<option value="{escape(code)}" selected>', 1)
    return mark_safe(html)  # noqa: S308 - a rendered template (escaped when it rendered)


def cached_reminder(request: HttpRequest, build: Any) -> Any:
    """The user's update-round reminder for today (``build()`` when not cached)."""
    key = caching.key(
        "shell-reminder",
        token(request),
        request.user.pk,
        caching.rights_key(request.user),
        timezone.localdate().isoformat(),
    )
    return caching.cached(key, build)

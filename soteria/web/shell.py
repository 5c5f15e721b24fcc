"""The page shell's costly parts, rendered once and cached: the top bar (menu, reminder,
unit picker, language and logout forms), the unit picker's options and the update-round
reminder.

Both are keyed by the data generation (:mod:`soteria.scorecards.freshness`: every change to
units, memberships or round items bumps it) and by what the reader may see — the picker by
the reader's rights digest and language (two users with the same roles share it), the
reminder by the user and the day (it says "overdue" from today on).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
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


PICKER_SLOT = "<!--shell:picker-->"
NEXT_SLOT = "<!--shell:next-->"
"""Stand for the unit picker's options and the language form's return path in the cached
top bar; :func:`topbar` puts the request's own in (and its CSRF fields in
``caching.CSRF_SLOT``)."""


def topbar(request: HttpRequest | None, context: dict[str, Any]) -> SafeString:
    """The top bar (``web/_topbar.html``). The Django template took ~2.5 ms per page; it is
    the same for every page a user sees in a day under one data generation (the menu, the
    reminder, the language form), so it is rendered once and kept per user, rights, day and
    language, with slots for what differs per request: the CSRF fields, the return path of
    the language form and the current unit in the picker."""
    user = context.get("user")
    slots = {
        "picker_slot": mark_safe(PICKER_SLOT),  # noqa: S308 - constants
        "next_slot": mark_safe(NEXT_SLOT),  # noqa: S308
        "csrf_slot": mark_safe(caching.CSRF_SLOT),  # noqa: S308
    }
    values = {
        "user": user,
        "round_reminder": context.get("round_reminder"),
        "round_office": context.get("round_office"),
        **slots,
    }

    def build() -> str:
        return render_to_string("web/_topbar.html", values)

    signed_in = request is not None and getattr(user, "is_authenticated", False)
    if signed_in:
        assert request is not None and user is not None
        key = caching.key(
            "shell-topbar",
            token(request),
            user.pk,
            user.get_username(),
            caching.rights_key(user),
            timezone.localdate().isoformat(),
        )
        html = caching.cached(key, build)
    else:
        html = build()
    if request is None:
        return mark_safe(html.replace(caching.CSRF_SLOT, "").replace(NEXT_SLOT, ""))  # noqa: S308
    html = html.replace(NEXT_SLOT, escape(request.get_full_path()), 1)
    if signed_in:
        html = html.replace(PICKER_SLOT, picker_options(request, context.get("current_unit")), 1)
    return caching.fill_csrf(html, request)

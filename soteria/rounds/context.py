"""The update-round reminder in the navigation: how many of my items are open and when
the nearest is due.

Computed once per request (kept on the request), in a fixed number of queries whatever the
number of items: none for a user who is nowhere a contributor or above, one (the open
rounds) when no round concerns them, at most six otherwise — and cached for the user and
the day under the data generation (``soteria.web.shell``), so that most pages ask nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from soteria.organisations import access
from soteria.rounds import selectors, services
from soteria.web import shell

_CACHE_ATTR = "_soteria_round_reminder"


@dataclass(frozen=True)
class Reminder:
    count: int
    due: dt.date
    overdue: bool
    url: str


def reminder_for(user: Any, today: dt.date | None = None) -> Reminder | None:
    """The user's open items in open rounds, or None when there are none."""
    mine = services.my_items(user)
    if not mine.open_count:
        return None
    due = mine.nearest_due
    assert due is not None
    rounds = mine.rounds_with_open_items()
    url = (
        reverse("round-detail", args=[rounds[0].pk]) if len(rounds) == 1 else reverse("round-list")
    )
    return Reminder(mine.open_count, due, mine.overdue(today or timezone.localdate()), url)


def reminders(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if not hasattr(request, _CACHE_ATTR):
        setattr(request, _CACHE_ATTR, shell.cached_reminder(request, lambda: reminder_for(user)))
    return {
        "round_reminder": getattr(request, _CACHE_ATTR),
        # quality managers reach the rounds from the top bar even when nothing is due
        "round_office": getattr(user, "is_superuser", False)
        or any(role >= selectors.QUALITY_ROLE for _path, role in access.grants(user)),
    }

"""Caching of the scorecard pages: keys, what a user may see, and the per-request slots.

Every key holds (see ``docs/scorecards.md``):

- the **data generation** token (:mod:`soteria.scorecards.freshness`), read once per
  request: any change to what the pages show makes every older key unreachable;
- the **language** and the **time zone** of the request (texts, number formats, dates);
- the page's own parameters (version, objective, indicator, unit, period…);
- for the parts that depend on the reader, :func:`rights_key`: a digest of everything the
  permission rules look at (the user's grants — unit path and role of each membership — and
  whether they are a superuser). Two users with the same rights see the same page; a user
  with other rights never gets it. Parts that are the user's own (dashboard pins) are keyed
  by them as well.

Nothing secret is cached: the CSRF token of a form is left as a slot in the cached HTML
(:data:`CSRF_SLOT`) and filled in per request (:func:`fill_csrf`).

The cache is Django's ``default`` cache (a per-process LocMemCache unless ``CACHES`` says
otherwise); entries expire after :data:`TIMEOUT` at the latest, stale ones are simply never
asked for again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import caches
from django.http import HttpRequest
from django.template.backends.utils import csrf_input
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from soteria.core import generation
from soteria.core.i18n import rendering_in
from soteria.organisations import access

T = TypeVar("T")

CACHE_ALIAS = "default"
TIMEOUT = 60 * 60
"""Seconds an entry is kept at most (a stale one is never read again anyway)."""
PREFIX = "scorecards:v1"
CSRF_SLOT = "<!--scorecards:csrf-->"
"""Stands for the CSRF field in cached HTML; :func:`fill_csrf` puts the request's in."""

_MISSING = object()


def rights_key(user: Any) -> str:
    """A digest of what the permission rules know about ``user``: equal for two users
    exactly when they hold the same roles on the same units (or are both superusers)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return "anonymous"
    grants = sorted((str(path), int(role)) for path, role in access.grants(user))
    raw = repr((bool(user.is_superuser), grants))
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def key(kind: str, token: str, *parts: Any) -> str:
    """A cache key for ``kind`` under the data generation ``token``, in the active language
    and time zone, for ``parts`` (anything with a stable ``str``)."""
    raw = "\x1f".join(
        [
            translation.get_language() or "",
            timezone.get_current_timezone_name(),
            *(str(part) for part in parts),
        ]
    )
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"{PREFIX}:{kind}:{token}:{digest}"


def clear() -> None:
    """Empty the page cache and the reference data kept in memory
    (:mod:`soteria.core.generation`): what tests and benchmarks do to count a page as
    rendered when nothing is cached."""
    caches[CACHE_ALIAS].clear()
    generation.forget()


def cached(cache_key: str, build: Callable[[], T]) -> T:
    """The value under ``cache_key``, built (and stored) when there is none.

    ``build`` runs in the language of the key (the request's: :func:`key`), held for its
    whole run as a rendering holds it (``core.i18n.rendering_in``): its texts, names and
    figures ask for the language hundreds of times (~1 µs each through Django's
    ``get_language``). A ``translation.override`` inside ``build`` therefore belongs around
    a whole rendering, which takes the overriding language for itself."""
    cache = caches[CACHE_ALIAS]
    found = cache.get(cache_key, _MISSING)
    if found is not _MISSING:
        return found  # type: ignore[return-value]
    with rendering_in(translation.get_language()):
        value = build()
    cache.set(cache_key, value, TIMEOUT)
    return value


def cached_html(cache_key: str, build: Callable[[], str]) -> SafeString:
    """Rendered HTML under ``cache_key`` (built by ``build`` when missing), marked safe: it
    was escaped when the template rendered it."""
    return mark_safe(cached(cache_key, lambda: str(build())))  # noqa: S308 - rendered template


def fill_csrf(html: str, request: HttpRequest) -> SafeString:
    """Cached HTML with the request's own CSRF field in every :data:`CSRF_SLOT` (the field
    made once per request: the top bar and the page share it)."""
    if CSRF_SLOT not in html:
        return mark_safe(html)  # noqa: S308 - rendered template
    field = getattr(request, _CSRF_FIELD, None)
    if field is None:
        field = str(csrf_input(request))
        setattr(request, _CSRF_FIELD, field)
    return mark_safe(html.replace(CSRF_SLOT, field))  # noqa: S308


_CSRF_FIELD = "_soteria_csrf_field"

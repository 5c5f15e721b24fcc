"""Links to the app's pages, reversed once.

``reverse`` costs ~9 µs a call, and pages link to dozens of objectives, units and
indicators: :func:`reverse_kept` keeps each answer per view name, arguments, script prefix,
URL configuration and language (what ``reverse``'s answer depends on).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

from soteria.core.i18n import active_language


def reverse_kept(name: str, *args: Any) -> str:
    """``reverse(name, args=args)``, kept (arguments that cannot be a key are reversed each
    time)."""
    try:
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        return _reversed(name, args, get_script_prefix(), urlconf, active_language())
    except TypeError:  # an argument that cannot be a key
        return reverse(name, args=args or None)


@lru_cache(maxsize=8192, typed=True)
def _reversed(
    name: str, args: tuple[Any, ...], prefix: str, urlconf: Any, language: str | None
) -> str:
    """``reverse`` under the script prefix, URL configuration and language in the key (they
    are the current ones when it runs)."""
    return reverse(name, args=args or None)

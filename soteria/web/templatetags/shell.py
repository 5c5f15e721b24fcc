"""Tags of the page shell (``web/base.html``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from soteria.web import shell

register = template.Library()


@register.simple_tag(takes_context=True)
def topbar(context: Any) -> SafeString:
    """The page's top bar (cached, see :func:`soteria.web.shell.topbar`)."""
    return shell.topbar(
        context.get("request"),
        {
            name: context.get(name)
            for name in ("user", "round_reminder", "round_office", "current_unit")
        },
    )

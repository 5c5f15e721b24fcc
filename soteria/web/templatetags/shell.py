"""Tags of the page shell (``web/base.html``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from soteria.web import shell

register = template.Library()


@register.simple_tag(takes_context=True)
def unit_picker_options(context: Any) -> SafeString | str:
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return ""
    return shell.picker_options(request, context.get("current_unit"))

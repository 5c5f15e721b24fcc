"""The Jinja2 environment for row-heavy page fragments.

Pages are Django templates. The fragments that draw many rows — the scorecard tables of the
unit dashboard, the objective page, the indicator page and the strategy house — are Jinja2
templates (``<app>/jinja2/``), rendered with ``render_to_string(name, context,
using="jinja2")``: Jinja2 compiles a template to Python code, which renders a 50-row table
several times faster than the Django template engine interprets it (see
``docs/architecture.md`` and ``benchmarks/RESULTS.md``). They use the same helpers as the
Django templates:

- texts: ``{{ _("Value") }}`` (extracted by ``makemessages`` like ``{% translate %}``);
  with placeholders ``{{ _("%(n)s off track")|format(n=count) }}`` (the value is escaped,
  the text too); plural texts are made in Python with ``ngettext``;
- ``url(name, *args)`` for ``{% url %}``;
- the filters ``number``, ``money``, ``tr`` and ``localize`` (numbers and dates in the
  active locale: unlike Django templates, Jinja2 does not localise ``{{ value }}`` itself),
  Django's ``date`` (``value|date("SHORT_DATE_FORMAT")``) and ``linebreaksbr``;
- the badges ``rag_status``, ``trend_badge``, ``tally_badge``, ``rollup_badges``.

Autoescaping is on, as in Django templates; a ``SafeString`` (``format_html``, a rendered
fragment) is not escaped again.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import linebreaksbr
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, ngettext, pgettext
from jinja2 import Environment, Template

from soteria.core.i18n import gettext_kept, rendering_in
from soteria.core.links import reverse_kept
from soteria.core.templatetags.soteria import money, number, tr
from soteria.scorecards.templatetags.scorecards import (
    rag_status,
    rollup_badges,
    tally_badge,
    trend_badge,
)


def url(name: str, *args: Any) -> str:
    """``{% url name arg… %}`` (kept: :func:`soteria.core.links.reverse_kept`)."""
    return reverse_kept(name, *args)


def date(value: Any, arg: str | None = None) -> str:
    """Django's ``date`` filter, the value first put into the active time zone as Django
    templates do before filtering."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return str(date_filter(value, arg))


def localize(value: Any) -> str:
    """A value as Django templates print it: numbers and dates in the active locale."""
    return str(formats.localize(value, use_l10n=True))


class _Template(Template):
    """A template that renders wholly in the language it began in
    (:func:`soteria.core.i18n.rendering_in`): its figures and texts look the language up
    in a context variable, not through Django's ``get_language`` each time."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        with rendering_in(translation.get_language()):
            return super().render(*args, **kwargs)


def environment(**options: Any) -> Environment:
    options.setdefault("extensions", [])
    if "jinja2.ext.i18n" not in options["extensions"]:
        options["extensions"].append("jinja2.ext.i18n")
    options.pop("autoescape", None)  # always on, whatever the settings say
    env = Environment(autoescape=True, **options)
    env.template_class = _Template
    # Old-style callables: ``_()`` returns the text, which is escaped when printed.
    env.install_gettext_callables(gettext, ngettext, newstyle=False)  # type: ignore[attr-defined]
    # ``_`` as a plain function, not the extension's alias: that takes the template
    # context, and Jinja2 derives a new context for every such call inside a loop (~40 µs
    # each). Each text is looked up once per language and process (``gettext_kept``): a
    # table asks for the same few texts on every row.
    env.globals["_"] = gettext_kept
    env.globals.update(
        url=url,
        pgettext=pgettext,
        rag_status=rag_status,
        trend_badge=trend_badge,
        tally_badge=tally_badge,
        rollup_badges=rollup_badges,
    )
    env.filters.update(
        number=number,
        money=money,
        tr=tr,
        localize=localize,
        date=date,
        linebreaksbr=linebreaksbr,
    )
    return env

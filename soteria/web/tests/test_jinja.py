"""The Jinja2 environment of the row-heavy fragments: escaping, translations, numbers, the
shared helpers."""

from __future__ import annotations

import pytest
from django.template import engines
from django.utils import translation
from django.utils.html import format_html


def render(source: str, **context: object) -> str:
    return engines["jinja2"].from_string(source).render(context)


def test_values_are_escaped_and_safe_strings_are_not():
    html = render(
        "{{ name }}|{{ badge }}",
        name='<script>alert("x")</script>',
        badge=format_html("<b>{}</b>", "<i>"),
    )
    assert html == "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;|<b>&lt;i&gt;</b>"


def test_texts_are_translated_and_their_values_escaped():
    source = '{{ _("Value") }} · {{ _("Unpin %(name)s")|format(name=name) }}'
    with translation.override("pl"):
        html = render(source, name="<Ward & Co>")
    assert html.startswith("Wartość · ")
    assert "&lt;Ward &amp; Co&gt;" in html and "<Ward" not in html


@pytest.mark.parametrize(
    ("language", "grouped", "plain"), [("en", "1,234.6", "0.5"), ("da", "1.234,6", "0,5")]
)
def test_numbers_in_the_active_locale_rounded(language, grouped, plain):
    with translation.override(language):
        assert render("{{ 1234.55|number(1) }}") == grouped
        assert render("{{ value|localize }}", value=0.5) == plain


def test_url_and_status_badge():
    html = render("{{ url('scorecard-dashboard', 'W1') }} {{ rag_status('red', None) }}")
    assert html.startswith("/") and "/W1/" in html
    assert 'class="rag-status rag-status--red"' in html and "off track" in html


def test_dates_are_shown_in_the_active_time_zone():
    import datetime as dt

    from django.utils import timezone

    moment = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)
    with timezone.override("Europe/Warsaw"):
        assert render("{{ moment|date('Y-m-d H:i') }}", moment=moment) == "2026-03-02 00:30"
    assert render("{{ day|date('Y-m-d') }}", day=dt.date(2026, 3, 1)) == "2026-03-01"


def test_each_rendering_translates_in_its_own_language():
    """``_`` keeps each text per language (a table asks for it on every row): a rendering
    in another language never gets the text of the one before."""
    template = engines["jinja2"].from_string(
        '{% for _i in range(3) %}{{ _("Value") }};{% endfor %}'
    )
    with translation.override("pl"):
        assert template.render({}) == "Wartość;" * 3
    with translation.override("da"):
        danish = translation.gettext("Value")
        assert danish != "Wartość" and template.render({}) == f"{danish};" * 3
    with translation.override("en"):
        assert template.render({}) == "Value;" * 3


def test_interface_texts_kept_per_language():
    from soteria.core.i18n import gettext_kept

    with translation.override("pl"):
        assert gettext_kept("Value") == "Wartość"
    with translation.override("en"):
        assert gettext_kept("Value") == "Value"
    with translation.override("pl"):
        assert gettext_kept("Value") == "Wartość"


def test_a_text_asked_for_under_another_language_inside_a_rendering_is_kept_in_the_rendering_language():
    """Code under ``translation.override`` inside a rendering (which holds its own language)
    must not leave the override's text kept for the rendering's language."""
    from soteria.core import i18n

    message = "off track"  # a status word, kept per language by gettext_kept
    i18n._kept.pop(("fi", message), None)
    with translation.override("fi"), i18n.rendering_in("fi"), translation.override("da"):
        i18n.gettext_kept(message)
    with translation.override("fi"):
        finnish = translation.gettext(message)
        assert finnish != message and i18n.gettext_kept(message) == finnish


def test_imported_macros_translate_in_the_language_of_each_rendering():
    """A macro imported with ``{% from … import … %}`` is kept by Jinja2 between renderings:
    its texts must still follow the language of the rendering that calls it (the period
    links of every scorecard page are such a macro)."""
    from jinja2 import DictLoader

    from soteria.web.jinja import environment

    env = environment(
        loader=DictLoader(
            {
                "macros.html": '{% macro label() %}{{ _("Value") }}{% endmacro %}',
                "page.html": '{% from "macros.html" import label %}{{ label() }}',
            }
        )
    )
    page = env.get_template("page.html")
    for language in ("pl", "da", "en", "pl"):
        with translation.override(language):
            assert page.render() == translation.gettext("Value")
    with translation.override("pl"):
        assert page.render() == "Wartość"


def test_a_rendering_keeps_the_language_it_began_in_for_figures_texts_and_names():
    """Figures, texts and translated names inside a rendering look the language up once
    (``core.i18n.rendering_in``): each rendering in its own language, a nested rendering in
    its own, and outside any rendering Django's active language as before."""
    from jinja2 import DictLoader

    from soteria.core.i18n import active_language, localise
    from soteria.core.numbers import display
    from soteria.web.jinja import environment

    env = environment(
        loader=DictLoader(
            {"page.html": '{{ x|number(1) }}|{{ _("Value") }}|{{ name|tr }}|{{ inner() }}'}
        )
    )
    inner = env.from_string("{{ y|number(1) }}")  # (a variable: Jinja2 folds constants)
    name = {"en": "Cardiology", "pl": "Kardiologia", "da": "Kardiologi"}

    def nested() -> str:
        with translation.override("en"):  # a rendering begun inside another, in English
            return inner.render(y=0.5)

    expected = {"pl": "1 234,5|Wartość|Kardiologia|0.5", "da": "1.234,5|Værdi|Kardiologi|0.5"}
    for language in ("pl", "da", "pl"):
        with translation.override(language):
            page = env.get_template("page.html").render(x=1234.5, name=name, inner=nested)
            assert page.replace("\xa0", " ") == expected[language]
            assert active_language() == language  # after the rendering: Django's again
            assert display(1234.5, 1) == env.from_string("{{ x|number(1) }}").render(x=1234.5)
            assert localise(name) == name[language]
    with translation.override("en"):
        assert active_language() == "en" and display(0.25, 2) == "0.25"


def test_url_is_reverse_under_the_current_prefix_and_urlconf():
    """``url()`` keeps what ``reverse`` gives, per script prefix (an app mounted under a
    path) and URL configuration: a kept answer never leaks into another."""
    from django.urls import get_script_prefix, reverse, set_script_prefix
    from django.urls.base import set_urlconf

    from soteria.web.jinja import url

    for name, args in (("scorecard-dashboard", ("A Bø",)), ("scorecard-objective", (17,))):
        assert url(name, *args) == reverse(name, args=args) == url(name, *args)
    before = get_script_prefix()
    try:
        set_script_prefix("/soteria/")
        assert url("scorecard-objective", 17) == "/soteria/scorecards/objectives/17/"
        assert url("scorecard-objective", 17) == reverse("scorecard-objective", args=[17])
    finally:
        set_script_prefix(before)
    assert url("scorecard-objective", 17) == "/scorecards/objectives/17/"
    set_urlconf("soteria.web.tests.urls_other")
    try:
        assert url("scorecard-objective", 17) == "/elsewhere/17/"
    finally:
        set_urlconf(None)
    assert url("scorecard-objective", 17) == "/scorecards/objectives/17/"
    from django.test import override_settings

    with override_settings(ROOT_URLCONF="soteria.web.tests.urls_other"):
        assert url("scorecard-objective", 17) == "/elsewhere/17/"
    assert url("scorecard-objective", 17) == "/scorecards/objectives/17/"
    # an argument that cannot be a key is reversed as it is
    assert url("scorecard-dashboard", ["W1"]) == reverse("scorecard-dashboard", args=[["W1"]])

"""Status, trend and tally badges: an icon and words, never colour alone."""

from __future__ import annotations

from django.template import Context, Template
from django.utils.translation import override

from soteria.indicators.status import Rag
from soteria.scorecards.house import Tally


def _render(text: str, **context) -> str:
    return Template("{% load scorecards %}" + text).render(Context(context))


def test_a_status_is_an_icon_words_and_a_score():
    html = _render("{% rag_status s 0.8149 %}", s=Rag.GREEN)
    assert 'class="rag-status rag-status--green"' in html
    assert "✔" in html and "on track" in html and "81 %" in html
    assert "not rated" in _render("{% rag_status s None %}", s=None)
    with override("pl"):
        assert "zagrożone" in _render("{% rag_status s None %}", s=Rag.AMBER)


def test_a_tally_lists_each_count_and_says_none_when_empty():
    html = _render("{% tally_badge t 'Indicators' %}", t=Tally(on_track=2, at_risk=1))
    assert "Indicators:" in html and "2 on track" in html and "1 at risk" in html
    assert "not rated" not in html
    assert "none" in _render("{% tally_badge t 'Initiatives' %}", t=Tally())


def test_labels_are_escaped():
    html = _render("{% tally_badge t label %}", t=Tally(), label="<script>x</script>")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_values_are_escaped_as_format_html_escapes_them_and_safe_html_is_kept():
    from types import SimpleNamespace

    from django.utils.html import format_html
    from django.utils.safestring import mark_safe

    from soteria.scorecards.templatetags.scorecards import tally_badge, trend_badge

    label = 'Ward\'s "A" & <B>'
    html = tally_badge(Tally(), label)
    assert format_html("{}", label) in html  # Ward&#x27;s &quot;A&quot; &amp; &lt;B&gt;
    trend = SimpleNamespace(direction="up", label=label, arrow="↑", word="up", detail=label)
    assert trend_badge(trend).count(str(format_html("{}", label))) == 2
    assert "<i>kept</i>" in tally_badge(Tally(), mark_safe("<i>kept</i>"))

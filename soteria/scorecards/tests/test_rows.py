"""Table rows: the link to an indicator page."""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from soteria.indicators.periods import parse
from soteria.scorecards.rows import indicator_url


@pytest.mark.parametrize("code", ["ALOS", "ED_SEEN_4H", "X-1.2", "CODE-SLOT", "a b", "ä?", "Z%20"])
def test_the_indicator_link_is_what_reverse_gives(code):
    unit = SimpleNamespace(code="H-1 &")
    expected = (
        reverse("scorecard-indicator", args=[code])
        + "?"
        + urlencode({"unit": "H-1 &", "period": "2026Q1"})
    )
    assert indicator_url(code, unit, parse("2026Q1")) == expected


def test_the_indicator_link_follows_the_script_prefix():
    from django.urls import set_script_prefix

    unit = SimpleNamespace(code="H")
    try:
        set_script_prefix("/soteria/")
        assert indicator_url("ALOS", unit, parse("2026Q1")).startswith(
            "/soteria/scorecards/indicators/ALOS/?"
        )
    finally:
        set_script_prefix("/")
    assert indicator_url("ALOS", unit, parse("2026Q1")).startswith("/scorecards/indicators/")

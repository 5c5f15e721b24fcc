"""Which unit and period a scorecard page shows, read from the query string."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.utils import timezone

from soteria.indicators import periods
from soteria.indicators.periods import PeriodType
from soteria.scorecards.selection import BadSelection, Selection, selection_from


def request_for(user, **params):
    request = RequestFactory().get("/scorecards/", params)
    request.user = user
    return request


def test_defaults_are_the_given_unit_and_the_last_complete_quarter(world):
    selection = selection_from(request_for(world.quality), world.hospital)
    assert selection.unit == world.hospital
    expected = periods.last_complete(PeriodType.QUARTER, timezone.localdate())
    assert selection.period == expected
    assert selection.period_type == PeriodType.QUARTER


def test_a_period_type_alone_gives_its_last_complete_period(world):
    selection = selection_from(request_for(world.quality, period_type="month"), world.hospital)
    assert selection.period == periods.last_complete(PeriodType.MONTH, timezone.localdate())
    ignored = selection_from(request_for(world.quality, period_type="decade"), world.hospital)
    assert ignored.period.type == PeriodType.QUARTER


def test_unit_and_period_from_the_query_string(world):
    selection = selection_from(
        request_for(world.quality, unit="HOSP-SURG", period=" 2026S1 "), world.hospital
    )
    assert selection.unit == world.surgery
    assert selection.period == periods.parse("2026S1")


@pytest.mark.parametrize(
    ("user", "params"),
    [
        ("quality", {"unit": "NOPE"}),  # unknown
        ("lead", {"unit": "HOSP-SURG"}),  # a sibling of the lead's department
        ("lead", {"unit": "HOSP"}),  # above the lead's department
        ("quality", {"unit": "OTHER"}),  # another organisation
        ("quality", {"period": "2026Q5"}),
        ("quality", {"period": "Q1-2026"}),
        ("quality", {"period": "0000"}),  # parses, but has no days
        ("quality", {"period": "9999Q4"}),  # its next period has no days
    ],
)
def test_unknown_or_hidden_units_and_bad_periods_are_not_found(world, user, params):
    with pytest.raises(Http404) as raised:
        selection_from(request_for(getattr(world, user), **params), world.cardiology)
    assert isinstance(raised.value, BadSelection)


def test_without_a_unit_to_fall_back_on_it_is_not_found(world):
    with pytest.raises(BadSelection):
        selection_from(request_for(world.quality), None)


def test_the_default_unit_is_checked_too(world):
    with pytest.raises(BadSelection):
        selection_from(request_for(world.lead), world.hospital)


def test_previous_next_query_and_period_choices(world):
    selection = Selection(world.cardiology, periods.parse("2026Q1"))
    assert selection.previous.code == "2025Q4"
    assert selection.next.code == "2026Q2"
    assert Selection(world.cardiology, periods.parse("202601")).previous.code == "202512"
    assert selection.query() == "?unit=HOSP-CARD&period=2026Q1"
    assert selection.query(period="2025Q4", table="series") == (
        "?unit=HOSP-CARD&period=2025Q4&table=series"
    )
    assert selection.query(unit="HOSP", period=None) == "?unit=HOSP&period=2026Q1"
    # codes that need quoting: the cached unit-and-period string is urlencode's
    for code in ("A B", "Ä&Ö=1", "x/y?z#w", "+%"):
        assert selection.query(unit=code) == "?" + urlencode({"unit": code, "period": "2026Q1"})
    choices = [(code, str(label), chosen) for code, label, chosen in selection.period_choices]
    assert choices == [
        ("202601", "Month", False),
        ("2026Q1", "Quarter", True),
        ("2026S1", "Half-year", False),
        ("2026", "Year", False),
    ]

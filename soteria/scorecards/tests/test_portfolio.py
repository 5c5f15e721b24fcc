"""The initiatives portfolio: grouping, budget burn and totals, overdue milestones, who sees
what (page and CSV), the current approved version, bad parameters, fixed number of queries."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, reverse_lazy

from soteria.indicators.periods import parse
from soteria.scorecards import caching
from soteria.scorecards import portfolio as domain
from soteria.scorecards.portfolio import Filters, Grouping
from soteria.strategy import services as strategy_services
from soteria.strategy.models import (
    BudgetLine,
    FundingSource,
    Initiative,
    Milestone,
    Objective,
    Programme,
    StrategyVersion,
    VersionStatus,
)
from soteria.testing.factories import World, strategy_build

TODAY = dt.date(2026, 4, 15)
PERIOD = parse("2026Q1")
URL = reverse_lazy("scorecard-portfolio")


def create(version: StrategyVersion, model: Any, **fields: Any) -> Any:
    """An element straight into the (approved, so frozen) version: test data, not an edit."""
    return model.objects.create(version=version, **fields)


@pytest.fixture
def scene(world: World) -> dict[str, Any]:
    """The world's hospital strategy (I1: cardiology, EHR roll-out) plus:

    - I2 (surgery, programme PR2): funded by the Recovery fund and EU4Health, overspent,
      one milestone overdue, one done and one cancelled (both due before today);
    - I3 (cardiology, PR1): cancelled, with a milestone long past (not overdue: cancelled),
      budget in PLN;
    - the other organisation's strategy with its own initiative.
    """
    version = world.strategy
    i1 = Initiative.objects.get(version=version, code="I1")
    pr2 = create(
        version,
        Programme,
        code="PR2",
        title={"en": "Patient safety"},
        owner_unit=world.hospital,
        order=1,
    )
    o2 = create(
        version,
        Objective,
        programme=pr2,
        code="O2",
        title={"en": "Fewer falls"},
        owner_unit=world.surgery,
    )
    i2 = create(
        version,
        Initiative,
        objective=o2,
        code="I2",
        title={"en": "Falls prevention"},
        owner_unit=world.surgery,
        start=dt.date(2026, 1, 1),
        end=dt.date(2027, 12, 31),
        status="planned",
    )
    create(
        version,
        FundingSource,
        initiative=i2,
        programme_name={"en": "Recovery fund"},
        amount=Decimal("200000"),
        currency="EUR",
    )
    create(
        version,
        FundingSource,
        initiative=i2,
        programme_name={"en": "EU4Health"},
        amount=Decimal("50000"),
        currency="EUR",
    )
    create(
        version,
        BudgetLine,
        initiative=i2,
        category={"en": "Sensors"},
        planned=Decimal("100000"),
        spent=Decimal("130000"),
        currency="EUR",
    )
    create(
        version,
        Milestone,
        initiative=i2,
        title={"en": "Risk assessment"},
        due=dt.date(2026, 2, 1),
        status="planned",
    )
    create(
        version,
        Milestone,
        initiative=i2,
        title={"en": "Pilot ward"},
        due=dt.date(2026, 3, 1),
        status="done",
    )
    create(
        version,
        Milestone,
        initiative=i2,
        title={"en": "Dropped audit"},
        due=dt.date(2026, 1, 15),
        status="cancelled",
    )
    create(
        version,
        Milestone,
        initiative=i2,
        title={"en": "Due today"},
        due=TODAY,
        status="planned",
    )
    o1 = Objective.objects.get(version=version, code="O1")
    i3 = create(
        version,
        Initiative,
        objective=o1,
        code="I3",
        title={"en": "Paper archive"},
        owner_unit=world.cardiology,
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 12, 31),
        status="cancelled",
    )
    create(
        version,
        Milestone,
        initiative=i3,
        title={"en": "Boxes counted"},
        due=dt.date(2025, 6, 1),
        status="planned",
    )
    create(
        version,
        BudgetLine,
        initiative=i3,
        category={"en": "Boxes"},
        planned=Decimal("1000"),
        spent=Decimal("0"),
        currency="PLN",
    )
    other = strategy_build(world.other_org, code="OS")
    other_initiative = Initiative.objects.get(version=other)
    other_initiative.title = {"en": "Other roll-out"}
    other_initiative.save()
    return {"i1": i1, "i2": i2, "i3": i3, "other": other_initiative}


def _portfolio(user: Any, units: list[Any], **filters: Any) -> domain.Portfolio:
    return domain.portfolio(
        user, units, today=TODAY, period=PERIOD, filters=Filters(**filters) if filters else None
    )


def _codes(rows: list[domain.Row]) -> list[str]:
    return [row.initiative.code for row in rows]


def _csv(response: Any) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


# --- grouping ---------------------------------------------------------------------------------


def test_grouped_by_programme(world, scene):
    data = _portfolio(world.quality, [world.hospital])
    assert [(g.label, _codes(g.rows)) for g in data.groups] == [
        ("PR1 Digitalisation", ["I1", "I3"]),
        ("PR2 Patient safety", ["I2"]),
    ]
    assert data.groups[0].detail == "Strategy 2025–2028 · v1"
    assert sorted(_codes(data.rows)) == ["I1", "I2", "I3"]


def test_grouped_by_funding_lists_an_initiative_under_each_of_its_programmes(world, scene):
    data = _portfolio(world.quality, [world.hospital], group=Grouping.FUNDING)
    groups = {g.label: g for g in data.groups}
    assert list(groups) == ["EU4Health", "Recovery fund", "No funding source"]
    assert _codes(groups["Recovery fund"].rows) == ["I1", "I2"]
    assert _codes(groups["EU4Health"].rows) == ["I2"]
    assert _codes(groups["No funding source"].rows) == ["I3"]
    # the group's funding is its own programme's money only
    assert groups["Recovery fund"].funding_totals == [("EUR", Decimal("1200000"))]
    assert groups["EU4Health"].funding_totals == [("EUR", Decimal("50000"))]
    # the overall totals count I2 once
    assert len(data.rows) == 3
    assert data.funding_totals == [("EUR", Decimal("1250000"))]


def test_grouped_by_status_in_the_order_of_the_statuses(world, scene):
    data = _portfolio(world.quality, [world.hospital], group=Grouping.STATUS)
    assert [(g.key, _codes(g.rows)) for g in data.groups] == [
        ("planned", ["I2"]),
        ("in_progress", ["I1"]),
        ("cancelled", ["I3"]),
    ]


def test_filters_by_status_and_funding_programme(world, scene):
    assert _codes(_portfolio(world.quality, [world.hospital], status="planned").rows) == ["I2"]
    funded = _portfolio(world.quality, [world.hospital], funding="recovery FUND")
    assert _codes(funded.rows) == ["I1", "I2"]
    # the choices come from every initiative of the units, whatever the filters
    assert funded.funding_choices == [
        ("eu4health", "EU4Health"),
        ("recovery fund", "Recovery fund"),
    ]


def test_unit_filter_keeps_the_subtree(world, scene):
    assert _codes(_portfolio(world.quality, [world.surgery]).rows) == ["I2"]
    assert sorted(_codes(_portfolio(world.quality, [world.cardiology]).rows)) == ["I1", "I3"]


# --- money and milestones ---------------------------------------------------------------------


def test_budget_burn_and_totals_per_currency(world, scene):
    data = _portfolio(world.quality, [world.hospital])
    rows = {row.initiative.code: row for row in data.rows}
    (ehr,) = rows["I1"].budget_totals
    assert (ehr.currency, ehr.planned, ehr.spent, ehr.percent, ehr.bar) == (
        "EUR",
        Decimal("500000"),
        Decimal("120000"),
        24,
        24,
    )
    (falls,) = rows["I2"].budget_totals
    assert (falls.percent, falls.bar) == (130, 100)  # overspent: the bar stops at 100
    pr1 = data.groups[0]
    assert [(m.currency, m.planned, m.spent) for m in pr1.budget_totals] == [
        ("EUR", Decimal("500000"), Decimal("120000")),
        ("PLN", Decimal("1000"), Decimal("0")),
    ]
    assert [(m.currency, m.planned, m.spent) for m in data.budget_totals] == [
        ("EUR", Decimal("600000"), Decimal("250000")),
        ("PLN", Decimal("1000"), Decimal("0")),
    ]


def test_overdue_milestones_as_of_today(world, scene):
    data = _portfolio(world.quality, [world.hospital])
    rows = {row.initiative.code: row for row in data.rows}
    assert [i.milestone.title["en"] for i in rows["I2"].overdue] == ["Risk assessment"]
    kinds = {i.milestone.title["en"]: i.kind for i in rows["I2"].milestones}
    assert kinds == {
        "Dropped audit": "cancelled",
        "Risk assessment": "overdue",
        "Pilot ward": "done",
        "Due today": "open",
    }
    assert rows["I3"].overdue_count == 0  # the initiative is cancelled
    assert rows["I1"].overdue_count == 0  # due 30 June 2026
    assert [g.overdue_count for g in data.groups] == [0, 1]
    assert data.overdue_count == 1
    # a later day: the go-live is overdue too
    later = domain.portfolio(
        world.quality, [world.hospital], today=dt.date(2026, 7, 1), period=PERIOD
    )
    assert later.overdue_count == 3


def test_is_overdue_follows_the_milestone_status_rule(world, scene):
    milestone = Milestone(due=dt.date(2026, 4, 14), status="late")
    assert domain.is_overdue(milestone, scene["i2"], TODAY)
    assert not domain.is_overdue(milestone, scene["i2"], dt.date(2026, 4, 14))
    assert not domain.is_overdue(milestone, scene["i3"], TODAY)  # cancelled initiative


def test_rating_for_the_period_uses_the_house_rule(world, scene):
    rows = {row.initiative.code: row for row in _portfolio(world.quality, [world.hospital]).rows}
    # I2 at the end of 2026Q1: risk assessment overdue (red), pilot done (green) → 0.5 amber
    assert rows["I2"].rating == "amber"
    assert rows["I1"].rating is None  # go-live not due yet


def test_timeline_positions(world, scene):
    data = _portfolio(world.quality, [world.hospital])
    scale = data.scale
    assert scale is not None
    assert (scale.first_year, scale.last_year) == (2025, 2027)
    assert [year for year, _width in scale.years] == [2025, 2026, 2027]
    rows = {row.initiative.code: row for row in data.rows}
    assert rows["I1"].bar_left == "0.00%"
    assert rows["I2"].bar_left == f"{100 * 365 / 1095:.2f}%"
    assert rows["I2"].bar_width == f"{100 * 730 / 1095:.2f}%"
    assert scale.today_left == f"{100 * (365 + 104) / 1095:.2f}%"
    label = rows["I2"].timeline_label
    assert "Falls prevention" in label and "4 milestones, 1 overdue" in label


# --- who sees what ----------------------------------------------------------------------------


def test_top_units(world):
    assert [u.code for u in domain.top_units(world.lead)] == ["HOSP-CARD"]
    assert [u.code for u in domain.top_units(world.quality)] == ["HOSP"]
    world.admin.is_superuser = True
    world.admin.save()
    assert {u.code for u in domain.top_units(world.admin)} == {"REG", "OTHER"}


def test_a_unit_lead_sees_only_their_units_initiatives(client, world, scene):
    client.force_login(world.lead)
    response = client.get(URL, {"period": "2026Q1"})
    assert response.status_code == 200
    rows = response.context["data"].rows
    assert sorted(_codes(rows)) == ["I1", "I3"]
    content = response.content.decode()
    assert "EHR roll-out" in content
    assert "Falls prevention" not in content
    assert "Other roll-out" not in content
    assert reverse("initiative-detail", args=[scene["i1"].pk]) in content
    # a unit above theirs, or another organisation's, is "not found"
    assert client.get(URL, {"unit": "HOSP"}).status_code == 404
    assert client.get(URL, {"unit": "OTHER"}).status_code == 404


def test_the_csv_obeys_the_same_rules(client, world, scene):
    client.force_login(world.lead)
    response = client.get(URL, {"format": "csv", "period": "2026Q1"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    header = rows[0]
    assert header[:7] == [
        "Group",
        "Strategy",
        "Version",
        "Programme",
        "Objective",
        "Initiative code",
        "Initiative",
    ]
    assert sorted(r[header.index("Initiative code")] for r in rows[1:]) == ["I1", "I3"]
    text = response.content.decode()
    assert "Other roll-out" not in text and "Falls prevention" not in text
    assert client.get(URL, {"format": "csv", "unit": "OTHER"}).status_code == 404


def test_the_csv_of_the_quality_office(client, world, scene):
    client.force_login(world.quality)
    response = client.get(URL, {"format": "csv", "group": "funding"})
    rows = _csv(response)
    header = rows[0]
    col = {name: header.index(name) for name in header}
    by_group = [(r[col["Group"]], r[col["Initiative code"]]) for r in rows[1:]]
    assert by_group == [
        ("EU4Health", "I2"),
        ("Recovery fund", "I1"),
        ("Recovery fund", "I2"),
        ("No funding source", "I3"),
    ]
    i2 = rows[1]
    assert i2[col["Currency"]] == "EUR"
    assert i2[col["Budget planned"]] == "100000.00"
    assert i2[col["Budget spent"]] == "130000.00"
    assert i2[col["Spent (%)"]] == "130"
    assert i2[col["Start"]] == "2026-01-01"


def test_csv_cells_cannot_start_a_formula(world, scene):
    scene["i1"].title = {"en": "=HYPERLINK(1)"}
    scene["i1"].save()
    rows = domain.csv_rows(_portfolio(world.quality, [world.hospital]))
    titles = [r[6] for r in rows[1:]]
    assert "'=HYPERLINK(1)" in titles


def test_a_superuser_without_a_unit_sees_every_root(client, world, scene):
    world.admin.is_superuser = True
    world.admin.save()
    client.force_login(world.admin)
    response = client.get(URL)
    assert response.status_code == 200
    data = response.context["data"]
    assert {u.code for u in data.units} == {"REG", "OTHER"}
    assert "Other roll-out" in response.content.decode()
    assert {row.initiative.code for row in data.rows} == {"I1", "I2", "I3"}
    assert len(data.rows) == 4


def test_a_user_without_any_role_gets_not_found(client, world):
    from soteria.testing.factories import user_create

    client.force_login(user_create("nobody"))
    assert client.get(URL).status_code == 404


# --- which version ----------------------------------------------------------------------------


def test_only_the_current_approved_version_is_shown(client, world, scene):
    draft = strategy_services.version_copy(actor=None, version=world.strategy)
    client.force_login(world.quality)
    data = client.get(URL).context["data"]
    assert {row.initiative.version_id for row in data.rows} == {world.strategy.pk}
    strategy_services.version_transition(
        actor=None,
        version=draft,
        status=VersionStatus.APPROVED,
        approving_body={"en": "Board"},
        decision_date=dt.date(2026, 1, 1),
    )
    data = client.get(URL).context["data"]
    assert {row.initiative.version_id for row in data.rows} == {draft.pk}
    assert sorted(_codes(data.rows)) == ["I1", "I2", "I3"]


def test_a_strategy_without_an_approved_version_is_left_out(client, world):
    strategy_build(world.hospital, code="S2", approve=False)
    client.force_login(world.quality)
    data = client.get(URL).context["data"]
    assert [v.strategy.code for v in data.versions] == ["S1"]
    assert {row.initiative.version_id for row in data.rows} == {world.strategy.pk}


# --- bad parameters ---------------------------------------------------------------------------


@pytest.mark.parametrize("group", ["nonsense", "<script>", "PROGRAMME"])
def test_a_bad_grouping_falls_back_with_a_message(client, world, scene, group):
    client.force_login(world.quality)
    response = client.get(URL, {"group": group})
    assert response.status_code == 200
    assert response.context["data"].filters.group == Grouping.PROGRAMME
    content = response.content.decode()
    assert "Unknown grouping" in content
    assert "<script>" not in content.split("<main", 1)[1]
    csv_response = client.get(URL, {"group": group, "format": "csv"})
    assert csv_response.status_code == 200


def test_a_bad_status_falls_back_and_bad_unit_or_period_are_not_found(client, world, scene):
    client.force_login(world.quality)
    response = client.get(URL, {"status": "exploded"})
    assert response.status_code == 200
    assert "Unknown status" in response.content.decode()
    assert len(response.context["data"].rows) == 3
    assert client.get(URL, {"unit": "NOPE"}).status_code == 404
    assert client.get(URL, {"period": "2026Q9"}).status_code == 404


def test_the_page_shows_the_figures(client, world, scene):
    client.force_login(world.quality)
    content = client.get(URL, {"period": "2026Q1"}).content.decode()
    assert "120,000 of 500,000 EUR" in content
    assert "24 % spent" in content
    assert "over budget" in content
    assert 'role="img"' in content
    assert "pf-ms--overdue" in content
    assert "Rating 2026Q1" in content
    assert "group=funding" in content


# --- queries ----------------------------------------------------------------------------------


def _add_initiatives(world: World, n: int) -> None:
    version = world.strategy
    objective = Objective.objects.get(version=version, code="O1")
    for i in range(n):
        initiative = create(
            version,
            Initiative,
            objective=objective,
            code=f"X{i}",
            title={"en": f"Extra {i}"},
            owner_unit=world.cardiology,
            start=dt.date(2025, 1, 1),
            end=dt.date(2026, 1, 1),
        )
        create(
            version,
            Milestone,
            initiative=initiative,
            title={"en": "M"},
            due=dt.date(2025, 6, 1),
        )
        create(
            version,
            BudgetLine,
            initiative=initiative,
            category={"en": "B"},
            planned=Decimal("10"),
            spent=Decimal("5"),
            currency="EUR",
        )
        create(
            version,
            FundingSource,
            initiative=initiative,
            programme_name={"en": f"Fund {i}"},
            amount=Decimal("10"),
            currency="EUR",
        )


def _count(client: Any, params: dict[str, str]) -> int:
    caching.clear()  # the page shell is cached: count a first rendering each time
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("params", [{}, {"group": "funding"}, {"format": "csv"}])
def test_queries_do_not_grow_with_the_number_of_initiatives(client, world, scene, params):
    client.force_login(world.quality)
    _add_initiatives(world, 1)
    _count(client, params)  # warm caches (content types, sessions)
    few = _count(client, params)
    version = world.strategy
    objective = Objective.objects.get(version=version, code="O1")
    for i in range(6):
        initiative = create(
            version,
            Initiative,
            objective=objective,
            code=f"Y{i}",
            title={"en": f"More {i}"},
            owner_unit=world.surgery,
        )
        create(version, Milestone, initiative=initiative, title={"en": "M"}, due=TODAY)
        create(
            version,
            FundingSource,
            initiative=initiative,
            programme_name={"en": "Fund Y"},
            amount=Decimal("1"),
            currency="DKK",
        )
    many = _count(client, params)
    assert many == few


def test_the_domain_function_uses_a_fixed_number_of_queries(
    world, scene, django_assert_num_queries
):
    _add_initiatives(world, 5)
    # the user's memberships, strategies, their versions, initiatives, milestones, budget
    # lines, funding
    with django_assert_num_queries(7):
        data = _portfolio(world.quality, [world.hospital])
        shown = [
            (
                row.timeline_label,
                row.rating,
                [item.kind for item in row.milestones],
                row.budget_totals,
                row.funding_totals,
                row.initiative.owner_unit.display_name,
                row.programme.title,
                row.strategy.title,
            )
            for group in data.groups
            for row in group.rows
        ]
    assert len(shown) == 8
    assert len(data.rows) == 8

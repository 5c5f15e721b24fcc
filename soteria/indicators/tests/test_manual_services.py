"""Hand-entered values: entry rules, approval (four eyes), locks, and the roll-up into
IndicatorValue — every published figure below is worked out by hand in the comments.

World: REG → HOSP → {HOSP-CARD, HOSP-SURG}; OTHER. lead = unit lead on CARD, contributor on
CARD, quality = quality manager on HOSP, viewer on HOSP, admin on REG, stranger on OTHER.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from soteria.audit.models import AuditAction, AuditEntry
from soteria.indicators import manual
from soteria.indicators.models import (
    EntryStatus,
    IndicatorDefinition,
    IndicatorValue,
    ManualValue,
    PeriodLock,
)
from soteria.indicators.periods import parse
from soteria.organisations.models import Role
from soteria.testing.factories import World, role_give, standard_indicator, user_create


@dataclass
class Defs:
    edoc: IndicatorDefinition  # a share in percent: multiplier 100, needs "out of"
    hours: IndicatorDefinition  # an amount: no "out of"
    quarterly: IndicatorDefinition  # an amount entered per quarter


def make_defs() -> Defs:
    common = {"direction": "higher", "source": "manual", "decimals": 1}
    return Defs(
        edoc=IndicatorDefinition.objects.create(
            code="T_EDOC", name={"en": "E-doc share"}, unit="percent", multiplier=100, **common
        ),
        hours=IndicatorDefinition.objects.create(
            code="T_HOURS", name={"en": "Training hours"}, unit="hours", **common
        ),
        quarterly=IndicatorDefinition.objects.create(
            code="T_BUDGET",
            name={"en": "Budget spent"},
            unit="currency",
            entry_period="quarter",
            **common,
        ),
    )


@pytest.fixture
def defs(world: World) -> Defs:
    return make_defs()


def approved(definition, unit, period, numerator, denominator=None) -> ManualValue:
    """Entered, submitted and approved by the system (no permission or four-eyes checks)."""
    value = manual.manual_enter(None, definition, unit, period, numerator, denominator, submit=True)
    return manual.manual_approve(None, value)


def published(definition) -> dict[tuple[str, str], IndicatorValue]:
    return {
        (v.unit.code, v.period): v
        for v in IndicatorValue.objects.filter(definition=definition).select_related("unit")
    }


def audits(model) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(model)).order_by(
            "pk"
        )
    )


# --- the whole flow and the roll-up ------------------------------------------------------


def test_enter_submit_approve_publishes_the_unit_its_parents_and_longer_periods(world, defs):
    value = manual.manual_enter(world.contributor, defs.edoc, world.cardiology, "202601", 80, 100)
    assert value.status == EntryStatus.DRAFT
    assert value.entered_by == world.contributor
    assert value.period_start == date(2026, 1, 1)
    assert not IndicatorValue.objects.filter(definition=defs.edoc).exists()  # drafts don't count
    value = manual.manual_submit(world.contributor, value)
    assert value.status == EntryStatus.SUBMITTED
    assert not IndicatorValue.objects.filter(definition=defs.edoc).exists()
    value = manual.manual_approve(world.lead, value)
    assert value.status == EntryStatus.APPROVED
    assert value.approved_by == world.lead
    rows = published(defs.edoc)
    # CARD and its ancestors HOSP and REG × the month and its quarter, half-year and year.
    assert set(rows) == {
        (unit, period)
        for unit in ("HOSP-CARD", "HOSP", "REG")
        for period in ("202601", "2026Q1", "2026S1", "2026")
    }
    row = rows[("REG", "2026")]
    assert (row.numerator, row.denominator, row.value) == (80, 100, 80.0)
    assert row.period_type == "year" and row.period_start == date(2026, 1, 1)
    assert row.definition_version == defs.edoc.version
    assert not any(r.unit_id == world.surgery.pk for r in rows.values())


def test_shares_roll_up_by_summing_numerators_and_denominators_never_averaging(world, defs):
    approved(defs.edoc, world.cardiology, "202601", 80, 100)
    approved(defs.edoc, world.cardiology, "202602", 90, 100)
    approved(defs.edoc, world.cardiology, "202603", 45, 50)
    approved(defs.edoc, world.surgery, "202601", 1, 10)
    rows = published(defs.edoc)
    # HOSP January: (80 + 1) / (100 + 10) = 73.636…% (the mean of 80% and 10% would be 45%).
    jan = rows[("HOSP", "202601")]
    assert (jan.numerator, jan.denominator) == (81, 110)
    assert jan.value == pytest.approx(81 / 110 * 100)
    # CARD Q1: (80 + 90 + 45) / (100 + 100 + 50) = 215 / 250 = 86% (mean of months: 86.67%).
    q1 = rows[("HOSP-CARD", "2026Q1")]
    assert (q1.numerator, q1.denominator, q1.value) == (215, 250, pytest.approx(86.0))
    # HOSP and REG Q1, S1, year: (215 + 1) / (250 + 10) = 83.077%.
    for unit in ("HOSP", "REG"):
        for period in ("2026Q1", "2026S1", "2026"):
            row = rows[(unit, period)]
            assert (row.numerator, row.denominator) == (216, 260)
            assert row.value == pytest.approx(216 / 260 * 100)
    # SURG has January only, and its quarter, half-year and year.
    assert {p for u, p in rows if u == "HOSP-SURG"} == {"202601", "2026Q1", "2026S1", "2026"}
    assert rows[("HOSP-SURG", "2026Q1")].value == pytest.approx(10.0)
    # 6 periods × CARD, HOSP, REG + 4 for SURG.
    assert len(rows) == 22


def test_amounts_sum_with_no_denominator_and_use_the_multiplier(world, defs):
    approved(defs.hours, world.cardiology, "202601", 12.5)
    approved(defs.hours, world.surgery, "202601", 7)
    approved(defs.hours, world.surgery, "202604", 3)
    rows = published(defs.hours)
    assert rows[("HOSP", "202601")].value == 19.5
    assert rows[("HOSP", "202601")].denominator is None
    assert rows[("HOSP", "2026Q1")].value == 19.5
    assert rows[("HOSP", "2026Q2")].value == 3
    assert rows[("HOSP", "2026S1")].value == 22.5
    assert rows[("REG", "2026")].value == 22.5
    assert rows[("HOSP-SURG", "2026")].value == 10
    IndicatorDefinition.objects.filter(pk=defs.hours.pk).update(multiplier=60)  # in minutes
    defs.hours.refresh_from_db()
    manual.manual_publish(defs.hours)
    assert published(defs.hours)[("REG", "2026")].value == 22.5 * 60


def test_a_quarterly_value_rolls_up_to_half_year_and_year_only(world, defs):
    assert [p.code for p in manual.rollup_periods(parse("2026Q2"))] == ["2026Q2", "2026S1", "2026"]
    assert [p.code for p in manual.rollup_periods(parse("2026S2"))] == ["2026S2", "2026"]
    assert [p.code for p in manual.rollup_periods(parse("2026"))] == ["2026"]
    approved(defs.quarterly, world.cardiology, "2026Q2", 1000)
    approved(defs.quarterly, world.cardiology, "2026Q3", 500)
    rows = published(defs.quarterly)
    assert {p for u, p in rows if u == "HOSP-CARD"} == {
        "2026Q2",
        "2026Q3",
        "2026S1",
        "2026S2",
        "2026",
    }
    assert rows[("REG", "2026")].value == 1500


def test_zero_denominator_gives_no_value_with_the_reason(world, defs):
    value = approved(defs.edoc, world.cardiology, "202601", 0, 10)
    ManualValue.objects.filter(pk=value.pk).update(denominator=0)  # as if stored before the rule
    manual.manual_publish(defs.edoc)
    row = published(defs.edoc)[("HOSP-CARD", "202601")]
    assert row.value is None and row.no_value_reason == "zero_denominator"


def test_published_values_keep_their_row_facts(world, defs):
    """What the scorecard tables show of each series (``soteria.scorecards.row_facts``) is
    worked out when values are published."""
    from soteria.scorecards import row_facts

    approved(defs.hours, world.cardiology, "202601", 5)
    approved(defs.hours, world.cardiology, "202602", 7)
    manual.manual_publish(defs.hours)
    stored = IndicatorValue.objects.filter(definition=defs.hours)
    assert stored.count() == 15  # 2 months, a quarter, a half, a year × CARD, HOSP, REG
    for value in stored:
        facts = row_facts.decode(value.row_facts)
        assert facts is not None and facts.spark is not None, value


def test_publish_replaces_only_the_definitions_rows(world, defs):
    approved(defs.hours, world.cardiology, "202601", 5)
    approved(defs.edoc, world.cardiology, "202601", 5, 10)
    before = IndicatorValue.objects.filter(definition=defs.edoc).count()
    assert manual.manual_publish(defs.hours) == 12  # 4 periods × CARD, HOSP, REG
    assert manual.manual_publish(defs.hours) == 12  # idempotent
    assert IndicatorValue.objects.filter(definition=defs.edoc).count() == before
    with pytest.raises(ValueError):
        manual.manual_publish(standard_indicator("READMISSION_30D"))


def test_returning_an_approved_value_withdraws_it_and_parents_are_recomputed(world, defs):
    card = approved(defs.edoc, world.cardiology, "202601", 80, 100)
    approved(defs.edoc, world.surgery, "202601", 1, 10)
    returned = manual.manual_return(world.lead, card, "Count the scanned files too")
    assert returned.status == EntryStatus.RETURNED
    assert returned.review_note == "Count the scanned files too"
    assert returned.approved_by is None
    rows = published(defs.edoc)
    assert not any(u == "HOSP-CARD" for u, _p in rows)
    assert (rows[("HOSP", "202601")].numerator, rows[("HOSP", "202601")].denominator) == (1, 10)


def test_returning_the_only_value_removes_every_row(world, defs):
    value = approved(defs.hours, world.cardiology, "202601", 5)
    manual.manual_return(world.lead, value, "wrong month")
    assert not IndicatorValue.objects.filter(definition=defs.hours).exists()


def test_changing_an_approved_value_makes_it_a_draft_and_withdraws_it(world, defs):
    value = approved(defs.hours, world.cardiology, "202601", 5)
    changed = manual.manual_enter(world.contributor, defs.hours, world.cardiology, "202601", 6)
    assert changed.pk == value.pk
    assert changed.status == EntryStatus.DRAFT
    assert changed.approved_by is None and changed.approved_at is None
    assert changed.entered_by == world.contributor
    assert not IndicatorValue.objects.filter(definition=defs.hours).exists()


def test_entering_what_is_stored_changes_nothing(world, defs):
    value = approved(defs.hours, world.cardiology, "202601", 5)
    count = len(audits(ManualValue))
    same = manual.manual_enter(world.contributor, defs.hours, world.cardiology, "202601", 5.0)
    assert same.status == EntryStatus.APPROVED
    assert len(audits(ManualValue)) == count
    assert published(defs.hours)[("HOSP", "202601")].value == 5
    assert value.pk == same.pk


def test_a_returned_value_is_corrected_and_submitted_again(world, defs):
    value = manual.manual_enter(
        world.contributor, defs.hours, world.cardiology, "202601", 5, submit=True
    )
    manual.manual_return(world.lead, value, "too low")
    value = manual.manual_enter(
        world.contributor, defs.hours, world.cardiology, "202601", 8, submit=True
    )
    assert value.status == EntryStatus.SUBMITTED
    assert manual.manual_approve(world.lead, value).status == EntryStatus.APPROVED
    assert published(defs.hours)[("REG", "202601")].value == 8


def test_status_rules(world, defs):
    value = manual.manual_enter(world.contributor, defs.hours, world.cardiology, "202601", 5)
    with pytest.raises(ValidationError, match="Only a submitted value"):
        manual.manual_approve(world.lead, value)  # a draft
    with pytest.raises(ValidationError, match="Only a submitted or approved value"):
        manual.manual_return(world.lead, value, "no")
    manual.manual_submit(world.contributor, value)
    assert manual.manual_submit(world.contributor, value).status == EntryStatus.SUBMITTED
    with pytest.raises(ValidationError) as error:
        manual.manual_return(world.lead, value, "  ")
    assert "note" in error.value.message_dict
    value = manual.manual_approve(world.lead, value)
    with pytest.raises(ValidationError, match="already approved"):
        manual.manual_submit(world.contributor, value)
    with pytest.raises(ValidationError, match="Only a submitted value"):
        manual.manual_approve(world.quality, value)


# --- four eyes --------------------------------------------------------------------------


def test_four_eyes_nobody_approves_their_own_entry(world, defs):
    value = manual.manual_enter(world.lead, defs.hours, world.cardiology, "202601", 5, submit=True)
    with pytest.raises(ValidationError) as error:
        manual.manual_approve(world.lead, value)
    assert error.value.code == "four_eyes"
    assert manual.awaiting_approval(world.lead).count() == 0  # not listed for them either
    assert list(manual.awaiting_approval(world.quality)) == [value]
    assert manual.manual_approve(world.quality, value).approved_by == world.quality


def test_four_eyes_follows_whoever_changed_the_value_last(world, defs):
    value = manual.manual_enter(world.contributor, defs.hours, world.cardiology, "202601", 5)
    value = manual.manual_enter(world.lead, defs.hours, world.cardiology, "202601", 6, submit=True)
    assert value.entered_by == world.lead
    with pytest.raises(ValidationError):
        manual.manual_approve(world.lead, value)
    second_lead = user_create("lead2")
    role_give(second_lead, world.cardiology, Role.UNIT_LEAD)
    assert manual.manual_approve(second_lead, value).status == EntryStatus.APPROVED


# --- entry rules ------------------------------------------------------------------------


def test_the_period_must_be_of_the_definitions_entry_type(world, defs):
    enter = manual.manual_enter
    with pytest.raises(ValidationError) as error:
        enter(world.contributor, defs.hours, world.cardiology, "2026Q1", 5)
    assert error.value.message_dict["period"] == [
        "T_HOURS is entered per month; 2026Q1 is a quarter. Use a period like "
        + manual.last_complete("month").code
        + "."
    ]
    with pytest.raises(ValidationError) as error:
        enter(world.contributor, defs.quarterly, world.cardiology, "202604", 5)
    assert "entered per quarter" in error.value.message_dict["period"][0]
    with pytest.raises(ValidationError) as error:
        enter(world.contributor, defs.hours, world.cardiology, "2026-03", 5)
    assert "is not a period" in error.value.message_dict["period"][0]
    assert not ManualValue.objects.exists()


@pytest.mark.parametrize(
    ("definition", "numerator", "denominator", "field", "message"),
    [
        ("hours", -1, None, "numerator", "The value cannot be negative."),
        ("hours", None, None, "numerator", "Enter a value."),
        ("hours", 5, 10, "denominator", "T_HOURS is an amount, not a share"),
        ("edoc", 5, None, "denominator", "T_EDOC is a share: enter what the value is out of."),
        ("edoc", 5, 0, "denominator", "must be greater than zero"),
        ("edoc", 5, -10, "denominator", "must be greater than zero"),
        ("edoc", 11, 10, "numerator", "cannot be larger than what it is out of"),
        ("edoc", float("nan"), 10, "numerator", "is not a number"),
        ("edoc", "12", 10, "numerator", "is not a number"),
    ],
)
def test_numbers_are_checked(world, defs, definition, numerator, denominator, field, message):
    with pytest.raises(ValidationError) as error:
        manual.manual_enter(
            world.contributor,
            getattr(defs, definition),
            world.cardiology,
            "202601",
            numerator,
            denominator,
        )
    assert message in error.value.message_dict[field][0]
    assert not ManualValue.objects.exists()


def test_zero_is_a_value_and_a_share_may_be_whole(world, defs):
    manual.manual_enter(world.contributor, defs.hours, world.cardiology, "202601", 0)
    manual.manual_enter(world.contributor, defs.edoc, world.cardiology, "202601", 10, 10)
    assert ManualValue.objects.count() == 2


def test_only_active_hand_entered_definitions_of_the_organisation(world, defs):
    with pytest.raises(ValidationError, match="computed from hospital data"):
        manual.manual_enter(
            world.contributor, standard_indicator("READMISSION_30D"), world.cardiology, "202601", 1
        )
    IndicatorDefinition.objects.filter(pk=defs.hours.pk).update(active=False)
    defs.hours.refresh_from_db()
    with pytest.raises(ValidationError, match="no longer in use"):
        manual.manual_enter(world.contributor, defs.hours, world.cardiology, "202601", 1)
    own = IndicatorDefinition.objects.create(
        code="OTHER_ONLY",
        name={"en": "Theirs"},
        unit="count",
        direction="higher",
        source="manual",
        owner=world.other_org,
    )
    with pytest.raises(ValidationError, match="belongs to another organisation"):
        manual.manual_enter(None, own, world.cardiology, "202601", 1)


def test_the_standard_set_shares_and_amounts(db):
    assert manual.needs_denominator(standard_indicator("EDOC_SHARE"))
    assert not manual.needs_denominator(standard_indicator("STAFF_TRAINING_HOURS"))


# --- permissions ------------------------------------------------------------------------


def test_who_may_enter_and_approve(world, defs):
    enter = manual.manual_enter
    with pytest.raises(Http404):
        enter(world.stranger, defs.hours, world.cardiology, "202601", 5)
    with pytest.raises(PermissionDenied):
        enter(world.viewer, defs.hours, world.cardiology, "202601", 5)
    with pytest.raises(Http404):  # the contributor of CARD cannot see SURG
        enter(world.contributor, defs.hours, world.surgery, "202601", 5)
    value = enter(world.contributor, defs.hours, world.cardiology, "202601", 5, submit=True)
    with pytest.raises(PermissionDenied):
        manual.manual_approve(world.contributor, value)
    with pytest.raises(PermissionDenied):
        manual.manual_approve(world.viewer, value)
    with pytest.raises(Http404):
        manual.manual_approve(world.stranger, value)
    with pytest.raises(PermissionDenied):
        manual.manual_return(world.contributor, value, "no")
    # The CARD lead cannot reach a value of the sibling unit SURG.
    surgery_value = enter(world.quality, defs.hours, world.surgery, "202601", 3, submit=True)
    with pytest.raises(Http404):
        manual.manual_approve(world.lead, surgery_value)
    assert manual.manual_approve(world.lead, value).status == EntryStatus.APPROVED
    assert manual.manual_approve(world.admin, surgery_value).status == EntryStatus.APPROVED


def test_selectors_my_entries_and_awaiting_my_approval(world, defs):
    cells = manual.entry_cells(world.contributor, "202601")
    pairs = {(c.definition.code, c.unit.code) for c in cells}
    assert ("T_EDOC", "HOSP-CARD") in pairs and ("T_HOURS", "HOSP-CARD") in pairs
    assert ("EDOC_SHARE", "HOSP-CARD") in pairs  # the standard set's too
    assert {u for _d, u in pairs} == {"HOSP-CARD"}
    assert "T_BUDGET" not in {d for d, _u in pairs}  # entered per quarter
    assert {c.definition.code for c in manual.entry_cells(world.contributor, "2026Q1")} == {
        "T_BUDGET"
    }
    assert {c.unit.code for c in manual.entry_cells(world.quality, "202601")} == {
        "HOSP",
        "HOSP-CARD",
        "HOSP-SURG",
    }
    assert {c.unit.code for c in manual.entry_cells(world.quality, "202601", world.surgery)} == {
        "HOSP-SURG"
    }
    assert manual.entry_cells(world.viewer, "202601") == []
    value = manual.manual_enter(
        world.contributor, defs.hours, world.cardiology, "202601", 5, submit=True
    )
    cell = next(
        c
        for c in manual.entry_cells(world.contributor, "202601")
        if c.definition == defs.hours and c.unit == world.cardiology
    )
    assert cell.value == value and cell.status == "submitted" and cell.lock is None
    assert list(manual.awaiting_approval(world.lead)) == [value]
    assert list(manual.awaiting_approval(world.quality)) == [value]
    assert list(manual.awaiting_approval(world.contributor)) == []
    assert list(manual.awaiting_approval(world.stranger)) == []


def test_default_period_is_the_last_complete_month(world, defs):
    assert manual.last_complete("month", date(2026, 3, 15)).code == "202602"
    assert manual.last_complete("month", date(2026, 1, 1)).code == "202512"
    assert manual.last_complete("quarter", date(2026, 5, 2)).code == "2026Q1"
    assert manual.last_complete("year", date(2026, 5, 2)).code == "2025"
    assert manual.default_period(date(2026, 3, 15)).code == "202602"
    choices = [p.code for p in manual.period_choices(date(2026, 3, 15))]
    assert choices[:3] == ["202603", "202602", "202601"]
    assert "2026Q1" in choices and "2025Q4" in choices


# --- locks ------------------------------------------------------------------------------


def test_a_lock_refuses_entry_and_approval_until_unlocked(world, defs):
    waiting = manual.manual_enter(
        world.contributor, defs.edoc, world.cardiology, "202603", 5, 10, submit=True
    )
    lock = manual.period_lock(world.quality, world.hospital, "2026Q1", "Q1 review signed")
    assert (lock.period_start, lock.period_end) == (date(2026, 1, 1), date(2026, 4, 1))
    assert lock.locked_by == world.quality
    with pytest.raises(ValidationError, match="2026Q1 is locked for Hospital") as error:
        manual.manual_enter(world.contributor, defs.edoc, world.cardiology, "202602", 5, 10)
    assert error.value.code == "locked"
    assert "Q1 review signed" in error.value.messages[0]
    with pytest.raises(ValidationError, match="locked"):
        manual.manual_approve(world.lead, waiting)
    with pytest.raises(ValidationError, match="locked"):
        manual.manual_return(world.lead, waiting, "no")
    with pytest.raises(ValidationError, match="locked"):
        manual.manual_enter(world.contributor, defs.edoc, world.cardiology, "202603", 6, 10)
    # Entering exactly what is stored is no change, so it is not refused.
    manual.manual_enter(world.contributor, defs.edoc, world.cardiology, "202603", 5, 10)
    # April is outside the lock; so is another organisation.
    manual.manual_enter(world.contributor, defs.edoc, world.cardiology, "202604", 5, 10)
    # Longer periods overlapping the lock are locked too (a quarter inside the half-year).
    with pytest.raises(ValidationError, match="locked"):
        manual.manual_enter(world.contributor, defs.quarterly, world.cardiology, "2026Q1", 5)
    manual.period_unlock(world.quality, lock)
    assert not PeriodLock.objects.exists()
    manual.manual_enter(world.contributor, defs.edoc, world.cardiology, "202602", 5, 10)
    assert manual.manual_approve(world.lead, waiting).status == EntryStatus.APPROVED


def test_a_lock_covers_the_subtree_only(world, defs):
    manual.period_lock(world.quality, world.surgery, "202601")
    manual.manual_enter(world.contributor, defs.hours, world.cardiology, "202601", 5)
    with pytest.raises(ValidationError, match="locked"):
        manual.manual_enter(world.quality, defs.hours, world.surgery, "202601", 5)
    with pytest.raises(ValidationError, match="locked"):  # a year containing the month
        manual.manual_enter(world.quality, defs.quarterly, world.surgery, "2026Q1", 5)
    assert manual.lock_covering(world.hospital, "202601") is None
    assert manual.lock_covering(world.surgery, "2026") is not None
    assert manual.lock_covering(world.surgery, "202602") is None


def test_who_may_lock_and_unlock(world, defs):
    with pytest.raises(PermissionDenied):
        manual.period_lock(world.lead, world.cardiology, "202601")
    with pytest.raises(PermissionDenied):
        manual.period_lock(world.contributor, world.cardiology, "202601")
    with pytest.raises(PermissionDenied):
        manual.period_lock(world.viewer, world.hospital, "202601")
    with pytest.raises(Http404):
        manual.period_lock(world.stranger, world.hospital, "202601")
    with pytest.raises(PermissionDenied):  # quality manages HOSP, not the region above it
        manual.period_lock(world.quality, world.region, "202601")
    lock = manual.period_lock(world.quality, world.cardiology, "202601")
    with pytest.raises(ValidationError, match="already locked"):
        manual.period_lock(world.admin, world.cardiology, "202601")
    with pytest.raises(ValidationError) as error:
        manual.period_lock(world.quality, world.cardiology, "March")
    assert "period" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        manual.period_unlock(world.lead, lock)
    with pytest.raises(Http404):
        manual.period_unlock(world.stranger, lock)
    manual.period_unlock(world.admin, lock)
    manual.period_lock(world.admin, world.region, "2026")
    assert {u.code for u in manual.lock_units_for(world.quality)} == {
        "HOSP",
        "HOSP-CARD",
        "HOSP-SURG",
    }
    assert manual.lock_units_for(world.lead).count() == 0
    # Everyone in the subtree sees the locks that apply to them.
    assert manual.locks_for(world.contributor).count() == 1
    assert manual.locks_for(world.stranger).count() == 0


# --- audit ------------------------------------------------------------------------------


def test_every_write_is_audited(world, defs):
    value = manual.manual_enter(world.contributor, defs.edoc, world.cardiology, "202601", 8, 10)
    manual.manual_enter(world.contributor, defs.edoc, world.cardiology, "202601", 9, 10)
    manual.manual_submit(world.contributor, value)
    manual.manual_return(world.lead, value, "check")
    manual.manual_submit(world.contributor, value)
    manual.manual_approve(world.lead, value)
    entries = audits(ManualValue)
    assert [(e.action, e.actor_name) for e in entries] == [
        (AuditAction.CREATE, "contributor"),
        (AuditAction.UPDATE, "contributor"),
        (AuditAction.STATUS, "contributor"),
        (AuditAction.STATUS, "lead"),
        (AuditAction.STATUS, "contributor"),
        (AuditAction.STATUS, "lead"),
    ]
    assert entries[1].changes["numerator"] == {"old": 8.0, "new": 9.0}
    assert entries[3].changes["status"] == {"old": "submitted", "new": "returned"}
    assert entries[3].changes["review_note"] == {"old": "", "new": "check"}
    assert entries[-1].changes["status"] == {"old": "submitted", "new": "approved"}
    assert all(e.unit_id == world.cardiology.pk for e in entries)
    lock = manual.period_lock(world.quality, world.hospital, "2026Q1", "signed")
    manual.period_unlock(world.quality, lock)
    lock_entries = audits(PeriodLock)
    assert [(e.action, e.actor_name) for e in lock_entries] == [
        (AuditAction.CREATE, "quality"),
        (AuditAction.DELETE, "quality"),
    ]
    assert lock_entries[0].changes["reason"] == {"old": None, "new": "signed"}

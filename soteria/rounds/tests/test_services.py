"""Update rounds: what is due for whom, the transitions, closing and reopening, completion."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.test import RequestFactory

from soteria.audit.models import AuditEntry
from soteria.indicators import manual
from soteria.indicators.models import EntryStatus, IndicatorDefinition, PeriodLock
from soteria.organisations.models import Role
from soteria.rounds import context, services
from soteria.rounds.models import InitiativeUpdate, UpdateRound
from soteria.rounds.services import State, Todo
from soteria.strategy.models import Initiative, InitiativeStatus, Objective
from soteria.strategy.services import version_copy
from soteria.testing.factories import role_give, standard_indicator, unit_create, user_create

MONTHS = ("202601", "202602", "202603")
DEFS = ("EDOC_SHARE", "STAFF_TRAINING_HOURS")
TODAY = dt.date(2026, 4, 10)


@pytest.fixture
def defs(world):
    """The two hand-entered indicators, entered at every unit (``entered_at`` empty: the
    tests below count items at the hospital too; entering at some kinds of unit only is
    pinned in ``test_round_asks_only_the_kinds_of_unit_that_enter``)."""
    found = {code: standard_indicator(code) for code in DEFS}
    IndicatorDefinition.objects.filter(code__in=DEFS).update(entered_at=[])
    for definition in found.values():
        definition.entered_at = []
    return found


@pytest.fixture
def hosp_round(world, defs) -> UpdateRound:
    return services.round_open(world.quality, world.hospital, "2026Q1", dt.date(2026, 4, 15))


def initiative(world) -> Initiative:
    return Initiative.objects.get(version=world.strategy, code="I1")


def value_keys(items) -> set[tuple[str, str, str]]:
    return {(i.definition.code, i.unit.code, i.period.code) for i in items.values}


def expected_values(*units: str) -> set[tuple[str, str, str]]:
    return {(d, u, m) for d in DEFS for u in units for m in MONTHS}


def enter(world, user, code, unit, period, *, submit=False):
    numerator, denominator = (80, 100) if code == "EDOC_SHARE" else (12, None)
    return manual.manual_enter(
        user, standard_indicator(code), unit, period, numerator, denominator, submit=submit
    )


# --- what is due for whom ---------------------------------------------------------------


def test_my_items_lists_exactly_the_due_items_per_user(world, hosp_round):
    everything = expected_values("HOSP", "HOSP-CARD", "HOSP-SURG")
    cardiology = expected_values("HOSP-CARD")
    expected = {
        "admin": everything,  # administrator of the region above
        "quality": everything,
        "lead": cardiology,
        "contributor": cardiology,
        "viewer": set(),
        "stranger": set(),
    }
    for name, values in expected.items():
        user = getattr(world, name)
        mine = services.my_items(user)
        assert value_keys(mine) == values, name
        assert len(mine.values) == len(values), name  # no duplicates
        initiatives = {i.initiative.code for i in mine.initiatives}
        assert initiatives == ({"I1"} if values else set()), name
        assert mine.open_count == len(values) + (1 if values else 0), name
        assert all(i.todo in (Todo.ENTER, Todo.UPDATE) for i in mine.items), name
    # the round given explicitly gives the same
    assert value_keys(services.my_items(world.contributor, hosp_round)) == cardiology


def test_a_round_on_a_department_asks_only_the_department(world, defs):
    services.round_open(world.quality, world.surgery, "202602", dt.date(2026, 3, 10))
    assert services.my_items(world.contributor).items == []
    mine = services.my_items(world.quality)
    assert value_keys(mine) == {(d, "HOSP-SURG", "202602") for d in DEFS}
    assert mine.initiatives == []  # I1 belongs to cardiology


def test_a_year_round_asks_for_every_month_and_a_month_round_for_one(world, defs):
    services.round_open(world.quality, world.cardiology, "2026", dt.date(2027, 1, 31))
    mine = services.my_items(world.contributor)
    assert {i.period.code for i in mine.values} == {f"2026{m:02d}" for m in range(1, 13)}
    assert services.periods_within(manual.parse_period("202603"), "quarter") == []


def add_initiative(world, code, owner, status="planned") -> Initiative:
    """An initiative in the approved version (as if it had been there before approval)."""
    return Initiative.objects.create(
        version=world.strategy,
        objective=Objective.objects.get(version=world.strategy),
        code=code,
        title={"en": code},
        owner_unit=owner,
        status=status,
    )


def test_finished_initiatives_and_drafts_are_not_asked_for(world, hosp_round):
    add_initiative(world, "I2", world.cardiology, "completed")
    add_initiative(world, "I3", world.cardiology, "cancelled")
    add_initiative(world, "I4", world.cardiology, "planned")
    draft = version_copy(actor=None, version=world.strategy)
    assert Initiative.objects.filter(version=draft).count() == 4
    mine = services.my_items(world.contributor)
    assert [i.initiative.code for i in mine.initiatives] == ["I1", "I4"]


# --- transitions ------------------------------------------------------------------------


def state_of(user, code="EDOC_SHARE", unit="HOSP-CARD", period="202601"):
    for item in services.my_items(user).values:
        if (item.definition.code, item.unit.code, item.period.code) == (code, unit, period):
            return item.state, item.todo
    raise AssertionError("not listed")


def test_done_waiting_missing_follow_entry_submission_and_approval(world, hosp_round):
    assert state_of(world.contributor) == (State.MISSING, Todo.ENTER)
    value = enter(world, world.contributor, "EDOC_SHARE", world.cardiology, "202601")
    assert value.status == EntryStatus.DRAFT
    assert state_of(world.contributor) == (State.MISSING, Todo.ENTER)
    manual.manual_submit(world.contributor, value)
    assert state_of(world.contributor) == (State.WAITING, Todo.WAIT)
    assert state_of(world.lead) == (State.WAITING, Todo.APPROVE)
    before = services.my_items(world.contributor).open_count
    manual.manual_approve(world.lead, value)
    assert state_of(world.contributor) == (State.DONE, Todo.NOTHING)
    assert state_of(world.lead) == (State.DONE, Todo.NOTHING)
    assert services.my_items(world.contributor).open_count == before
    value = manual.manual_return(world.lead, value, "Wrong month")
    assert state_of(world.contributor) == (State.MISSING, Todo.ENTER)


def test_nobody_is_asked_to_approve_their_own_entry(world, hosp_round):
    enter(world, world.lead, "STAFF_TRAINING_HOURS", world.cardiology, "202602", submit=True)
    assert state_of(world.lead, "STAFF_TRAINING_HOURS", period="202602") == (
        State.WAITING,
        Todo.WAIT,
    )
    assert state_of(world.quality, "STAFF_TRAINING_HOURS", period="202602") == (
        State.WAITING,
        Todo.APPROVE,
    )


# --- initiative updates -----------------------------------------------------------------


def test_an_initiative_update_is_saved_audited_and_sets_the_status(world, hosp_round):
    i1 = initiative(world)
    update = services.initiative_update_save(
        world.contributor, hosp_round, i1, InitiativeStatus.ON_HOLD, "  Vendor delayed.  "
    )
    assert (update.status, update.commentary, update.author) == (
        "on_hold",
        "Vendor delayed.",
        world.contributor,
    )
    assert update.submitted_at is not None
    i1.refresh_from_db()
    assert i1.status == InitiativeStatus.ON_HOLD
    entry = AuditEntry.objects.get(content_type__model="initiativeupdate", object_id=str(update.pk))
    assert entry.actor == world.contributor and entry.action == "create"
    assert entry.changes["commentary"] == {"old": None, "new": "Vendor delayed."}
    assert AuditEntry.objects.filter(
        content_type__model="initiative", object_id=str(i1.pk), changes__has_key="status"
    ).exists()
    # one per initiative and round: saving again changes it
    again = services.initiative_update_save(
        world.lead, hosp_round, i1, InitiativeStatus.IN_PROGRESS, "Back on track."
    )
    assert again.pk == update.pk and InitiativeUpdate.objects.count() == 1
    assert again.author == world.lead
    assert (
        AuditEntry.objects.filter(content_type__model="initiativeupdate", action="update").count()
        == 1
    )
    # the same again records nothing
    services.initiative_update_save(
        world.lead, hosp_round, i1, InitiativeStatus.IN_PROGRESS, "Back on track."
    )
    assert AuditEntry.objects.filter(content_type__model="initiativeupdate").count() == 2
    items = services.my_items(world.contributor).initiatives
    assert [(i.state, i.todo) for i in items] == [(State.DONE, Todo.NOTHING)]


def test_initiative_update_checks_permissions_and_input(world, hosp_round):
    i1 = initiative(world)
    with pytest.raises(PermissionDenied):
        services.initiative_update_save(world.viewer, hosp_round, i1, "on_hold", "x")
    with pytest.raises(Http404):
        services.initiative_update_save(world.stranger, hosp_round, i1, "on_hold", "x")
    with pytest.raises(ValidationError) as error:
        services.initiative_update_save(world.contributor, hosp_round, i1, "sleeping", " ")
    assert set(error.value.message_dict) == {"status", "commentary"}
    with pytest.raises(ValidationError) as error:
        services.initiative_update_save(world.contributor, hosp_round, i1, "on_hold", "x" * 4001)
    assert "commentary" in error.value.message_dict
    surgery_round = services.round_open(
        world.quality, world.surgery, "2026Q1", dt.date(2026, 4, 15)
    )
    with pytest.raises(ValidationError, match="not asked for"):
        services.initiative_update_save(world.contributor, surgery_round, i1, "on_hold", "x")
    assert not InitiativeUpdate.objects.exists()
    assert not AuditEntry.objects.filter(content_type__model="initiativeupdate").exists()


# --- closing and reopening --------------------------------------------------------------


def test_closing_locks_the_period_and_refuses_updates_reopening_unlocks(world, hosp_round):
    with pytest.raises(PermissionDenied):
        services.round_close(world.lead, hosp_round)
    closed = services.round_close(world.quality, hosp_round)
    assert closed.closed_by == world.quality and closed.closed_at is not None
    lock = PeriodLock.objects.get()
    assert (lock.unit, lock.period, lock.locked_by) == (world.hospital, "2026Q1", world.quality)
    assert closed.lock == lock
    assert AuditEntry.objects.filter(
        content_type__model="updateround", action="status", object_id=str(closed.pk)
    ).exists()
    with pytest.raises(ValidationError, match="is locked for Hospital"):
        enter(world, world.contributor, "EDOC_SHARE", world.cardiology, "202602")
    with pytest.raises(ValidationError, match=r"was closed on .* by quality") as error:
        services.initiative_update_save(
            world.contributor, closed, initiative(world), "on_hold", "Too late"
        )
    assert error.value.code == "closed"
    assert services.my_items(world.contributor).items == []  # no open round any more
    assert services.my_items(world.contributor, closed).open_count == 0
    with pytest.raises(ValidationError, match="already closed"):
        services.round_close(world.quality, closed)

    with pytest.raises(PermissionDenied):
        services.round_reopen(world.lead, closed)
    reopened = services.round_reopen(world.quality, closed)
    assert reopened.is_open and reopened.lock is None and reopened.closed_by is None
    assert not PeriodLock.objects.exists()
    assert enter(world, world.contributor, "EDOC_SHARE", world.cardiology, "202602").pk
    services.initiative_update_save(
        world.contributor, reopened, initiative(world), "on_hold", "In time"
    )


def test_closing_leaves_an_existing_lock_alone(world, hosp_round):
    existing = manual.period_lock(world.quality, world.hospital, "2026Q1", "review signed")
    closed = services.round_close(world.quality, hosp_round)
    assert closed.lock is None and list(PeriodLock.objects.all()) == [existing]
    services.round_reopen(world.quality, closed)
    assert list(PeriodLock.objects.all()) == [existing]  # not ours to remove


# --- opening ----------------------------------------------------------------------------


def test_one_open_round_per_unit_and_period(world, hosp_round):
    with pytest.raises(ValidationError) as error:
        services.round_open(world.admin, world.hospital, "2026Q1", dt.date(2026, 5, 1))
    assert "already open" in error.value.message_dict["period"][0]
    # another unit, another period: fine
    services.round_open(world.quality, world.cardiology, "2026Q1", dt.date(2026, 4, 15))
    services.round_open(world.quality, world.hospital, "2026Q2", dt.date(2026, 7, 15))
    # the database says so too
    with pytest.raises(IntegrityError), transaction.atomic():
        UpdateRound.objects.create(
            unit=world.hospital,
            period="2026Q1",
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 4, 1),
            due=dt.date(2026, 4, 1),
        )
    # a closed round does not count
    services.round_close(world.quality, hosp_round)
    PeriodLock.objects.all().delete()
    services.round_open(world.quality, world.hospital, "2026Q1", dt.date(2026, 5, 1))
    with pytest.raises(ValidationError, match="Another update round"):
        services.round_reopen(world.quality, hosp_round)


def test_opening_checks_role_period_due_date_and_locks(world, defs):
    with pytest.raises(PermissionDenied):
        services.round_open(world.viewer, world.hospital, "2026Q1", dt.date(2026, 4, 15))
    with pytest.raises(PermissionDenied):
        services.round_open(world.lead, world.cardiology, "2026Q1", dt.date(2026, 4, 15))
    with pytest.raises(Http404):
        services.round_open(world.stranger, world.hospital, "2026Q1", dt.date(2026, 4, 15))
    with pytest.raises(ValidationError) as error:
        services.round_open(world.quality, world.hospital, "Q1", dt.date(2026, 4, 15))
    assert "period" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.round_open(world.quality, world.hospital, "2026Q1", dt.date(2025, 12, 1))
    assert "due" in error.value.message_dict
    manual.period_lock(world.quality, world.hospital, "2026", "")
    with pytest.raises(ValidationError, match="locked"):
        services.round_open(world.quality, world.cardiology, "2026Q1", dt.date(2026, 4, 15))
    assert not UpdateRound.objects.exists()
    opened = services.round_open(world.admin, world.region, "2025Q4", dt.date(2026, 1, 15))
    assert opened.opened_by == world.admin
    assert AuditEntry.objects.filter(content_type__model="updateround", action="create").exists()


# --- completion -------------------------------------------------------------------------


def test_completion_counts_per_unit_and_owner(world, hosp_round):
    value = enter(world, world.contributor, "EDOC_SHARE", world.cardiology, "202601", submit=True)
    manual.manual_approve(world.lead, value)
    enter(world, world.contributor, "EDOC_SHARE", world.cardiology, "202602", submit=True)
    enter(world, world.contributor, "EDOC_SHARE", world.cardiology, "202603")  # a draft
    services.initiative_update_save(
        world.contributor, hosp_round, initiative(world), "in_progress", "Fine"
    )
    result = services.completion(hosp_round, today=dt.date(2026, 4, 1))
    total = result.total
    assert (total.done, total.waiting, total.missing, total.total) == (2, 1, 16, 19)
    assert total.percent == 10  # 2 of 19, rounded down
    units = {
        row.code: (row.tally.done, row.tally.waiting, row.tally.missing) for row in result.units
    }
    assert units == {"HOSP": (0, 0, 6), "HOSP-CARD": (2, 1, 4), "HOSP-SURG": (0, 0, 6)}
    owners = {row.code: (row.tally.done, row.tally.total) for row in result.owners}
    # the region's administrator is above the round; the viewer owns nothing
    assert owners == {"quality": (2, 19), "lead": (2, 7), "contributor": (2, 7)}
    assert result.unowned.tally.total == 0
    assert not result.overdue and not any(row.overdue for row in result.units)

    late = services.completion(hosp_round, today=dt.date(2026, 4, 16))
    assert late.overdue
    assert all(row.overdue for row in late.units)
    csv_rows = services.completion_csv(late)
    assert csv_rows[0][:4] == ["group", "code", "name", "done"]
    assert ["unit", "HOSP-CARD", "Cardiology", "2", "1", "4", "7", "28", "yes"] in csv_rows
    assert csv_rows[-1] == ["total", "", "All", "2", "1", "16", "19", "10", "yes"]


def test_completion_shows_items_nobody_owns_and_guards_the_csv(world, defs):
    ward = unit_create("HOSP-SURG-W", parent=world.surgery, name={"en": "=cmd|' /C calc'!A0"})
    update_round = services.round_open(world.quality, ward, "202601", dt.date(2026, 2, 10))
    result = services.completion(update_round)
    assert result.owners == [] and result.unowned.tally.missing == 2
    rows = services.completion_csv(result)
    assert rows[1][:3] == ["unit", "HOSP-SURG-W", "'=cmd|' /C calc'!A0"]
    assert rows[2][0] == "unowned"


# --- the reminder -----------------------------------------------------------------------


def reminder_request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_the_reminder_counts_my_open_items_and_the_nearest_due_date(world, hosp_round):
    services.round_open(world.quality, world.cardiology, "2026Q2", dt.date(2026, 7, 15))
    found = context.reminders(reminder_request(world.contributor))["round_reminder"]
    assert found.count == 2 * (6 + 1)  # 2026Q1 on HOSP and 2026Q2 on CARD: values, I1
    assert found.due == dt.date(2026, 4, 15)
    assert found.url == "/rounds/"
    services.initiative_update_save(
        world.contributor, hosp_round, initiative(world), "on_hold", "x"
    )
    assert context.reminder_for(world.contributor, today=TODAY).count == 13
    late = context.reminder_for(world.contributor, today=dt.date(2026, 4, 16))
    assert late.overdue
    assert context.reminders(reminder_request(world.viewer))["round_reminder"] is None
    assert context.reminders(reminder_request(world.stranger))["round_reminder"] is None


def _grow(world, n: int) -> None:
    """More units, initiatives and values for the contributor."""
    for i in range(n):
        unit = unit_create(f"HOSP-CARD-W{i}", parent=world.cardiology)
        add_initiative(world, f"IW{i}", unit)
        enter(world, None, "STAFF_TRAINING_HOURS", unit, "202601", submit=True)


def _fresh(user):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=user.pk)


def test_the_reminder_costs_a_fixed_number_of_queries(world, hosp_round, django_assert_num_queries):
    def counted(n_queries: int):
        request = reminder_request(_fresh(world.contributor))
        with django_assert_num_queries(n_queries):
            found = context.reminders(request)["round_reminder"]
        with django_assert_num_queries(0):  # once per request
            context.reminders(request)
        # The next request of the day finds it cached under the data generation: it asks
        # for the generation only (the grants are kept under it too).
        next_request = reminder_request(_fresh(world.contributor))
        with django_assert_num_queries(1):
            again = context.reminders(next_request)
        assert again["round_reminder"] == found
        return found.count

    # data generation, grants, open rounds, units, definitions, stored values, initiative
    # updates, initiatives (every change below makes a new generation: nothing stale)
    small = counted(8)
    _grow(world, 4)
    large = counted(8)
    assert large == small + 4 * 6  # each ward: 5 values to enter (one waits) and 1 initiative
    role_give(world.contributor, world.surgery, Role.CONTRIBUTOR)
    assert counted(8) > large


def test_the_reminder_costs_little_when_no_round_is_open(world, django_assert_num_queries):
    contributor = _fresh(world.contributor)
    with django_assert_num_queries(3):  # data generation, grants, open rounds
        assert context.reminders(reminder_request(contributor))["round_reminder"] is None
    viewer = _fresh(world.viewer)
    viewer_request = reminder_request(viewer)
    with django_assert_num_queries(2):  # generation, grants: a viewer has nothing to do
        assert context.reminders(viewer_request)["round_reminder"] is None
    user = user_create("nobody")
    with django_assert_num_queries(2):
        assert context.reminders(reminder_request(user))["round_reminder"] is None


def test_round_asks_only_the_kinds_of_unit_that_enter(world) -> None:
    """With the standard set's ``entered_at`` (departments, not the hospital), a hospital
    round asks the departments only: the hospital's value is their sum."""
    update_round = services.round_open(
        world.quality, world.hospital, "2026Q1", dt.date(2026, 4, 15)
    )
    assert update_round.pk
    mine = services.my_items(world.quality, update_round)
    units = {i.unit.code for i in mine.values}
    assert units == {"HOSP-CARD", "HOSP-SURG"}

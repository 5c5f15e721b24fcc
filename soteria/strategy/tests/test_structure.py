"""A version's structure kept in memory per data generation: read once under a token, read
again under a new one (every element's save bumps it), never without one."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from soteria.core import generation
from soteria.scorecards import freshness
from soteria.strategy import structure
from soteria.strategy.models import Milestone, MilestoneStatus, Objective, ObjectiveIndicator


def test_without_an_announced_generation_nothing_is_kept(world):
    assert structure.of(world.strategy.pk) is None


def test_read_once_per_generation_with_everything_a_page_shows(world):
    generation.enter(freshness.current())
    kept = structure.of(world.strategy.pk)
    assert kept is not None
    with CaptureQueriesContext(connection) as queries:
        assert structure.of(world.strategy.pk) is kept
    assert len(queries) == 0
    objectives = Objective.objects.filter(version=world.strategy)
    assert set(kept.objectives) == {o.pk for o in objectives}
    links = ObjectiveIndicator.objects.filter(version=world.strategy).order_by("order", "pk")
    assert [link.pk for o in objectives for link in kept.links.get(o.pk, [])] == [
        link.pk for o in objectives for link in links if link.objective_id == o.pk
    ]
    milestones = [m for ms in kept.milestones.values() for m in ms]
    assert {m.pk for m in milestones} == set(
        Milestone.objects.filter(version=world.strategy).values_list("pk", flat=True)
    )
    # everything a page follows is loaded: no query when reading it
    with CaptureQueriesContext(connection) as queries:
        for objective in kept.objectives.values():
            objective.programme.code, objective.owner_unit.code, objective.version.strategy.pk
            for link in kept.links.get(objective.pk, []):
                link.indicator.code, link.measured_unit().code
            for initiative in kept.initiatives.get(objective.pk, []):
                list(initiative.funding.all()), list(initiative.budget.all())
                initiative.owner_unit.code
        for m in milestones:
            m.initiative.objective_id
    assert len(queries) == 0


def test_a_changed_element_is_seen_under_the_new_generation(world):
    generation.enter(freshness.current())
    kept = structure.of(world.strategy.pk)
    milestone = Milestone.objects.filter(version=world.strategy).first()
    assert milestone is not None
    milestone.status = MilestoneStatus.DONE
    milestone.save()  # any element's save bumps the data generation
    generation.enter(freshness.current())
    again = structure.of(world.strategy.pk)
    assert again is not kept
    statuses = {m.pk: m.status for ms in again.milestones.values() for m in ms}
    assert statuses[milestone.pk] == MilestoneStatus.DONE

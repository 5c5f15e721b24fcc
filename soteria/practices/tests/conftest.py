"""Builders of the good-practice tests."""

from __future__ import annotations

from typing import Any

import pytest

from soteria.practices import services
from soteria.practices.models import PracticeCase
from soteria.testing.factories import World

TEXT = {
    "title": "Discharge checklist at the bedside",
    "summary": "A one-page checklist gone through with the patient the day before discharge.",
    "problem": "Patients went home without knowing their medicines.",
    "practice": "Nurses go through the checklist with the patient and a relative.",
    "results": "Fewer calls in the first week.",
    "language": "en",
    "themes": ["discharge", "medication"],
    "contact": "Ward sister, cardiology",
}


def case_make(actor: Any, owner: Any, *, publish_by: Any = None, **changes: Any) -> PracticeCase:
    """A draft case at ``owner`` written by ``actor`` (published by ``publish_by``)."""
    case = services.case_create(actor, owner, {**TEXT, **changes})
    if publish_by is not None:
        case = services.case_publish(publish_by, case)
    return case


@pytest.fixture
def draft(world: World) -> PracticeCase:
    return case_make(world.contributor, world.cardiology, title="Quiet hours at night")


@pytest.fixture
def published(world: World) -> PracticeCase:
    return case_make(world.contributor, world.cardiology, publish_by=world.lead)

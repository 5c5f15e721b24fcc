from __future__ import annotations

import random

from soteria.experience.demo import build_demo
from soteria.experience.demo_comments import COMMENTS
from soteria.experience.models import Comment, Response, Survey
from soteria.experience.sync import sync_answers
from soteria.testing.factories import unit_create


def test_demo_builds_surveys_and_responses_once(db: None) -> None:
    org = unit_create("DEMO-PL", kind="hospital", name={"pl": "Szpital"}, language="pl")
    dept = unit_create("DEMO-PL-INT", parent=org, name={"pl": "Interna"})
    unit_create("DEMO-PL-W1", parent=dept, kind="ward", name={"pl": "Odcinek A"})
    unit_create("DEMO-PL-W2", parent=dept, kind="ward", name={"pl": "Odcinek B"})
    summary = build_demo(org, random.Random(7), responses=120)
    assert (summary.surveys, summary.distributions, summary.responses) == (3, 6, 120)
    assert summary.comments > 10
    assert set(Response.objects.values_list("language", flat=True)) == {"pl"}
    assert set(Response.objects.values_list("unit__code", flat=True)) == {
        "DEMO-PL-W1",
        "DEMO-PL-W2",
    }
    dates = sorted(Response.objects.values_list("submitted_at", flat=True))
    assert (dates[-1] - dates[0]).days > 300
    polish = {text for _sign, text in COMMENTS["pl"]}
    assert set(Comment.objects.values_list("text", flat=True)) <= polish
    again = build_demo(org, random.Random(7), responses=120)
    assert again.responses == 0 and Survey.objects.count() == 3
    assert sync_answers(recompute=False).answers > 120

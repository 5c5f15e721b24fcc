"""Demo patient experience: the shipped surveys for every demo organisation, offered at its
wards, with a few hundred responses and comments in the organisation's language, moved to
the warehouse so the experience indicators are computed with everything else."""

from __future__ import annotations

import random
from collections.abc import Callable

from soteria.demo.content import ORGANISATIONS
from soteria.organisations.models import OrgUnit


def build_demo_experience(log: Callable[[str], None] = print) -> None:
    from soteria.experience.demo import build_demo
    from soteria.experience.sync import sync_answers

    for spec in ORGANISATIONS:
        root = OrgUnit.objects.filter(code=spec["code"]).first()
        if root is None:
            continue
        summary = build_demo(root, random.Random(f"experience-{root.code}"))  # noqa: S311
        if summary.responses:
            log(
                f"Patient experience for {root.code}: {summary.surveys} surveys, "
                f"{summary.responses} responses, {summary.comments} comments"
            )
    result = sync_answers(recompute=False)
    log(f"Patient-experience answers moved to the warehouse: {result.answers}")

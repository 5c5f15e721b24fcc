"""Demo patient-experience data: the three shipped surveys for an organisation, offered at
its wards, and a few hundred invented responses over the last 24 months in the
organisation's language (with comments), so results, indicators and comparisons have
something to show. Deterministic for a given ``rng``; never duplicates (an organisation that
already has the surveys is left as it is)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from soteria.experience import services
from soteria.experience.demo_comments import COMMENTS
from soteria.experience.models import Distribution, QuestionKind, Survey
from soteria.experience.submission import RawAnswer, response_submit
from soteria.organisations.models import OrgUnit, UnitKind

TEMPLATES = ("FFT", "INPATIENT", "FIVE")
SHARE = {"FFT": 0.5, "INPATIENT": 0.3, "FIVE": 0.2}


@dataclass
class DemoSummary:
    surveys: int = 0
    distributions: int = 0
    responses: int = 0
    comments: int = 0


def _units(org: OrgUnit, limit: int) -> list[OrgUnit]:
    subtree = org.subtree().order_by("path")
    for kind in (UnitKind.WARD, UnitKind.DEPARTMENT):
        found = list(subtree.filter(kind=kind)[:limit])
        if found:
            return found
    return [org]


def _pick(rng: random.Random, options: list[str], level: float) -> str:
    """An option of an ordered list (worst first) near ``level`` (0–1)."""
    position = min(max(rng.gauss(level, 0.22), 0.0), 0.999)
    return options[int(position * len(options))]


def _answers(
    rng: random.Random, survey: Survey, level: float, comments: list[tuple[str, str]]
) -> dict[str, RawAnswer]:
    version = survey.current_version()
    assert version is not None
    raw: dict[str, RawAnswer] = {}
    for q in version.questions.all():
        if q.kind == QuestionKind.FREE_TEXT:
            if rng.random() < 0.35:
                wanted = "+" if level > 0.55 else "-"
                pool = [text for sign, text in comments if sign == wanted] or [
                    c[1] for c in comments
                ]
                raw[q.code] = RawAnswer(text=rng.choice(pool))
            continue
        if not q.required and rng.random() < 0.06:
            continue  # skipped
        if q.kind == QuestionKind.SCALE_0_10:
            raw[q.code] = RawAnswer(
                number=float(min(10, max(0, round(rng.gauss(level * 10, 1.6)))))
            )
            continue
        scored = [o["code"] for o in q.options if not o.get("excluded")]
        excluded = [o["code"] for o in q.options if o.get("excluded")]
        if excluded and rng.random() < 0.07:
            raw[q.code] = RawAnswer(codes=[rng.choice(excluded)])
            continue
        ordered = sorted(scored, key=lambda c: q.option(c).get("score") or 0)  # type: ignore[union-attr]
        raw[q.code] = RawAnswer(codes=[_pick(rng, ordered, level)])
    return raw


@transaction.atomic
def build_demo(
    org_unit: OrgUnit,
    rng: random.Random,
    *,
    responses: int = 300,
    months: int = 24,
    max_units: int = 6,
    today: dt.date | None = None,
) -> DemoSummary:
    """Surveys, distributions and ``responses`` responses for ``org_unit`` (a root)."""
    summary = DemoSummary()
    if Survey.objects.filter(owner=org_unit, code__in=TEMPLATES).exists():
        return summary
    language = org_unit.language or "en"
    comments = COMMENTS.get(language, COMMENTS["en"])
    surveys = {
        code: services.survey_from_template(actor=None, owner=org_unit, template_code=code)
        for code in TEMPLATES
    }
    summary.surveys = len(surveys)
    units = _units(org_unit, max_units)
    distributions: dict[str, list[Distribution]] = {code: [] for code in TEMPLATES}
    for code, survey in surveys.items():
        for unit in units:
            distributions[code].append(
                services.distribution_create(actor=None, survey=survey, unit=unit)
            )
            summary.distributions += 1
    # each unit has its own level of experience, improving a little over time
    levels = {unit.pk: rng.uniform(0.55, 0.85) for unit in units}
    end = timezone.now() if today is None else dt.datetime.combine(today, dt.time(12), dt.UTC)
    span = dt.timedelta(days=30.4 * months)
    codes = list(TEMPLATES)
    weights = [SHARE[c] for c in codes]
    for _ in range(responses):
        code = rng.choices(codes, weights)[0]
        distribution = rng.choice(distributions[code])
        when = end - span * rng.random()
        trend = 0.08 * (1 - (end - when) / span)
        level = min(0.97, levels[distribution.unit_id] + trend + rng.gauss(0, 0.12))
        raw = _answers(rng, surveys[code], level, comments)
        response = response_submit(
            distribution=distribution,
            raw=raw,
            language=language,
            submitted_at=when.replace(minute=0, second=0, microsecond=0),
            require=False,
        )
        summary.responses += 1
        summary.comments += response.comments.count()
    return summary

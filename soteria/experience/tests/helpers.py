"""Small builders for the experience tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from soteria.experience import services
from soteria.experience.models import Distribution, Response, Survey
from soteria.experience.submission import RawAnswer, response_submit
from soteria.organisations.models import OrgUnit


def survey_from(owner: OrgUnit, template: str = "FFT", code: str | None = None) -> Survey:
    return services.survey_from_template(actor=None, owner=owner, template_code=template, code=code)


def distribute(survey: Survey, unit: OrgUnit) -> Distribution:
    return services.distribution_create(actor=None, survey=survey, unit=unit)


def respond(
    distribution: Distribution,
    answers: dict[str, Any],
    when: dt.datetime | None = None,
    **extra: Any,
) -> Response:
    raw = {}
    for code, value in answers.items():
        if isinstance(value, RawAnswer):
            raw[code] = value
        elif isinstance(value, int | float) and not isinstance(value, bool):
            raw[code] = RawAnswer(number=float(value))
        elif isinstance(value, list):
            raw[code] = RawAnswer(codes=value)
        elif code.endswith("COMMENT"):
            raw[code] = RawAnswer(text=value)
        else:
            raw[code] = RawAnswer(codes=[value])
    return response_submit(
        distribution=distribution,
        raw=raw,
        language=extra.pop("language", "en"),
        submitted_at=when or timezone.now(),
        **extra,
    )

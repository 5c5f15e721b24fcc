"""What an answer to a question is worth: its 0–100 score, top/bottom box, exclusion.

The rules, per kind of question:

- *fft*, *likert5*, *choice_single*: exactly one of the question's option codes; the option
  says its score, whether it is in the top box (``positive``), the bottom box
  (``negative``) or excluded from every score ("don't know", "not relevant").
- *choice_multi*: one or more codes; no score; positive/negative when any chosen option
  is; excluded only when every chosen option is.
- *scale_0_10*: a whole number 0–10; score = number × 10; top box 9–10, bottom box 0–6.
- *free_text*: a comment (see :mod:`soteria.experience.comments`), never scored.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from soteria.experience.models import Question, QuestionKind

DOMAINS: dict[str, Any] = {
    "NURSES": gettext_lazy("Communication with nurses"),
    "DOCTORS": gettext_lazy("Communication with doctors"),
    "RESPONSIVENESS": gettext_lazy("Responsiveness of staff"),
    "MEDICINES": gettext_lazy("Communication about medicines"),
    "DISCHARGE": gettext_lazy("Discharge information"),
    "CLEANLINESS": gettext_lazy("Cleanliness"),
    "QUIETNESS": gettext_lazy("Quietness"),
    "RECOMMEND": gettext_lazy("Would recommend"),
    "OVERALL": gettext_lazy("Overall"),
    "INFORMATION": gettext_lazy("Information"),
    "INVOLVEMENT": gettext_lazy("Involvement"),
    "STAFF": gettext_lazy("Staff"),
    "COORDINATION": gettext_lazy("Coordination"),
    "SAFETY": gettext_lazy("Safety"),
}
"""Domains the shipped templates use; a custom question may name any other."""

SCALE_TOP_BOX_MIN = 9
SCALE_BOTTOM_BOX_MAX = 6
SCORED_KINDS = {
    QuestionKind.FFT,
    QuestionKind.LIKERT5,
    QuestionKind.CHOICE_SINGLE,
    QuestionKind.CHOICE_MULTI,
    QuestionKind.SCALE_0_10,
}


def domain_label(code: str) -> str:
    return str(DOMAINS.get(code, code))


def _short(text: str, limit: int = 40) -> str:
    """An answer code as quoted back in a message (never the whole of a pasted text)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class AnswerError(ValueError):
    """An answer the question does not accept (the message is for the person who gave it)."""


@dataclass(frozen=True)
class Evaluated:
    option_codes: list[str] = field(default_factory=list)
    number: float | None = None
    score: float | None = None
    point: int | None = None
    positive: bool = False
    negative: bool = False
    excluded: bool = False


def evaluate(question: Question, codes: list[str], number: float | None = None) -> Evaluated:
    """The answer's worth; ``AnswerError`` for an unknown code or an out-of-range number."""
    kind = question.kind
    if kind == QuestionKind.FREE_TEXT:
        raise AnswerError(_("This question takes a written answer."))
    if kind == QuestionKind.SCALE_0_10:
        if codes:
            raise AnswerError(_("Give a number from 0 to 10."))
        if (
            number is None
            or not math.isfinite(number)
            or not 0 <= number <= 10
            or number != int(number)
        ):
            raise AnswerError(_("Give a whole number from 0 to 10."))
        n = int(number)
        return Evaluated(
            number=float(n),
            score=n * 10.0,
            positive=n >= SCALE_TOP_BOX_MIN,
            negative=n <= SCALE_BOTTOM_BOX_MAX,
        )
    if number is not None:
        raise AnswerError(_("Choose one of the answers."))
    unknown = [c for c in codes if question.option(c) is None]
    if unknown:
        raise AnswerError(
            _("Unknown answer code %(codes)s; this question accepts %(known)s.")
            % {
                "codes": ", ".join(_short(c) for c in unknown),
                "known": ", ".join(question.option_codes),
            }
        )
    if len(set(codes)) != len(codes):
        raise AnswerError(_("The same answer was given twice."))
    if not codes:
        raise AnswerError(_("Choose an answer."))
    options = [question.option(c) or {} for c in codes]
    if kind != QuestionKind.CHOICE_MULTI:
        if len(codes) != 1:
            raise AnswerError(_("Choose only one answer."))
        option = options[0]
        excluded = bool(option.get("excluded"))
        score = option.get("score")
        return Evaluated(
            option_codes=list(codes),
            score=None if excluded or score is None else float(score),
            point=None if excluded else option.get("point"),
            positive=bool(option.get("positive")) and not excluded,
            negative=bool(option.get("negative")) and not excluded,
            excluded=excluded,
        )
    excluded = all(o.get("excluded") for o in options)
    return Evaluated(
        option_codes=list(codes),
        positive=not excluded and any(o.get("positive") for o in options),
        negative=not excluded and any(o.get("negative") for o in options),
        excluded=excluded,
    )

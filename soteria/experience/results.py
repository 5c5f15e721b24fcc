"""A survey's results at a unit (and the units below it) for a period, suppressed below the
minimum cell size. Answers are grouped by question code across versions (codes are stable:
a new version keeps them), shown with the current version's wording."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from soteria.core.i18n import localise
from soteria.experience import scores
from soteria.experience.models import Answer, Comment, Question, QuestionKind, Survey
from soteria.experience.questions import domain_label
from soteria.indicators.periods import Period
from soteria.organisations.models import OrgUnit


@dataclass
class OptionRow:
    code: str
    text: str
    count: int
    percent: float | None


@dataclass
class QuestionResult:
    question: Question
    n: int
    excluded: int
    suppressed: bool
    top: scores.Share | None = None
    bottom: scores.Share | None = None
    fft: scores.FftScore | None = None
    mean: scores.Mean | None = None
    five: scores.MeanCI | None = None
    options: list[OptionRow] = field(default_factory=list)


@dataclass
class DomainResult:
    code: str
    label: str
    share: scores.Share


@dataclass
class SurveyResults:
    responses: int
    min_n: int
    suppressed: bool
    questions: list[QuestionResult]
    domains: list[DomainResult]
    comments: list[Comment]
    comment_count: int


def period_bounds(period: Period, unit: OrgUnit) -> tuple[dt.datetime, dt.datetime]:
    """The period in the unit's local time, as aware datetimes."""
    zone = ZoneInfo(unit.time_zone or "UTC")
    start = dt.datetime.combine(period.start, dt.time(), tzinfo=zone)
    end = dt.datetime.combine(period.end, dt.time(), tzinfo=zone)
    return start, end


def survey_results(
    survey: Survey, unit: OrgUnit, period: Period, *, min_n: int | None = None
) -> SurveyResults:
    min_n = scores.min_cell() if min_n is None else min_n
    start, end = period_bounds(period, unit)
    answers = list(
        Answer.objects.filter(
            response__survey=survey,
            response__unit__path__startswith=unit.path,
            response__submitted_at__gte=start,
            response__submitted_at__lt=end,
        ).select_related("question")
    )
    responses = len({a.response_id for a in answers})
    version = survey.current_version() or survey.versions.order_by("-number").first()
    shown = {q.code: q for q in version.questions.all()} if version else {}
    by_code: dict[str, list[Answer]] = defaultdict(list)
    for a in answers:
        by_code[a.question.code].append(a)
        shown.setdefault(a.question.code, a.question)
    rows = []
    domains: dict[str, dict[str, list[Answer]]] = defaultdict(dict)
    for code, question in shown.items():
        if question.kind == QuestionKind.FREE_TEXT:
            continue
        given = by_code.get(code, [])
        top = scores.top_box(given, min_n=min_n)
        row = QuestionResult(question, top.n, top.excluded, top.suppressed, top=top)
        row.bottom = scores.share(given, negative=True, min_n=min_n)
        if question.kind == QuestionKind.FFT:
            row.fft = scores.fft(given, min_n=min_n)
        if question.kind != QuestionKind.CHOICE_MULTI:
            row.mean = scores.mean_score(given, min_n=min_n)
        if question.kind == QuestionKind.LIKERT5:
            row.five = scores.five_point_mean(given, min_n=min_n)
        if not row.suppressed:
            counts: dict[str, int] = defaultdict(int)
            for a in given:
                for c in a.option_codes:
                    counts[c] += 1
            total = len(given)
            row.options = [
                OptionRow(
                    o["code"],
                    localise(o.get("text")),
                    counts.get(o["code"], 0),
                    100.0 * counts.get(o["code"], 0) / total if total else None,
                )
                for o in question.options
            ]
        rows.append(row)
        if question.domain:
            domains[question.domain][code] = given
    domain_rows = [
        DomainResult(code, domain_label(code), scores.domain_top_box(by_q, min_n=min_n))
        for code, by_q in domains.items()
        if len(by_q) > 1 or code not in {"OVERALL"}
    ]
    comments = Comment.objects.filter(
        response__survey=survey,
        response__unit__path__startswith=unit.path,
        response__submitted_at__gte=start,
        response__submitted_at__lt=end,
    )
    suppressed = responses < min_n
    return SurveyResults(
        responses=responses,
        min_n=min_n,
        suppressed=suppressed,
        questions=rows,
        domains=domain_rows,
        comments=[]
        if suppressed
        else list(comments.select_related("response").order_by("-response__submitted_at")[:50]),
        comment_count=comments.count(),
    )


def related_indicators(survey: Survey) -> list[tuple[str, str]]:
    """(code, name) of the active indicators counting this survey's questions: those over
    the ``experience`` fact whose question-code filter names one of its question codes."""
    from soteria.indicators.models import IndicatorDefinition

    version = survey.current_version()
    if version is None:
        return []
    codes = set(version.questions.values_list("code", flat=True))
    found = []
    for definition in IndicatorDefinition.objects.filter(active=True).order_by("code"):
        numerator = definition.numerator or {}
        if numerator.get("fact") != "experience":
            continue
        named: set[str] = set()
        for f in numerator.get("filters") or []:
            if f.get("column") == "question_code":
                value = f.get("value")
                named |= set(value) if isinstance(value, list) else {value}
        if named & codes:
            found.append((definition.code, localise(definition.name)))
    return found


def _number(value: float | None, places: int = 1) -> str:
    return "" if value is None else f"{value:.{places}f}"


def results_csv(figures: SurveyResults) -> list[list[str]]:
    """The results page's figures as CSV rows (suppressed cells empty; no comments)."""
    from soteria.core.spreadsheet import csv_safe

    rows = [
        [
            "kind",
            "code",
            "text",
            "answers",
            "excluded",
            "top_box_or_positive_pct",
            "bottom_box_or_negative_pct",
            "mean_0_100",
            "five_point_mean",
            "ci95_lower",
            "ci95_upper",
            "suppressed",
        ]
    ]
    for d in figures.domains:
        share = d.share
        rows.append(
            [
                "domain",
                d.code,
                csv_safe(d.label),
                "" if share.suppressed else str(share.n),
                "" if share.suppressed else str(share.excluded),
                _number(share.percent),
                "",
                "",
                "",
                "",
                "",
                "yes" if share.suppressed else "no",
            ]
        )
    for r in figures.questions:
        top = r.fft.positive if r.fft else (r.top.percent if r.top else None)
        bottom = r.fft.negative if r.fft else (r.bottom.percent if r.bottom else None)
        five = r.five
        rows.append(
            [
                "question",
                r.question.code,
                csv_safe(r.question.display_text),
                "" if r.suppressed else str(r.n),
                "" if r.suppressed else str(r.excluded),
                _number(None if r.suppressed else top),
                _number(None if r.suppressed else bottom),
                _number(r.mean.mean if r.mean else None),
                _number(five.mean if five else None, 2),
                _number(five.lower if five else None, 2),
                _number(five.upper if five else None, 2),
                "yes" if r.suppressed else "no",
            ]
        )
    return rows


@dataclass
class UnitRow:
    unit: OrgUnit
    responses: int
    headline: scores.Share


def unit_comparison(
    survey: Survey, units: list[OrgUnit], period: Period, *, min_n: int | None = None
) -> tuple[bool, list[UnitRow]]:
    """Each unit's (and its subtree's) headline figure: the FFT's % positive when the
    survey asks it, otherwise the top box pooled over every scored question. Suppressed
    below the minimum cell size like every figure. Returns (whether it is the FFT, rows)."""
    version = survey.current_version()
    has_fft = bool(version and version.questions.filter(kind=QuestionKind.FFT).exists())
    rows = []
    for unit in units:
        start, end = period_bounds(period, unit)
        answers = Answer.objects.filter(
            response__survey=survey,
            response__unit__path__startswith=unit.path,
            response__submitted_at__gte=start,
            response__submitted_at__lt=end,
        )
        if has_fft:
            answers = answers.filter(question__kind=QuestionKind.FFT)
        given = list(
            answers.only("response_id", "score", "point", "positive", "negative", "excluded")
        )
        responses = len({a.response_id for a in given})
        rows.append(UnitRow(unit, responses, scores.top_box(given, min_n=min_n)))
    return has_fft, rows

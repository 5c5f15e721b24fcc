"""Writes of the survey builder: surveys, versions, questions, distributions.

Every write is atomic, permission-checked (contributor or above on the survey's owner unit;
``actor=None`` is the system, used by the demo builder and commands) and audited.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from soteria.audit.models import AuditAction
from soteria.audit.services import audit_record, diff, snapshot
from soteria.core.i18n import clean_translations
from soteria.experience import catalogue
from soteria.experience.models import (
    LANGUAGE_CODES,
    Distribution,
    Question,
    QuestionKind,
    Survey,
    SurveyVersion,
    VersionStatus,
)
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit

CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,39}$")
CHOICE_KINDS = {QuestionKind.CHOICE_SINGLE, QuestionKind.CHOICE_MULTI}
FIXED_SCALES: dict[str, str] = {QuestionKind.FFT: "fft", QuestionKind.LIKERT5: "five_point"}


def _require(actor: Any, unit: OrgUnit) -> None:
    """Contributor or above on the owner; 403 for those who see the survey (a role on, above
    or below the owner), 404 for everyone else."""
    if actor is None or access.can(actor, Action.EDIT, unit):
        return
    if access.reads_within(actor, unit):
        raise PermissionDenied
    raise Http404


def _audit(actor: Any, action: AuditAction, instance: Any, changes: dict | None = None) -> None:
    audit_record(
        actor=actor,
        action=action,
        instance=instance,
        changes=changes or {},
        unit=instance.governing_unit(),
    )


def _check_code(code: str, field: str = "code") -> str:
    code = (code or "").strip().upper()
    if not CODE_RE.match(code):
        raise ValidationError(
            {
                field: _(
                    "Use capital letters, digits, '_' and '-' (up to 40), starting with a "
                    "letter or digit."
                )
            }
        )
    return code


def _check_languages(languages: list[str]) -> list[str]:
    chosen = list(dict.fromkeys(lang for lang in languages if lang in LANGUAGE_CODES))
    if not chosen:
        raise ValidationError({"languages": _("Choose at least one language.")})
    return chosen


# --- surveys and versions -------------------------------------------------------------


@transaction.atomic
def survey_create(
    *,
    actor: Any,
    owner: OrgUnit,
    code: str,
    name: dict[str, str],
    languages: list[str],
    intro: dict[str, str] | None = None,
    template_code: str = "",
) -> Survey:
    """A survey with an empty draft version 1."""
    _require(actor, owner)
    code = _check_code(code)
    name = clean_translations(name)
    if not name:
        raise ValidationError({"name": _("Give the survey a name.")})
    if Survey.objects.filter(owner=owner, code=code).exists():
        raise ValidationError({"code": _("This unit already has a survey with this code.")})
    survey = Survey.objects.create(
        owner=owner,
        code=code,
        name=name,
        languages=_check_languages(languages),
        template_code=template_code,
    )
    SurveyVersion.objects.create(survey=survey, number=1, intro=clean_translations(intro))
    _audit(actor, AuditAction.CREATE, survey, {"code": {"old": None, "new": code}})
    return survey


@transaction.atomic
def survey_update(
    *, actor: Any, survey: Survey, name: dict[str, str], languages: list[str]
) -> Survey:
    _require(actor, survey.owner)
    before = snapshot(survey)
    name = clean_translations(name)
    if not name:
        raise ValidationError({"name": _("Give the survey a name.")})
    survey.name = name
    survey.languages = _check_languages(languages)
    survey.save()
    changes = diff(before, snapshot(survey))
    if changes:
        _audit(actor, AuditAction.UPDATE, survey, changes)
    return survey


@transaction.atomic
def survey_from_template(
    *,
    actor: Any,
    owner: OrgUnit,
    template_code: str,
    code: str | None = None,
    publish: bool = True,
) -> Survey:
    """A survey with the template's questions (published unless ``publish=False``)."""
    template = catalogue.templates().get(template_code)
    if template is None:
        raise ValidationError({"template": _("There is no such template.")})
    survey = survey_create(
        actor=actor,
        owner=owner,
        code=code or template_code,
        name=template["name"],
        languages=sorted(
            catalogue.template_languages(template), key=lambda lang: lang != owner.language
        ),
        intro=template["intro"],
        template_code=template_code,
    )
    version = survey.versions.get()
    for position, q in enumerate(template["questions"], start=1):
        Question.objects.create(
            version=version,
            position=position,
            code=q["code"],
            kind=q["kind"],
            domain=q["domain"],
            required=q["required"],
            text=q["text"],
            options=q["options"],
        )
    if publish:
        version_publish(actor=actor, version=version)
    return survey


@transaction.atomic
def version_draft(*, actor: Any, survey: Survey) -> SurveyVersion:
    """The survey's draft: the open one, or a new one copied from the latest version."""
    _require(actor, survey.owner)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    existing = survey.draft_version()
    if existing is not None:
        return existing
    latest = survey.versions.order_by("-number").first()
    number = (survey.versions.aggregate(m=Max("number"))["m"] or 0) + 1
    draft = SurveyVersion.objects.create(
        survey=survey, number=number, intro=latest.intro if latest else {}
    )
    if latest is not None:
        for q in latest.questions.all():
            q.pk = None
            q.version = draft
            q.save()
    _audit(actor, AuditAction.CREATE, draft, {"number": {"old": None, "new": number}})
    return draft


@transaction.atomic
def version_update_intro(
    *, actor: Any, version: SurveyVersion, intro: dict[str, str]
) -> SurveyVersion:
    _require(actor, version.survey.owner)
    _require_draft(version)
    before = snapshot(version)
    version.intro = clean_translations(intro)
    version.save()
    changes = diff(before, snapshot(version))
    if changes:
        _audit(actor, AuditAction.UPDATE, version, changes)
    return version


@transaction.atomic
def version_publish(*, actor: Any, version: SurveyVersion) -> SurveyVersion:
    """Publish a draft: the version published before retires, and the survey's
    distributions move to this version (their links and QR codes stay valid)."""
    _require(actor, version.survey.owner)
    version = SurveyVersion.objects.select_for_update().get(pk=version.pk)
    _require_draft(version)
    questions = list(version.questions.all())
    if not questions:
        raise ValidationError({"__all__": _("Add at least one question before publishing.")})
    problems = [p for q in questions for p in question_problems(q, version.survey.languages)]
    if problems:
        raise ValidationError({"__all__": problems})
    previous = list(version.survey.versions.filter(status=VersionStatus.PUBLISHED))
    for old in previous:
        old.status = VersionStatus.RETIRED
        old.save(update_fields=["status"])
        _audit(actor, AuditAction.UPDATE, old, {"status": {"old": "published", "new": "retired"}})
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.save(update_fields=["status", "published_at"])
    Distribution.objects.filter(survey=version.survey).update(version=version)
    _audit(actor, AuditAction.UPDATE, version, {"status": {"old": "draft", "new": "published"}})
    return version


def _require_draft(version: SurveyVersion) -> None:
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(
            {
                "__all__": _(
                    "This version is %(status)s and frozen: draft a new version to change it."
                )
                % {"status": version.get_status_display()}
            }
        )


# --- questions ------------------------------------------------------------------------


def question_problems(question: Question, languages: list[str]) -> list[str]:
    """What keeps a question from being published (missing texts, options)."""
    problems = []
    missing = [lang for lang in languages if not (question.text or {}).get(lang)]
    if missing:
        problems.append(
            _("%(code)s: the question has no text in %(languages)s.")
            % {"code": question.code, "languages": ", ".join(missing)}
        )
    for option in question.options:
        gaps = [lang for lang in languages if not option.get("text", {}).get(lang)]
        if gaps:
            problems.append(
                _("%(code)s: answer %(option)s has no text in %(languages)s.")
                % {"code": question.code, "option": option["code"], "languages": ", ".join(gaps)}
            )
    if question.kind in CHOICE_KINDS and len(question.options) < 2:
        problems.append(_("%(code)s: give at least two answers.") % {"code": question.code})
    return problems


def parse_options(text: str, languages: list[str]) -> list[dict[str, Any]]:
    """Options typed one per line: ``CODE | score | flags | text (lang) | text (lang) …``.

    ``score`` is 0–100 or empty; flags are any of ``positive``, ``negative``, ``excluded``
    (comma-separated); the texts follow in the order of the survey's languages."""
    options: list[dict[str, Any]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        code = parts[0].upper()
        if not CODE_RE.match(code):
            raise ValidationError(
                {
                    "options": _("Line %(line)d: '%(code)s' is not a valid answer code.")
                    % {"line": number, "code": parts[0][:40]}
                }
            )
        score: float | None = None
        if len(parts) > 1 and parts[1]:
            try:
                score = float(parts[1].replace(",", "."))
            except ValueError:
                score = -1
            if not 0 <= score <= 100:
                raise ValidationError(
                    {
                        "options": _("Line %(line)d: the score must be a number from 0 to 100.")
                        % {"line": number}
                    }
                )
        flags = {f.strip().lower() for f in (parts[2] if len(parts) > 2 else "").split(",")}
        flags.discard("")
        unknown = flags - {"positive", "negative", "excluded"}
        if unknown:
            raise ValidationError(
                {
                    "options": _(
                        "Line %(line)d: unknown flag %(flag)s (use positive, negative, excluded)."
                    )
                    % {"line": number, "flag": ", ".join(sorted(unknown))}
                }
            )
        texts = {lang: t for lang, t in zip(languages, parts[3:], strict=False) if t}
        if any(o["code"] == code for o in options):
            raise ValidationError(
                {
                    "options": _("Line %(line)d: the code %(code)s is used twice.")
                    % {"line": number, "code": code}
                }
            )
        options.append(
            {
                "code": code,
                "text": texts,
                "score": score,
                "point": None,
                "positive": "positive" in flags,
                "negative": "negative" in flags,
                "excluded": "excluded" in flags,
            }
        )
    return options


def format_options(options: list[dict[str, Any]], languages: list[str]) -> str:
    """The inverse of :func:`parse_options`, for the edit form."""
    lines = []
    for o in options:
        flags = ",".join(f for f in ("positive", "negative", "excluded") if o.get(f))
        score = "" if o.get("score") is None else f"{o['score']:g}"
        texts = [o.get("text", {}).get(lang, "") for lang in languages]
        lines.append(" | ".join([o["code"], score, flags, *texts]))
    return "\n".join(lines)


@transaction.atomic
def question_save(
    *,
    actor: Any,
    version: SurveyVersion,
    question: Question | None,
    code: str,
    kind: str,
    text: dict[str, str],
    domain: str = "",
    required: bool = False,
    options: list[dict[str, Any]] | None = None,
) -> Question:
    """Add a question to a draft, or change one. FFT and five-point questions take their
    standard answers; single/multiple choice questions need their own."""
    _require(actor, version.survey.owner)
    _require_draft(version)
    code = _check_code(code)
    if kind not in QuestionKind.values:
        raise ValidationError({"kind": _("Choose a kind of question.")})
    reserved = catalogue.reserved_codes().get(code)
    if reserved and reserved != kind:
        raise ValidationError(
            {
                "code": _(
                    "%(code)s is the code of a template question of another kind; the "
                    "standard indicators count it. Choose another code."
                )
                % {"code": code}
            }
        )
    clash = version.questions.filter(code=code)
    if question is not None:
        clash = clash.exclude(pk=question.pk)
    if clash.exists():
        raise ValidationError({"code": _("Another question of this version has this code.")})
    text = clean_translations(text)
    if not text:
        raise ValidationError({"text": _("Write the question.")})
    if len(domain) > 40:
        raise ValidationError({"domain": _("At most 40 characters.")})
    if kind in FIXED_SCALES:
        if question is not None and question.kind == kind and question.options:
            options = question.options
        else:
            options = catalogue.scale_options(FIXED_SCALES[kind])
    elif kind in CHOICE_KINDS:
        options = options or []
        if len(options) < 2:
            raise ValidationError({"options": _("Give at least two answers.")})
    else:
        options = []
    creating = question is None
    before = {} if question is None else snapshot(question)
    if question is None:
        last = version.questions.aggregate(m=Max("position"))["m"] or 0
        question = Question(version=version, position=last + 1)
    question.code = code
    question.kind = kind
    question.text = text
    question.domain = domain.strip().upper()
    question.required = required
    question.options = options
    question.save()
    changes = diff(before, snapshot(question))
    if creating or changes:
        _audit(actor, AuditAction.CREATE if creating else AuditAction.UPDATE, question, changes)
    return question


@transaction.atomic
def question_translate(
    *, actor: Any, question: Question, language: str, text: str, options: dict[str, str]
) -> Question:
    """Set the question's text and its answers' texts in one language."""
    _require(actor, question.version.survey.owner)
    _require_draft(question.version)
    if language not in LANGUAGE_CODES:
        raise ValidationError({"language": _("Choose a language.")})
    before = snapshot(question)
    texts = dict(question.text)
    texts[language] = text.strip()
    question.text = clean_translations(texts)
    new_options = []
    for option in question.options:
        option = dict(option, text=dict(option.get("text", {})))
        value = (options.get(option["code"]) or "").strip()
        if value:
            option["text"][language] = value[:300]
        else:
            option["text"].pop(language, None)
        new_options.append(option)
    question.options = new_options
    question.save()
    changes = diff(before, snapshot(question))
    if changes:
        _audit(actor, AuditAction.UPDATE, question, changes)
    return question


@transaction.atomic
def question_delete(*, actor: Any, question: Question) -> None:
    _require(actor, question.version.survey.owner)
    _require_draft(question.version)
    _audit(actor, AuditAction.DELETE, question, {"code": {"old": question.code, "new": None}})
    question.delete()


@transaction.atomic
def question_move(*, actor: Any, question: Question, offset: int) -> None:
    """Move a question up (−1) or down (+1) among its version's questions."""
    _require(actor, question.version.survey.owner)
    _require_draft(question.version)
    ordered = list(question.version.questions.order_by("position", "pk"))
    index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
    target = index + offset
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, q in enumerate(ordered, start=1):
        if q.position != position:
            Question.objects.filter(pk=q.pk).update(position=position)
    _audit(
        actor,
        AuditAction.UPDATE,
        question,
        {"position": {"old": index + 1, "new": target + 1}},
    )


# --- distributions --------------------------------------------------------------------


@transaction.atomic
def distribution_create(
    *,
    actor: Any,
    survey: Survey,
    unit: OrgUnit,
    active: bool = True,
    opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
) -> Distribution:
    """Offer the survey's published version at a unit of the owner's subtree (between
    ``opens_on`` and ``closes_on`` when given)."""
    _require(actor, survey.owner)
    if opens_on and closes_on and closes_on < opens_on:
        raise ValidationError({"closes_on": _("The link cannot close before it opens.")})
    if not unit.is_descendant_of(survey.owner):
        raise ValidationError({"unit": _("Choose a unit within the survey owner's tree.")})
    version = survey.current_version()
    if version is None:
        raise ValidationError({"__all__": _("Publish the survey before distributing it.")})
    existing = Distribution.objects.filter(survey=survey, unit=unit).first()
    if existing is not None:
        if not existing.active and active:
            distribution_set_active(actor=actor, distribution=existing, active=True)
        return existing
    distribution = Distribution.objects.create(
        survey=survey,
        version=version,
        unit=unit,
        active=active,
        opens_on=opens_on,
        closes_on=closes_on,
    )
    _audit(actor, AuditAction.CREATE, distribution, {"unit": {"old": None, "new": unit.code}})
    return distribution


@transaction.atomic
def distribution_set_active(*, actor: Any, distribution: Distribution, active: bool) -> None:
    _require(actor, distribution.survey.owner)
    if distribution.active == active:
        return
    distribution.active = active
    today = timezone.localdate()
    if active:
        distribution.opens_on, distribution.closes_on = today, None
    else:
        distribution.closes_on = today
    distribution.save()
    _audit(
        actor,
        AuditAction.UPDATE,
        distribution,
        {"active": {"old": not active, "new": active}},
    )

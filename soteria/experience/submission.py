"""Storing a response — from the public form or an import — all or nothing.

A raw response is a mapping ``question code → RawAnswer``. Every answer is checked
(unknown codes, out-of-range numbers, over-long comments) and every error reported by
question before anything is written; comments are scrubbed of personal data first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _

from soteria.experience.comments import CleanComment, CommentError, clean_comment
from soteria.experience.models import (
    Answer,
    Comment,
    Distribution,
    Question,
    QuestionKind,
    Response,
    Source,
    SurveyVersion,
)
from soteria.experience.questions import AnswerError, Evaluated, evaluate


@dataclass
class RawAnswer:
    codes: list[str] = field(default_factory=list)
    number: float | None = None
    text: str = ""

    @property
    def empty(self) -> bool:
        return not self.codes and self.number is None and not self.text.strip()


comments_stored = Signal()
"""Sent once the transaction that stored new comments has committed, with ``comment_ids``
(a list of ``Comment`` primary keys): the comment analysis listens to queue its work."""


class DuplicateSubmission(Exception):
    """The same form (nonce) or the same external id was already stored."""


@dataclass
class Checked:
    answers: list[tuple[Question, Evaluated]]
    comments: list[tuple[Question, CleanComment]]


def check_answers(
    version: SurveyVersion,
    raw: dict[str, RawAnswer],
    *,
    require: bool = True,
    questions: dict[str, Question] | None = None,
) -> tuple[Checked, dict[str, str]]:
    """Evaluated answers and scrubbed comments, and the errors by question code
    (``questions``: the version's questions by code, when the caller has them)."""
    if questions is None:
        questions = {q.code: q for q in version.questions.all()}
    errors: dict[str, str] = {}
    checked = Checked([], [])
    for code in raw:
        if code not in questions:
            errors[code] = _("Unknown question code %(code)s.") % {"code": code[:60]}
    for code, question in questions.items():
        answer = raw.get(code)
        if answer is None or answer.empty:
            if require and question.required:
                errors[code] = _("Please answer this question.")
            continue
        try:
            if question.kind == QuestionKind.FREE_TEXT:
                if answer.codes or answer.number is not None:
                    raise AnswerError(_("This question takes a written answer."))
                comment = clean_comment(answer.text)
                if comment is not None:
                    checked.comments.append((question, comment))
            else:
                if answer.text.strip():
                    raise AnswerError(_("This question takes a chosen answer, not text."))
                checked.answers.append((question, evaluate(question, answer.codes, answer.number)))
        except (AnswerError, CommentError) as error:
            errors[code] = str(error)
    return checked, errors


@dataclass
class NewResponse:
    """A checked response ready to store."""

    distribution: Distribution
    version: SurveyVersion
    checked: Checked
    language: str
    submitted_at: dt.datetime
    source: str = Source.WEB
    external_id: str = ""
    nonce_hash: str = ""
    import_batch: str = ""


def responses_store(items: list[NewResponse], *, batch_size: int = 1000) -> list[Response]:
    """Store checked responses with their answers and comments, in bulk, atomically."""
    with transaction.atomic():
        responses = Response.objects.bulk_create(
            [
                Response(
                    survey_id=i.distribution.survey_id,
                    version=i.version,
                    distribution=i.distribution,
                    unit_id=i.distribution.unit_id,
                    submitted_at=i.submitted_at,
                    language=i.language,
                    source=i.source,
                    nonce_hash=i.nonce_hash,
                    external_id=i.external_id,
                    import_batch=i.import_batch,
                )
                for i in items
            ],
            batch_size=batch_size,
        )
        Answer.objects.bulk_create(
            [
                Answer(
                    response=response,
                    question=question,
                    option_codes=value.option_codes,
                    number=value.number,
                    score=value.score,
                    point=value.point,
                    positive=value.positive,
                    negative=value.negative,
                    excluded=value.excluded,
                )
                for response, item in zip(responses, items, strict=True)
                for question, value in item.checked.answers
            ],
            batch_size=batch_size * 2,
        )
        comments = Comment.objects.bulk_create(
            [
                Comment(
                    response=response,
                    question=question,
                    text=comment.text,
                    scrubbed=list(comment.found),
                    language=item.language,
                )
                for response, item in zip(responses, items, strict=True)
                for question, comment in item.checked.comments
            ],
            batch_size=batch_size,
        )
        ids = [c.pk for c in comments if c.pk is not None]
        if ids:
            transaction.on_commit(lambda: comments_stored.send(sender=Comment, comment_ids=ids))
    return responses


def response_submit(
    *,
    distribution: Distribution,
    raw: dict[str, RawAnswer],
    language: str,
    submitted_at: dt.datetime,
    source: str = Source.WEB,
    nonce_hash: str = "",
    external_id: str = "",
    import_batch: str = "",
    version: SurveyVersion | None = None,
    require: bool = True,
    questions: dict[str, Question] | None = None,
) -> Response:
    """Store one response; ``ValidationError`` keyed by question code when any answer is
    wrong (nothing stored), ``DuplicateSubmission`` when the nonce or external id was seen."""
    version = version or distribution.version
    checked, errors = check_answers(version, raw, require=require, questions=questions)
    if errors:
        raise ValidationError(errors)
    if not checked.answers and not checked.comments:
        raise ValidationError({"__all__": _("The response has no answers.")})
    item = NewResponse(
        distribution=distribution,
        version=version,
        checked=checked,
        language=language,
        submitted_at=submitted_at,
        source=source,
        external_id=external_id,
        nonce_hash=nonce_hash,
        import_batch=import_batch,
    )
    try:
        return responses_store([item])[0]
    except IntegrityError as error:
        raise DuplicateSubmission from error

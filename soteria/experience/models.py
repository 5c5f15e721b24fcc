"""Patient-experience surveys: survey → versions → questions; distributions (a version at a
unit, reached by an unguessable link); responses with their answers and scrubbed comments.

A published version is frozen: changing its questions means drafting a new version. A
response keeps the version it answered. Nothing here identifies a respondent: no client
address, user agent or device fingerprint is stored — only a hash of the one-time form
nonce (the duplicate-submission guard) and, for imported responses, the source's id.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from soteria.core.fields import TranslatedField
from soteria.core.i18n import localise
from soteria.organisations.models import OrgUnit

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def new_token() -> str:
    """An unguessable public token (about 190 bits)."""
    return secrets.token_urlsafe(24)


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Retired")


class QuestionKind(models.TextChoices):
    FFT = "fft", _("Friends-and-Family (very good … very poor, don't know)")
    LIKERT5 = "likert5", _("Five-point scale")
    CHOICE_SINGLE = "choice_single", _("Single choice")
    CHOICE_MULTI = "choice_multi", _("Multiple choice")
    SCALE_0_10 = "scale_0_10", _("Scale 0–10")
    FREE_TEXT = "free_text", _("Free text")


class Source(models.TextChoices):
    WEB = "web", _("Web form")
    CSV = "csv", _("CSV import")
    FHIR = "fhir", _("FHIR import")


class Survey(models.Model):
    """A survey an organisation unit runs (its owner edits it; it may be sent to any unit
    below the owner)."""

    owner = models.ForeignKey(
        OrgUnit, verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="surveys"
    )
    code = models.CharField(_("code"), max_length=40)
    name = TranslatedField(_("name"), max_length=200)
    languages = models.JSONField(
        _("languages"), default=list, help_text=_("Languages the survey is offered in.")
    )
    template_code = models.CharField(_("template"), max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["owner__path", "code"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "code"], name="experience_survey_code_unique")
        ]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return f"{self.code} · {self.display_name}"

    @property
    def display_name(self) -> str:
        return localise(self.name)

    def governing_unit(self) -> OrgUnit:
        return self.owner

    def current_version(self) -> SurveyVersion | None:
        return self.versions.filter(status=VersionStatus.PUBLISHED).order_by("-number").first()

    def draft_version(self) -> SurveyVersion | None:
        return self.versions.filter(status=VersionStatus.DRAFT).order_by("-number").first()


class SurveyVersion(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    intro = TranslatedField(_("introduction"), multiline=True, max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["survey", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "number"], name="experience_version_number_unique"
            )
        ]
        verbose_name = _("survey version")
        verbose_name_plural = _("survey versions")

    def __str__(self) -> str:
        return f"{self.survey.code} v{self.number}"

    @property
    def frozen(self) -> bool:
        return self.status != VersionStatus.DRAFT

    def governing_unit(self) -> OrgUnit:
        return self.survey.owner


class Question(models.Model):
    """A question of one version.

    ``options`` is a list of ``{"code", "text": {lang: …}, "score": 0–100 or null,
    "positive": bool, "negative": bool, "excluded": bool}``: ``positive`` marks the top box
    (the FFT's very good and good), ``negative`` the bottom box, ``excluded`` the "don't
    know"/"not relevant" answers left out of every score. ``point`` (1–5) places a
    five-point answer on its scale. A 0–10 question has no options: 9–10 is the top box,
    0–6 the bottom; its score is the number × 10.
    """

    version = models.ForeignKey(SurveyVersion, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(_("code"), max_length=40)
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    domain = models.CharField(_("domain"), max_length=40, blank=True)
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveIntegerField(default=0)
    text = models.JSONField(_("text"), default=dict)
    options = models.JSONField(_("options"), default=list, blank=True)

    class Meta:
        ordering = ["version", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "code"], name="experience_question_code_unique"
            )
        ]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return f"{self.code} · {self.display_text}"

    @property
    def display_text(self) -> str:
        return localise(self.text)

    def governing_unit(self) -> OrgUnit:
        return self.version.survey.owner

    def option(self, code: str) -> dict[str, Any] | None:
        return next((o for o in self.options if o.get("code") == code), None)

    @property
    def option_codes(self) -> list[str]:
        return [str(o["code"]) for o in self.options]


class Distribution(models.Model):
    """A survey offered at a unit through a public link (and its QR code). It follows the
    survey's published version, so printed links stay valid when the survey changes."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="distributions")
    version = models.ForeignKey(
        SurveyVersion, on_delete=models.PROTECT, related_name="distributions"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    active = models.BooleanField(_("active"), default=True)
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["survey", "unit__path"]
        verbose_name = _("distribution")
        verbose_name_plural = _("distributions")

    def __str__(self) -> str:
        return f"{self.survey.code} @ {self.unit.code}"

    def governing_unit(self) -> OrgUnit:
        return self.unit


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    version = models.ForeignKey(SurveyVersion, on_delete=models.PROTECT, related_name="responses")
    distribution = models.ForeignKey(
        Distribution, on_delete=models.PROTECT, related_name="responses"
    )
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(db_index=True)
    language = models.CharField(max_length=5, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.WEB)
    external_id = models.CharField(max_length=200, blank=True)
    nonce_hash = models.CharField(max_length=64, blank=True)
    import_batch = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "external_id"],
                condition=~Q(external_id=""),
                name="experience_response_external_unique",
            ),
            models.UniqueConstraint(
                fields=["nonce_hash"],
                condition=~Q(nonce_hash=""),
                name="experience_response_nonce_unique",
            ),
        ]
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return f"{self.survey.code} response {self.pk}"

    def governing_unit(self) -> OrgUnit:
        return self.unit


class Answer(models.Model):
    """A closed answer, with what it scores (0–100 when ordinal), whether it is in the top
    (``positive``) or bottom (``negative``) box, or excluded (don't know / not relevant).
    ``synced_at`` is set once the answer is in the warehouse."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    option_codes = models.JSONField(default=list, blank=True)
    number = models.FloatField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)
    point = models.PositiveSmallIntegerField(null=True, blank=True)
    positive = models.BooleanField(default=False)
    negative = models.BooleanField(default=False)
    excluded = models.BooleanField(default=False)
    synced_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["response", "question__position"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="experience_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.question.code}={','.join(self.option_codes) or self.number}"


class Sentiment(models.TextChoices):
    POSITIVE = "positive", _("positive")
    NEUTRAL = "neutral", _("neutral")
    NEGATIVE = "negative", _("negative")


class Comment(models.Model):
    """A free-text answer, stored only after personal data was scrubbed from it. The
    analysis fields are filled by :mod:`soteria.experience.analysis`."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="comments")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="comments")
    text = models.TextField()
    scrubbed = models.JSONField(default=list, blank=True, help_text="kinds of data removed")
    language = models.CharField(max_length=5, blank=True)
    sentiment = models.CharField(max_length=10, choices=Sentiment.choices, blank=True)
    themes = models.JSONField(default=list, blank=True)
    analysis_version = models.CharField(max_length=40, blank=True)
    analysed_at = models.DateTimeField(null=True, blank=True)
    vector = models.BinaryField(null=True, blank=True)

    class Meta:
        ordering = ["-response__submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="experience_comment_once")
        ]

    def __str__(self) -> str:
        return self.text[:60]


# The comment analysis' own models (written by its engineer) live beside these; importing
# them here registers them with the app.
from soteria.experience.models_analysis import (  # noqa: E402
    AnalysisRun,
    AnalysisStatus,
    CommentLink,
)

__all__ = [
    "AnalysisRun",
    "AnalysisStatus",
    "Answer",
    "Comment",
    "CommentLink",
    "Distribution",
    "Question",
    "QuestionKind",
    "Response",
    "Sentiment",
    "Source",
    "Survey",
    "SurveyVersion",
    "VersionStatus",
]

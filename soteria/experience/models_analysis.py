"""Models of the comment analysis and of linking comments to improvement work (imported by
:mod:`soteria.experience.models`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AnalysisStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class AnalysisRun(models.Model):
    """One pass of the comment analysis over the comments pending at the time."""

    status = models.CharField(
        max_length=10, choices=AnalysisStatus.choices, default=AnalysisStatus.QUEUED
    )
    model_version = models.CharField(max_length=60, blank=True)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.requested_at:%Y-%m-%d %H:%M} {self.status} {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


class CommentLink(models.Model):
    """A comment taken up by an improvement initiative (of a strategy governing the unit the
    comment was given for), or linked to a good-practice case (one that the comment praises,
    or one that answers it). Exactly one of the two is set."""

    comment = models.ForeignKey(
        "experience.Comment", on_delete=models.CASCADE, related_name="links"
    )
    initiative = models.ForeignKey(
        "strategy.Initiative",
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    practice = models.ForeignKey(
        "practices.PracticeCase",
        verbose_name=_("good-practice case"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comment_links",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "initiative"], name="experience_comment_link_once"
            ),
            models.UniqueConstraint(
                fields=["comment", "practice"], name="experience_comment_practice_once"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(initiative__isnull=False, practice__isnull=True)
                    | models.Q(initiative__isnull=True, practice__isnull=False)
                ),
                name="experience_comment_link_one_target",
            ),
        ]

    def __str__(self) -> str:
        if self.practice_id is not None:
            return f"comment {self.comment_id} → practice case {self.practice_id}"
        return f"comment {self.comment_id} → initiative {self.initiative_id}"

    def governing_unit(self) -> object:
        return self.comment.response.unit

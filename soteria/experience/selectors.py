"""Reads of the experience app, limited to what the user may see.

A survey governs its owner's subtree, like a strategy: anyone with a role on the owner, above
it or anywhere below it sees the survey. Its distributions and results are shown only for the
units the user may view.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from soteria.experience.models import Distribution, Question, Survey, SurveyVersion
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit


def surveys_visible(user: Any) -> list[Survey]:
    surveys = Survey.objects.select_related("owner").order_by("owner__path", "code")
    return [s for s in surveys if access.reads_within(user, s.owner)]


def survey_for(user: Any, pk: int) -> Survey:
    survey = get_object_or_404(Survey.objects.select_related("owner"), pk=pk)
    if not access.reads_within(user, survey.owner):
        raise Http404
    return survey


def version_for(user: Any, pk: int) -> SurveyVersion:
    version = get_object_or_404(SurveyVersion.objects.select_related("survey__owner"), pk=pk)
    survey_for(user, version.survey_id)
    return version


def question_for(user: Any, pk: int) -> Question:
    question = get_object_or_404(Question.objects.select_related("version__survey__owner"), pk=pk)
    survey_for(user, question.version.survey_id)
    return question


def distributions_visible(user: Any, survey: Survey) -> QuerySet[Distribution]:
    return access.filter_by_unit(
        survey.distributions.select_related("unit", "version"), user, Action.VIEW
    )


def distribution_for(user: Any, pk: int) -> Distribution:
    distribution = get_object_or_404(
        Distribution.objects.select_related("survey__owner", "unit", "version"), pk=pk
    )
    access.require(user, Action.VIEW, distribution.unit)
    return distribution


def result_units(user: Any, survey: Survey) -> QuerySet[OrgUnit]:
    """Units of the survey's tree the user may see results for."""
    return access.units_for(user, Action.VIEW).filter(path__startswith=survey.owner.path)


def can_edit(user: Any, survey: Survey) -> bool:
    return access.can(user, Action.EDIT, survey.owner)

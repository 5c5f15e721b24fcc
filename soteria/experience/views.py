"""Survey builder, distribution, results and import pages (signed-in staff).

Seeing a survey needs a role on its owner unit, above it or below it; changing it needs
contributor or above on the owner (the services check and audit); a distribution's QR
page and results need a role on the unit they are for.
"""

from __future__ import annotations

import csv
from typing import Any

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from soteria.core.forms import apply_service
from soteria.core.i18n import localise
from soteria.experience import catalogue, imports, selectors, services
from soteria.experience.forms import (
    DistributeForm,
    ImportForm,
    IntroForm,
    QuestionForm,
    SurveyEditForm,
    SurveyNewForm,
    TranslateForm,
)
from soteria.experience.models import LANGUAGE_CODES, Question, Survey, VersionStatus
from soteria.experience.questions import domain_label
from soteria.experience.results import related_indicators, survey_results, unit_comparison
from soteria.experience.results import results_csv as result_rows
from soteria.indicators import periods
from soteria.organisations import access
from soteria.organisations.access import Action

MAX_IMPORT_BYTES = 20 * 1024 * 1024


def _crumbs(*tail: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("Patient experience"), reverse("experience-surveys")), *tail]


def _survey_crumb(survey: Survey) -> tuple[str, str]:
    return (survey.display_name, reverse("experience-survey", args=[survey.pk]))


def _require_edit(user: Any, survey: Survey) -> None:
    if not selectors.can_edit(user, survey):
        raise PermissionDenied


def survey_list(request: HttpRequest) -> HttpResponse:
    surveys = selectors.surveys_visible(request.user)
    may_create = access.units_for(request.user, Action.EDIT).exists()
    return render(
        request,
        "experience/survey_list.html",
        {"surveys": surveys, "may_create": may_create, "breadcrumbs": _crumbs()},
    )


def survey_new(request: HttpRequest) -> HttpResponse:
    owners = access.units_for(request.user, Action.EDIT).order_by("path")
    if not owners.exists():
        raise PermissionDenied
    form = SurveyNewForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def create() -> Survey:
            if data["template"]:
                return services.survey_from_template(
                    actor=request.user,
                    owner=data["owner"],
                    template_code=data["template"],
                    code=data["code"] or None,
                )
            return services.survey_create(
                actor=request.user,
                owner=data["owner"],
                code=data["code"],
                name=data["name"],
                languages=data["languages"],
            )

        survey = apply_service(form, create)
        if survey is not None:
            messages.success(request, _("Survey created."))
            return redirect("experience-survey", pk=survey.pk)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": _("New survey"),
            "breadcrumbs": _crumbs((_("New survey"), None)),
            "submit_label": _("Create"),
        },
    )


def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_for(request.user, pk)
    distributions = selectors.distributions_visible(request.user, survey)
    rows = [
        (d, request.build_absolute_uri(reverse("experience-respond", args=[d.token])))
        for d in distributions
    ]
    return render(
        request,
        "experience/survey_detail.html",
        {
            "survey": survey,
            "versions": survey.versions.order_by("-number"),
            "distributions": rows,
            "may_edit": selectors.can_edit(request.user, survey),
            "templates": catalogue.templates(),
            "breadcrumbs": _crumbs((survey.display_name, None)),
            "response_count": survey.responses.filter(
                unit__in=selectors.result_units(request.user, survey)
            ).count(),
        },
    )


def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_for(request.user, pk)
    _require_edit(request.user, survey)
    form = SurveyEditForm(
        request.POST or None, initial={"name": survey.name, "languages": survey.languages}
    )
    if request.method == "POST" and form.is_valid():
        done = apply_service(
            form,
            lambda: services.survey_update(
                actor=request.user,
                survey=survey,
                name=form.cleaned_data["name"],
                languages=form.cleaned_data["languages"],
            ),
        )
        if done is not None:
            messages.success(request, _("Survey saved."))
            return redirect("experience-survey", pk=survey.pk)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": _("Edit survey"),
            "breadcrumbs": _crumbs(_survey_crumb(survey), (_("Edit"), None)),
        },
    )


@require_POST
def version_draft(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_for(request.user, pk)
    _require_edit(request.user, survey)
    draft = services.version_draft(actor=request.user, survey=survey)
    return redirect("experience-version", pk=draft.pk)


def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.version_for(request.user, pk)
    survey = version.survey
    may_edit = selectors.can_edit(request.user, survey) and not version.frozen
    questions = [
        {
            "q": q,
            "domain": domain_label(q.domain) if q.domain else "",
            "missing": [lang for lang in survey.languages if not q.text.get(lang)]
            + sorted(
                {
                    lang
                    for o in q.options
                    for lang in survey.languages
                    if not o.get("text", {}).get(lang)
                }
                - {lang for lang in survey.languages if not q.text.get(lang)}
            ),
            "options": [(o, localise(o.get("text"))) for o in q.options],
        }
        for q in version.questions.all()
    ]
    return render(
        request,
        "experience/version_detail.html",
        {
            "version": version,
            "survey": survey,
            "questions": questions,
            "intro": localise(version.intro),
            "may_edit": may_edit,
            "survey_languages": survey.languages,
            "breadcrumbs": _crumbs(
                _survey_crumb(survey),
                (_("Version %(number)s") % {"number": version.number}, None),
            ),
        },
    )


def version_intro(request: HttpRequest, pk: int) -> HttpResponse:
    """The introduction shown above a draft's questions, per language."""
    version = selectors.version_for(request.user, pk)
    _require_edit(request.user, version.survey)
    if version.frozen:
        raise PermissionDenied
    form = IntroForm(request.POST or None, initial={"intro": version.intro})
    if request.method == "POST" and form.is_valid():
        done = apply_service(
            form,
            lambda: (
                services.version_update_intro(
                    actor=request.user, version=version, intro=form.cleaned_data["intro"]
                )
                or True
            ),
        )
        if done is not None:
            messages.success(request, _("Introduction saved."))
            return redirect("experience-version", pk=version.pk)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": _("Introduction"),
            "breadcrumbs": _crumbs(
                _survey_crumb(version.survey),
                (
                    _("Version %(number)s") % {"number": version.number},
                    reverse("experience-version", args=[version.pk]),
                ),
                (_("Introduction"), None),
            ),
        },
    )


@require_POST
def version_publish(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.version_for(request.user, pk)
    _require_edit(request.user, version.survey)
    from django.core.exceptions import ValidationError

    try:
        services.version_publish(actor=request.user, version=version)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("experience-version", pk=version.pk)
    messages.success(request, _("Version published; the survey's links now show it."))
    return redirect("experience-survey", pk=version.survey_id)


def _question_form(request: HttpRequest, version: Any, question: Question | None) -> HttpResponse:
    survey = version.survey
    _require_edit(request.user, survey)
    if version.frozen:
        raise PermissionDenied
    initial = {}
    if question is not None:
        initial = {
            "code": question.code,
            "kind": question.kind,
            "text": question.text,
            "domain": question.domain,
            "required": question.required,
            "options": services.format_options(question.options, survey.languages)
            if question.kind in services.CHOICE_KINDS
            else "",
        }
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def save() -> Question:
            options = None
            if data["kind"] in services.CHOICE_KINDS:
                options = services.parse_options(data["options"], survey.languages)
            return services.question_save(
                actor=request.user,
                version=version,
                question=question,
                code=data["code"],
                kind=data["kind"],
                text=data["text"],
                domain=data["domain"],
                required=data["required"],
                options=options,
            )

        if apply_service(form, save) is not None:
            messages.success(request, _("Question saved."))
            return redirect("experience-version", pk=version.pk)
    title = (
        _("New question")
        if question is None
        else _("Edit question %(code)s") % {"code": question.code}
    )
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": title,
            "subtitle": _("Languages of this survey: %(languages)s")
            % {"languages": ", ".join(survey.languages)},
            "breadcrumbs": _crumbs(
                _survey_crumb(survey),
                (
                    _("Version %(number)s") % {"number": version.number},
                    reverse("experience-version", args=[version.pk]),
                ),
                (title, None),
            ),
        },
    )


def question_new(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.version_for(request.user, pk)
    return _question_form(request, version, None)


def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = selectors.question_for(request.user, pk)
    return _question_form(request, question.version, question)


def question_translate(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    question = selectors.question_for(request.user, pk)
    version = question.version
    _require_edit(request.user, version.survey)
    if version.frozen:
        raise PermissionDenied
    if language not in LANGUAGE_CODES:
        raise Http404
    initial: dict[str, Any] = {"text": question.text.get(language, "")}
    for option in question.options:
        initial[f"option_{option['code']}"] = option.get("text", {}).get(language, "")
    form = TranslateForm(
        request.POST or None, initial=initial, options=question.options, language=language
    )
    if request.method == "POST" and form.is_valid():
        options = {
            o["code"]: form.cleaned_data.get(f"option_{o['code']}", "") for o in question.options
        }
        done = apply_service(
            form,
            lambda: services.question_translate(
                actor=request.user,
                question=question,
                language=language,
                text=form.cleaned_data["text"],
                options=options,
            ),
        )
        if done is not None:
            messages.success(request, _("Translation saved."))
            return redirect("experience-version", pk=version.pk)
    title = _("%(code)s in %(language)s") % {"code": question.code, "language": language}
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": title,
            "subtitle": localise(question.text, "en"),
            "breadcrumbs": _crumbs(
                _survey_crumb(version.survey),
                (
                    _("Version %(number)s") % {"number": version.number},
                    reverse("experience-version", args=[version.pk]),
                ),
                (title, None),
            ),
        },
    )


@require_POST
def question_move(request: HttpRequest, pk: int) -> HttpResponse:
    question = selectors.question_for(request.user, pk)
    _require_edit(request.user, question.version.survey)
    offset = -1 if request.POST.get("direction") == "up" else 1
    apply = services.question_move
    from django.core.exceptions import ValidationError

    try:
        apply(actor=request.user, question=question, offset=offset)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("experience-version", pk=question.version_id)


def question_delete(request: HttpRequest, pk: int) -> HttpResponse:
    question = selectors.question_for(request.user, pk)
    version = question.version
    _require_edit(request.user, version.survey)
    if version.frozen:
        raise PermissionDenied
    if request.method == "POST":
        services.question_delete(actor=request.user, question=question)
        messages.success(request, _("Question deleted."))
        return redirect("experience-version", pk=version.pk)
    return render(
        request,
        "web/confirm_delete.html",
        {"object": question, "cancel_url": reverse("experience-version", args=[version.pk])},
    )


def distribute(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_for(request.user, pk)
    _require_edit(request.user, survey)
    form = DistributeForm(request.POST or None, units=survey.owner.subtree().order_by("path"))
    if request.method == "POST" and form.is_valid():
        done = apply_service(
            form,
            lambda: services.distribution_create(
                actor=request.user,
                survey=survey,
                unit=form.cleaned_data["unit"],
                opens_on=form.cleaned_data["opens_on"],
                closes_on=form.cleaned_data["closes_on"],
            ),
        )
        if done is not None:
            messages.success(request, _("The survey is offered at the unit."))
            return redirect("experience-survey", pk=survey.pk)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": _("Offer the survey at a unit"),
            "breadcrumbs": _crumbs(_survey_crumb(survey), (_("Distribute"), None)),
        },
    )


@require_POST
def distribution_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    distribution = selectors.distribution_for(request.user, pk)
    _require_edit(request.user, distribution.survey)
    services.distribution_set_active(
        actor=request.user, distribution=distribution, active=not distribution.active
    )
    return redirect("experience-survey", pk=distribution.survey_id)


def distribution_print(request: HttpRequest, pk: int) -> HttpResponse:
    distribution = selectors.distribution_for(request.user, pk)
    link = request.build_absolute_uri(reverse("experience-respond", args=[distribution.token]))
    qr = segno.make(link, error="m")
    svg = qr.svg_inline(scale=8, border=2, title=_("QR code of the survey link"))
    # the sheet is for patients: in the unit's language when the survey offers it
    languages = distribution.survey.languages
    unit_language = distribution.unit.language or "en"
    language = unit_language if unit_language in languages else (languages or ["en"])[0]
    return render(
        request,
        "experience/print.html",
        {
            "distribution": distribution,
            "link": link,
            # segno writes the SVG from the link only (no user text): safe to inline
            "qr_svg": mark_safe(svg),  # noqa: S308
            "survey_name": localise(distribution.survey.name, language),
            "unit_name": localise(distribution.unit.name, language),
            "sheet_language": language,
            "breadcrumbs": _crumbs(_survey_crumb(distribution.survey), (_("QR code"), None)),
        },
    )


def _results_selection(request: HttpRequest, survey: Survey) -> tuple[Any, periods.Period]:
    """The unit (one the user may see) and period asked for; 404 outside the user's reach."""
    units = selectors.result_units(request.user, survey).order_by("path")
    code = request.GET.get("unit") or ""
    unit = units.filter(code=code).first() if code else units.first()
    if unit is None:
        raise Http404
    today = timezone.localdate()
    default = periods.period_of(today, periods.PeriodType.YEAR).code
    period_code = request.GET.get("period") or default
    try:
        period = periods.parse(period_code)
    except ValueError:
        period = periods.parse(default)
        messages.error(request, _("Use a period such as 202603, 2026Q1, 2026S1 or 2026."))
    return unit, period


def results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_for(request.user, pk)
    unit, period = _results_selection(request, survey)
    units = selectors.result_units(request.user, survey).order_by("path")
    figures = survey_results(survey, unit, period)
    children = [u for u in units if u.parent_id == unit.pk]
    headline_is_fft, compared = (
        unit_comparison(survey, children, period) if children else (False, [])
    )
    return render(
        request,
        "experience/results.html",
        {
            "survey": survey,
            "unit": unit,
            "units": units,
            "period": period,
            "results": figures,
            "indicators": related_indicators(survey),
            "headline_is_fft": headline_is_fft,
            "compared": compared,
            "breadcrumbs": _crumbs(_survey_crumb(survey), (_("Results"), None)),
        },
    )


def results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The figures of the results page (suppressed cells empty, no comments) as CSV."""
    survey = selectors.survey_for(request.user, pk)
    unit, period = _results_selection(request, survey)
    rows = result_rows(survey_results(survey, unit, period))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"{survey.code}_{unit.code}_{period.code}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    csv.writer(response).writerows(rows)
    return response


def import_view(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_for(request.user, pk)
    _require_edit(request.user, survey)
    form = ImportForm(
        request.POST or None, request.FILES or None, units=survey.owner.subtree().order_by("path")
    )
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            form.add_error("file", _("The file is larger than 20 MB."))
        else:
            report = apply_service(
                form,
                lambda: imports.import_responses(
                    actor=request.user,
                    survey=survey,
                    file_name=upload.name,
                    content=upload.read(),
                    default_unit=form.cleaned_data["unit"],
                    link_map=imports.parse_link_map(form.cleaned_data["link_map"]),
                ),
            )
    return render(
        request,
        "experience/import.html",
        {
            "survey": survey,
            "form": form,
            "report": report,
            "published": survey.versions.filter(status=VersionStatus.PUBLISHED).exists(),
            "breadcrumbs": _crumbs(_survey_crumb(survey), (_("Import responses"), None)),
        },
    )

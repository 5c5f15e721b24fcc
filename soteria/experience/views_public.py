"""The public, anonymous response pages (no login): the form, the thank-you page.

Nothing about the visitor is stored: no session is opened, the client address is used only
for the rate limit (a salted hash in the cache, expiring), no user agent is read.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from soteria.core.i18n import localise
from soteria.experience import public
from soteria.experience.models import Distribution, QuestionKind, Response
from soteria.experience.submission import DuplicateSubmission, response_submit


def _distribution(token: str) -> Distribution:
    return get_object_or_404(
        Distribution.objects.select_related("survey", "version", "unit"), token=token
    )


def _is_open(distribution: Distribution) -> bool:
    today = timezone.localdate()
    if not distribution.active:
        return False
    if distribution.opens_on and today < distribution.opens_on:
        return False
    return not (distribution.closes_on and today > distribution.closes_on)


def _language(request: HttpRequest, languages: list[str]) -> str:
    wanted = request.POST.get("lang") or request.GET.get("lang") or translation.get_language()
    wanted = (wanted or "").split("-")[0]
    return wanted if wanted in languages else (languages[0] if languages else "en")


def _questions(distribution: Distribution, language: str) -> list[dict]:
    rows = []
    for q in distribution.version.questions.all():
        rows.append(
            {
                "code": q.code,
                "name": public.field_name(q.code),
                "kind": q.kind,
                "required": q.required,
                "text": localise(q.text, language),
                "options": [
                    {"code": o["code"], "text": localise(o.get("text"), language)}
                    for o in q.options
                ],
                "multi": q.kind == QuestionKind.CHOICE_MULTI,
                "scale": q.kind == QuestionKind.SCALE_0_10,
                "free": q.kind == QuestionKind.FREE_TEXT,
            }
        )
    return rows


def _render(
    request: HttpRequest,
    distribution: Distribution,
    language: str,
    *,
    nonce: str,
    errors: dict[str, str] | None = None,
    shown: dict | None = None,
    status: int = 200,
) -> HttpResponse:
    from soteria.experience.comments import MAX_COMMENT_CHARS

    survey = distribution.survey
    questions = _questions(distribution, language)
    errors = errors or {}
    for q in questions:
        q["error"] = errors.get(q["code"], "")
        value = (shown or {}).get(q["code"])
        q["value"] = value if value is not None else ([] if not (q["free"] or q["scale"]) else "")
    return render(
        request,
        "experience/respond.html",
        {
            "distribution": distribution,
            "survey_name": localise(survey.name, language),
            "unit_name": localise(distribution.unit.name, language),
            "intro": localise(distribution.version.intro, language),
            "questions": questions,
            "errors": [(q["code"], q["text"], q["error"]) for q in questions if q["error"]],
            "general_error": errors.get("__all__", ""),
            "nonce": nonce,
            "lang": language,
            "survey_languages": [
                (code, translation.get_language_info(code)["name_local"])
                for code in survey.languages
            ],
            "scale_points": range(11),
            "max_comment": MAX_COMMENT_CHARS,
        },
        status=status,
    )


@never_cache
@csrf_protect
def respond(request: HttpRequest, token: str) -> HttpResponse:
    distribution = _distribution(token)
    language = _language(request, distribution.survey.languages)
    with translation.override(language):
        if not _is_open(distribution):
            return render(
                request,
                "experience/respond_closed.html",
                {"survey_name": localise(distribution.survey.name, language)},
                status=410,
            )
        if request.method != "POST":
            return _render(request, distribution, language, nonce=public.nonce_new(distribution))
        if public.rate_limited(request, distribution):
            return render(request, "experience/respond_limited.html", status=429)
        raw, shown = public.raw_answers(distribution.version, request.POST)
        nonce = request.POST.get("nonce", "")
        nonce_hash = public.nonce_check(nonce, distribution)
        if nonce_hash is None:  # expired or forged: nothing stored, the answers shown again
            return _render(
                request,
                distribution,
                language,
                nonce=public.nonce_new(distribution),
                errors={"__all__": _expired_message()},
                shown=shown,
                status=400,
            )
        if Response.objects.filter(nonce_hash=nonce_hash).exists():
            return _already(request, distribution, language)
        try:
            response_submit(
                distribution=distribution,
                raw=raw,
                language=language,
                submitted_at=timezone.now().replace(minute=0, second=0, microsecond=0),
                nonce_hash=nonce_hash,
            )
        except ValidationError as error:
            errors = {k: " ".join(str(m) for m in v) for k, v in error.message_dict.items()}
            return _render(
                request, distribution, language, nonce=nonce, errors=errors, shown=shown, status=400
            )
        except DuplicateSubmission:
            return _already(request, distribution, language)
        from soteria.experience.sync import sync_soon

        sync_soon()
        return redirect(reverse("experience-thanks", args=[token]) + f"?lang={language}")


def _expired_message() -> str:
    from django.utils.translation import gettext as _

    return _("This form has expired or was changed. Nothing was saved; please answer again below.")


def _already(request: HttpRequest, distribution: Distribution, language: str) -> HttpResponse:
    return render(
        request,
        "experience/respond_thanks.html",
        {"survey_name": localise(distribution.survey.name, language), "already": True},
    )


def thanks(request: HttpRequest, token: str) -> HttpResponse:
    distribution = _distribution(token)
    language = _language(request, distribution.survey.languages)
    with translation.override(language):
        return render(
            request,
            "experience/respond_thanks.html",
            {"survey_name": localise(distribution.survey.name, language), "already": False},
        )

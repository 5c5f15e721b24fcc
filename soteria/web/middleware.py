"""Every page needs a signed-in user, except the few listed here; no request may carry a
NUL character."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _

from soteria.core import generation

PUBLIC_PREFIXES = ("/login/", "/i18n/", "/static/", "/api/", "/healthz", "/experience/r/")
"""Paths open without signing in; ``/experience/r/`` are the anonymous survey response pages."""


class LoginRequiredMiddleware:
    """Redirect anonymous visitors to the login page (the API answers 401 on its own)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated and not request.path.startswith(PUBLIC_PREFIXES):
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class GenerationScopeMiddleware:
    """Forget the data generation a request announced (:mod:`soteria.core.generation`) when
    it ends, so that the next request served by the same thread starts without one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        generation.leave()
        try:
            return self.get_response(request)
        finally:
            generation.leave()


class RejectNulMiddleware:
    """Answer 400 to a request whose path or form/query values hold a NUL character.

    No text in the product may contain one, and PostgreSQL refuses it in any text value
    (even in a lookup), which would otherwise surface as a server error wherever a raw
    parameter reaches a query. Uploaded files are not inspected (only form fields)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or _has_nul(request.GET.lists()):
            return _bad_request()
        if request.method == "POST" and _has_nul(request.POST.lists()):
            return _bad_request()
        return self.get_response(request)


def _has_nul(items: Any) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in items)


def _bad_request() -> HttpResponse:
    return HttpResponseBadRequest(
        _("The request contains a NUL character, which no field accepts."),
        content_type="text/plain; charset=utf-8",
    )

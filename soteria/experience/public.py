"""The public response form's guards and parsing: one-time nonce, rate limit, answers.

- **Nonce**: every form carries a signed, expiring random nonce; a response stores only the
  SHA-256 of it, so the same form submitted twice is recognised and refused politely.
- **Rate limit**: submissions per distribution and client address in a window, counted in
  the cache under a salted HMAC of (address, token) that expires with the window. The
  address itself is never written anywhere (database, cache key or log).
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest, QueryDict
from django.utils.crypto import salted_hmac

from soteria.experience.models import Distribution, QuestionKind, SurveyVersion
from soteria.experience.submission import RawAnswer

NONCE_SALT = "soteria.experience.form-nonce"
NONCE_MAX_AGE = 24 * 3600
"""A form may be filled in for up to a day after it was opened."""
RATE_WINDOW = 3600
RATE_LIMIT_DEFAULT = 20
"""Submissions per distribution and client address per hour (``SOTERIA_EXPERIENCE_RATE_LIMIT``)."""


def nonce_new(distribution: Distribution) -> str:
    return signing.dumps({"d": distribution.token, "n": secrets.token_urlsafe(16)}, salt=NONCE_SALT)


def nonce_check(value: str, distribution: Distribution) -> str | None:
    """The hash to store for a valid nonce of this distribution; None if forged or expired."""
    try:
        data = signing.loads(value or "", salt=NONCE_SALT, max_age=NONCE_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("d") != distribution.token:
        return None
    return hashlib.sha256(str(data.get("n")).encode()).hexdigest()


def _rate_key(request: HttpRequest, distribution: Distribution) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    digest = salted_hmac("soteria.experience.rate", f"{address}|{distribution.token}").hexdigest()
    return f"experience-rate:{digest}"


def rate_limited(request: HttpRequest, distribution: Distribution) -> bool:
    """Count this submission; True once the limit for the window is passed."""
    limit = int(getattr(settings, "SOTERIA_EXPERIENCE_RATE_LIMIT", RATE_LIMIT_DEFAULT))
    key = _rate_key(request, distribution)
    if cache.add(key, 1, timeout=RATE_WINDOW):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=RATE_WINDOW)
        return False
    return count > limit


def field_name(code: str) -> str:
    return f"q-{code}"


def raw_answers(
    version: SurveyVersion, data: QueryDict
) -> tuple[dict[str, RawAnswer], dict[str, Any]]:
    """The answers in a submitted form, and the values to show again if it has errors."""
    raw: dict[str, RawAnswer] = {}
    shown: dict[str, Any] = {}
    for question in version.questions.all():
        name = field_name(question.code)
        if question.kind == QuestionKind.FREE_TEXT:
            text = data.get(name, "")
            raw[question.code] = RawAnswer(text=text)
            shown[question.code] = text
        elif question.kind == QuestionKind.CHOICE_MULTI:
            codes = [c for c in data.getlist(name) if c]
            raw[question.code] = RawAnswer(codes=codes)
            shown[question.code] = codes
        elif question.kind == QuestionKind.SCALE_0_10:
            value = data.get(name, "").strip()
            number: float | None = None
            if value:
                try:
                    number = float(value)
                except ValueError:
                    number = -1.0
            raw[question.code] = RawAnswer(number=number)
            shown[question.code] = value
        else:
            value = data.get(name, "")
            raw[question.code] = RawAnswer(codes=[value] if value else [])
            shown[question.code] = [value] if value else []
    return raw, shown

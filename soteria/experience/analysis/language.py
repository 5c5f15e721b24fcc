"""Language of a comment: lingua, restricted to the languages the hospitals' patients write in.

The detector is built once per process on first use (loading its models takes a few seconds
and about 100 MB for the default set), restricted to ``languages()`` — the setting
``EXPERIENCE_LANGUAGES`` (ISO 639-1 codes) or ``DEFAULT_LANGUAGES``: the five of the
product (en, pl, vi, fi, da) plus de, sv, nb, uk, ru, fr, es for mixed populations.
Restricting the set makes short comments far more reliable than detection among all 75.

``detect(text)`` returns the code and lingua's confidence (0…1, relative to the other
configured languages; for Danish and Norwegian Bokmål, which lingua cannot tell apart in
many short sentences, the two are added up and the likelier reported). It answers
``"und"`` (undetermined, ISO 639-2) with confidence 0 for text with fewer than
``MIN_LETTERS`` letters ("ok", "👍", "10/10"), and ``"und"`` with the best confidence
when that confidence is below ``MIN_CONFIDENCE`` (mixed-language or very short text).
Placeholders left by scrubbing (``[name]``, ``[phone]`` …), web addresses and markup are
ignored, and only the first ``MAX_CHARS`` characters are looked at.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

__all__ = [
    "DEFAULT_LANGUAGES",
    "MIN_CONFIDENCE",
    "MIN_LETTERS",
    "UNDETERMINED",
    "Detection",
    "detect",
    "languages",
]

DEFAULT_LANGUAGES: tuple[str, ...] = (
    "en",
    "pl",
    "vi",
    "fi",
    "da",
    "de",
    "sv",
    "nb",
    "uk",
    "ru",
    "fr",
    "es",
)
UNDETERMINED = "und"
SIBLINGS = frozenset({frozenset(("da", "nb"))})
"""Language pairs whose confidences are added when they are the two most likely: the more
likely one is reported."""
MIN_CONFIDENCE = 0.5
MIN_LETTERS = 3
MAX_CHARS = 2000

_NOISE_RE = re.compile(
    r"\[(?:name|phone|email|id|url|number)\]|(?:https?://|www\.)\S{1,2000}|<[^<>]{0,500}>",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Detection:
    code: str  # ISO 639-1, or "und"
    confidence: float


_lock = threading.Lock()
_detector = None
_detector_codes: tuple[str, ...] = ()


def languages() -> tuple[str, ...]:
    """The configured language codes (setting ``EXPERIENCE_LANGUAGES`` or the default)."""
    try:
        from django.conf import settings

        configured = getattr(settings, "EXPERIENCE_LANGUAGES", None)
    except Exception:  # settings not configured
        configured = None
    return tuple(configured) if configured else DEFAULT_LANGUAGES


def _get_detector():  # type: ignore[no-untyped-def]
    global _detector, _detector_codes
    codes = languages()
    if _detector is None or codes != _detector_codes:
        with _lock:
            if _detector is None or codes != _detector_codes:
                from lingua import IsoCode639_1, LanguageDetectorBuilder

                iso = [getattr(IsoCode639_1, code.upper()) for code in codes]
                _detector = LanguageDetectorBuilder.from_iso_codes_639_1(*iso).build()
                _detector_codes = codes
    return _detector


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


def detect(text: str) -> Detection:
    """The language of ``text`` with lingua's confidence; ``"und"`` when unsure."""
    sample = _NOISE_RE.sub(" ", text[: MAX_CHARS * 2])[:MAX_CHARS]
    if _letters(sample) < MIN_LETTERS:
        return Detection(UNDETERMINED, 0.0)
    values = _get_detector().compute_language_confidence_values(sample)
    if not values:
        return Detection(UNDETERMINED, 0.0)
    best = values[0]
    confidence = float(best.value)
    code = best.language.iso_code_639_1.name.lower()
    if len(values) > 1:
        second = values[1].language.iso_code_639_1.name.lower()
        if frozenset((code, second)) in SIBLINGS:
            # Danish and Norwegian Bokmål share most short sentences: lingua splits its
            # confidence between them. The pair together is what is certain.
            confidence += float(values[1].value)
    confidence = round(min(confidence, 1.0), 4)
    if confidence < MIN_CONFIDENCE:
        return Detection(UNDETERMINED, confidence)
    return Detection(code, confidence)

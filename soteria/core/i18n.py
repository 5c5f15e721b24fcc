"""Translated content: a JSON object mapping language code to text.

User-facing *interface* text goes through Django's gettext. User-entered *content*
(unit names, mission, objectives…) is stored once per language in a JSON field and
shown with :func:`localise`, which falls back to English and then to any language
that has a text, so nothing is ever shown blank when one translation exists.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.utils import translation

LANGUAGE_CODES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)
FALLBACK_LANGUAGE = "en"

TranslatedText = dict[str, str]


_rendering: ContextVar[str | None] = ContextVar("soteria_rendering_language", default=None)


def active_language() -> str | None:
    """The active language: the one a Jinja2 rendering began in, while it runs
    (:func:`rendering_in`: a context variable, where Django's ``get_language`` costs ~1 µs
    through asgiref's ``Local`` and a table asks for it a few hundred times), else Django's
    ``get_language()``."""
    return _rendering.get() or translation.get_language()


@contextmanager
def rendering_in(language: str | None) -> Iterator[None]:
    """Within: :func:`active_language` is ``language`` (a whole rendering runs in the one
    language it began in; a ``translation.override`` belongs around it, not inside)."""
    token = _rendering.set(language)
    try:
        yield
    finally:
        _rendering.reset(token)


_kept: dict[tuple[str | None, str], str] = {}


def gettext_kept(message: str) -> str:
    """Django's ``gettext`` of an interface text, kept per language: the catalogues do not
    change while the process runs, and table rows ask for the same few texts hundreds of
    times per page (half the cost of a ``gettext`` call)."""
    language = active_language()
    key = (language, message)
    found = _kept.get(key)
    if found is None:
        # looked up in the key's language: code running under a ``translation.override``
        # inside a rendering (which holds its own language) must not keep another's text
        with translation.override(language):
            found = _kept[key] = translation.gettext(message)
    return found


def localise(texts: Mapping[str, str] | None, language: str | None = None) -> str:
    """The text in ``language`` (default: the active one), else English, else any."""
    if not texts:
        return ""
    language = (language or active_language() or FALLBACK_LANGUAGE).split("-")[0]
    for code in (language, FALLBACK_LANGUAGE, *LANGUAGE_CODES):
        text = texts.get(code)
        if text:
            return text
    return next((text for text in texts.values() if text), "")


def clean_translations(texts: Mapping[str, object] | None) -> TranslatedText:
    """Keep known languages with non-blank text, stripped; drop everything else."""
    if not texts:
        return {}
    return {
        code: str(texts[code]).strip()
        for code in LANGUAGE_CODES
        if code in texts and texts[code] is not None and str(texts[code]).strip()
    }

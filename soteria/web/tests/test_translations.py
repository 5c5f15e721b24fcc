"""Every interface string is translated into every language, and the .mo files are fresh."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "soteria" / "locale"
LANGUAGES = [code for code, _ in settings.LANGUAGES if code != "en"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{\s*\w+\s*\}\}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_keeps_its_placeholders(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    entries = [e for e in po if not e.obsolete]
    assert entries
    untranslated = [e.msgid for e in entries if not e.translated()]
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert not untranslated, untranslated[:10]
    assert not fuzzy, fuzzy[:10]
    for entry in entries:
        targets = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        for target in targets:
            assert (
                sorted(PLACEHOLDER.findall(entry.msgid)) == sorted(PLACEHOLDER.findall(target))
                or entry.msgid_plural
            ), (language, entry.msgid, target)


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_the_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    po = {
        e.msgid: e.msgstr
        for e in polib.pofile(str(folder / "django.po"))
        if e.translated() and not e.msgid_plural
    }
    mo = {e.msgid: e.msgstr for e in polib.mofile(str(folder / "django.mo")) if not e.msgid_plural}
    assert po == {k: v for k, v in mo.items() if k}

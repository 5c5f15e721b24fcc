"""Remove personal data from a free-text comment before it is stored.

``scrub(text)`` replaces, in this order:

- web addresses → ``[url]`` (kind ``"url"``),
- e-mail addresses → ``[email]`` (``"email"``),
- national identifiers → ``[id]`` (``"national_id"``): Polish PESEL (11 digits, checksum and
  a valid birth date), Finnish henkilötunnus (DDMMYY, century sign, 3 digits, check character),
  Danish CPR (DDMMYY-NNNN with a valid date), NHS number (10 digits, modulus 11, also written
  3-3-4), Vietnamese citizen ID (12 digits, province code 001–096),
- telephone numbers → ``[phone]`` (``"phone"``): an international prefix (+48, 0045 …) or
  9–15 digits in groups, or a run of 9–13 digits starting with 0; Danish 8-digit numbers
  only when written ``dd dd dd dd`` or after +45,
- any other run of 9 or more digits → ``[number]`` (``"number"``): account, case or
  insurance numbers the checks above do not know,
- names → ``[name]`` (``"name"``): capitalised words after a title or role word in English,
  Polish, Vietnamese, Finnish and Danish (Dr, Nurse, Mrs, pani, doktor, siostra, bác sĩ, y tá,
  chị, lääkäri, hoitaja, sygeplejerske, fru …; the role word itself stays, so "Dr [name]"),
  and after "my name is"-style phrases (nazywam się, tên tôi là, nimeni on, jeg hedder …).

Ordinary numbers survive: "waited 3 hours", "room 12", "12.03.2024", "2024-03-12",
"10:30", "1 500 zł". Every pattern is bounded (no nested unbounded repetition), so the
running time is linear in the length of the text; a 50,000-character comment takes
milliseconds. The text is returned in Unicode NFC form.

Scrubbing is a best effort that lowers the risk, it is not a guarantee: a bare name without a
title ("Anna was lovely") is not recognised.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

__all__ = ["KINDS", "PLACEHOLDERS", "ScrubResult", "scrub"]

PLACEHOLDERS: dict[str, str] = {
    "url": "[url]",
    "email": "[email]",
    "national_id": "[id]",
    "phone": "[phone]",
    "number": "[number]",
    "name": "[name]",
}
KINDS: tuple[str, ...] = tuple(PLACEHOLDERS)


@dataclass(frozen=True)
class ScrubResult:
    """The scrubbed text and the kinds of personal data removed (each kind once, in order)."""

    text: str
    found: tuple[str, ...]


# --- web addresses and e-mail -------------------------------------------------------------

_URL_RE = re.compile(
    r"(?<![\w@])(?:https?://|www\.)[^\s<>\"']{1,2000}",
    re.IGNORECASE,
)
# A local part starts where a run of local-part characters starts (look-behind), so a long
# run without "@" is scanned once; every repetition is bounded.
_EMAIL_RE = re.compile(
    r"(?<![\w.+%-])[\w.+%-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}",
)

# --- national identifiers -----------------------------------------------------------------

_PESEL_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_HETU_CENTURY = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900}
_HETU_CENTURY.update(dict.fromkeys("ABCDEF", 2000))

_HETU_RE = re.compile(r"(?<![\w-])(\d{6})([-+A-FU-Y])(\d{3})([0-9A-Y])(?![\w-])", re.IGNORECASE)
_CPR_RE = re.compile(r"(?<![\w-])(\d{6})-(\d{4})(?![\w-])")
_NHS_SPACED_RE = re.compile(r"(?<![\w-])(\d{3})([ -])(\d{3})\2(\d{4})(?![\w-])")
_DIGIT_RUN_RE = re.compile(r"(?<![\w+])\d{9,}(?!\w)")


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _is_pesel(digits: str) -> bool:
    if len(digits) != 11:
        return False
    values = [int(c) for c in digits]
    check = (10 - sum(w * v for w, v in zip(_PESEL_WEIGHTS, values, strict=False)) % 10) % 10
    if check != values[10]:
        return False
    year, month, day = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    century = {0: 1900, 20: 2000, 40: 2100, 60: 2200, 80: 1800}.get(month - month % 20)
    if century is None:
        return False
    return _valid_date(century + year, month % 20, day)


def _is_nhs_number(digits: str) -> bool:
    if len(digits) != 10 or len(set(digits)) == 1:
        return False
    total = sum(int(c) * w for c, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _is_vietnamese_id(digits: str) -> bool:
    # Căn cước công dân: 3-digit province code (001–096), century/sex digit, year, serial.
    return len(digits) == 12 and 1 <= int(digits[:3]) <= 96


def _is_hetu(match: re.Match[str]) -> bool:
    birth, sign, serial, check = match.groups()
    if _HETU_CHECK[int(birth + serial) % 31] != check.upper():
        return False
    century = _HETU_CENTURY[sign.upper()]
    return _valid_date(century + int(birth[4:6]), int(birth[2:4]), int(birth[0:2]))


def _is_cpr(match: re.Match[str]) -> bool:
    birth = match.group(1)
    day, month, year = int(birth[0:2]), int(birth[2:4]), int(birth[4:6])
    # The century follows from the 7th digit; any century with a valid date will do here.
    return _valid_date(1900 + year, month, day) or _valid_date(2000 + year, month, day)


# --- telephone numbers --------------------------------------------------------------------

# An optional international prefix, then digit groups separated by single spaces, hyphens,
# dots, slashes or a bracketed area code. Bounded: at most 8 groups of at most 15 digits.
_PHONE_RE = re.compile(
    r"(?<![\w+/.-])"
    r"(?P<prefix>\+\d{1,3}|00\d{1,3})?"
    r"[ .-]?(?:\(\d{1,5}\)[ .-]?)?"
    r"\d{1,15}(?:[ .\-/]\d{1,15}){0,7}"
    r"(?![\w/])"
)
_DANISH_GROUPED_RE = re.compile(r"\d\d \d\d \d\d \d\d")
_DATE_IN_GROUPS_RE = re.compile(
    r"(?<!\d)(?:\d{1,2}([./-])\d{1,2}\1\d{2,4}|\d{4}([./-])\d{1,2}\2\d{1,2})(?!\d)"
)


def _phone_kind(match: re.Match[str]) -> str | None:
    """``"phone"`` if the digits look like a telephone number, else None."""
    raw = match.group(0).strip(" .-")
    digits = re.sub(r"\D", "", raw)
    has_prefix = match.group("prefix") is not None
    if raw.isdigit():
        # One contiguous run: a trunk prefix 0 and 9–13 digits, else leave it to the
        # identifier checks / generic long-number rule.
        if has_prefix:
            return "phone" if 8 <= len(digits) <= 15 else None
        return "phone" if raw.startswith("0") and 9 <= len(digits) <= 13 else None
    if has_prefix:
        return "phone" if 8 <= len(digits) <= 15 else None
    if len(digits) == 8 and _DANISH_GROUPED_RE.fullmatch(raw):
        return "phone"
    if not 9 <= len(digits) <= 15:
        return None
    # A date inside the groups ("12.03.2024 10", "2024-03-12 14") is no telephone number.
    if _DATE_IN_GROUPS_RE.search(raw):
        return None
    return "phone"


# --- names --------------------------------------------------------------------------------

# Role words and titles; matched case-insensitively as whole words. Abbreviations may carry
# a dot ("Dr.", "hr.").
_TITLES = [
    # English
    "dr",
    "doctor",
    "nurse",
    "sister",
    "matron",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "prof",
    "professor",
    "consultant",
    "surgeon",
    "midwife",
    "sir",
    "madam",
    # Polish (with the common inflected forms)
    "pan",
    "pana",
    "panu",
    "panem",
    "pani",
    "panią",
    "doktor",
    "doktora",
    "doktorowi",
    "doktorem",
    "lek",
    "lekarz",
    "lekarza",
    "lekarka",
    "lekarki",
    "siostra",
    "siostry",
    "siostrze",
    "siostrą",
    "siostro",
    "pielęgniarka",
    "pielęgniarki",
    "pielęgniarce",
    "pielęgniarką",
    "pielęgniarz",
    "ordynator",
    "ordynatora",
    "położna",
    "położnej",
    "ratownik",
    # Vietnamese
    "bác sĩ",
    "bác sỹ",
    "bs",
    "y tá",
    "điều dưỡng",
    "hộ lý",
    "anh",
    "chị",
    "ông",
    "bà",
    "cô",
    "chú",
    "em",
    # Finnish
    "lääkäri",
    "lääkärin",
    "lääkäriä",
    "ylilääkäri",
    "hoitaja",
    "hoitajan",
    "hoitajaa",
    "sairaanhoitaja",
    "sairaanhoitajan",
    "kätilö",
    "tohtori",
    "herra",
    "rouva",
    "neiti",
    # Danish
    "læge",
    "lægen",
    "overlæge",
    "sygeplejerske",
    "sygeplejersken",
    "jordemoder",
    "doktor",
    "hr",
    "fru",
    "frk",
]
_TITLE_ALTERNATION = "|".join(
    sorted({re.escape(t).replace(r"\ ", r"\s+") for t in _TITLES}, key=len, reverse=True)
)
_ABBREVIATIONS = ("dr", "mr", "mrs", "ms", "mx", "prof", "lek", "bs", "hr", "frk")
_TITLE_RE = re.compile(
    rf"(?<!\w)(?:(?:{'|'.join(_ABBREVIATIONS)})\.|(?:{_TITLE_ALTERNATION})(?!\w))",
    re.IGNORECASE,
)

# "My name is ..." in the five languages (and German/Swedish, common in mixed populations).
_NAME_PHRASE_RE = re.compile(
    r"(?<!\w)(?:"
    r"my\s+name\s+is|my\s+name's|i'm\s+called|i\s+am\s+called|name:"
    r"|nazywam\s+się|mam\s+na\s+imię|moje\s+imię\s+to|nazwisko:"
    r"|tên\s+tôi\s+là|tôi\s+tên\s+là|tôi\s+là|tên\s+của\s+tôi\s+là"
    r"|nimeni\s+on|minun\s+nimeni\s+on|nimi:"
    r"|mit\s+navn\s+er|jeg\s+hedder|navn:"
    r"|ich\s+heiße|mein\s+name\s+ist|jag\s+heter"
    r")(?!\w)",
    re.IGNORECASE,
)
_NEXT_WORD_RE = re.compile(r"[ \t]{1,10}([^\W\d_][\w'’-]{0,40})")
_MAX_NAME_WORDS = 3

# Capitalised words that follow a title but are not names (sentence words, pronouns, role
# words); compared in lower case.
_NOT_NAMES = frozenset(
    t.lower()
    for t in (
        *_TITLES,
        "i",
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "was",
        "were",
        "is",
        "are",
        "who",
        "which",
        "that",
        "this",
        "he",
        "she",
        "they",
        "we",
        "you",
        "it",
        "in",
        "on",
        "at",
        "of",
        "to",
        "for",
        "with",
        "very",
        "so",
        "not",
        "nhs",
        "ae",
        "a&e",
        "ward",
        "team",
        "staff",
        "station",
        "practitioner",
        "practice",
        "on-call",
        "gp",
        # Polish
        "i",
        "oraz",
        "a",
        "ale",
        "jest",
        "była",
        "był",
        "bardzo",
        "nie",
        "to",
        "na",
        "w",
        "z",
        "oddział",
        "oddziału",
        # Vietnamese
        "và",
        "rất",
        "là",
        "đã",
        "không",
        "ấy",
        "ta",
        "tôi",
        "khoa",
        # Finnish
        "ja",
        "oli",
        "on",
        "ei",
        "hyvin",
        "todella",
        # Danish
        "og",
        "var",
        "er",
        "meget",
        "ikke",
        "afdeling",
    )
)


_NOT_CONTINUATION = frozenset({*(t.lower() for t in _TITLES), "i"})


def _name_spans(text: str) -> list[tuple[int, int]]:
    """Spans of capitalised name words after a title or a "my name is" phrase."""
    spans: list[tuple[int, int]] = []
    triggers = [m.end() for m in _TITLE_RE.finditer(text)]
    triggers += [m.end() for m in _NAME_PHRASE_RE.finditer(text)]
    for pos in triggers:
        start = end = None
        for _ in range(_MAX_NAME_WORDS):
            word = _NEXT_WORD_RE.match(text, pos)
            if word is None:
                break
            token = word.group(1)
            if not token[0].isupper():
                break
            # The first word must not be a sentence word; later words ("Nguyễn Văn An")
            # only not a title or "I".
            stop = _NOT_NAMES if start is None else _NOT_CONTINUATION
            if token.lower() in stop:
                break
            if start is None:
                start = word.start(1)
            end = word.end(1)
            pos = word.end()
        if start is not None and end is not None:
            spans.append((start, end))
    return spans


# --- the whole pass -----------------------------------------------------------------------


def _replace(
    text: str, spans: list[tuple[int, int, str]], found: list[str]
) -> tuple[str, list[str]]:
    """Replace non-overlapping spans (first one wins) with their kind's placeholder."""
    if not spans:
        return text, found
    spans.sort(key=lambda s: (s[0], -s[1]))
    parts: list[str] = []
    last = 0
    for start, end, kind in spans:
        if start < last:
            continue
        parts.append(text[last:start])
        parts.append(PLACEHOLDERS[kind])
        last = end
        if kind not in found:
            found.append(kind)
    parts.append(text[last:])
    return "".join(parts), found


def scrub(text: str) -> ScrubResult:
    """Replace personal data in ``text`` with readable placeholders; see the module docstring."""
    if not text:
        return ScrubResult(text="", found=())
    text = unicodedata.normalize("NFC", text)
    found: list[str] = []

    spans: list[tuple[int, int, str]] = [
        (m.start(), m.end(), "url") for m in _URL_RE.finditer(text)
    ]
    text, found = _replace(text, spans, found)
    spans = [(m.start(), m.end(), "email") for m in _EMAIL_RE.finditer(text)]
    text, found = _replace(text, spans, found)

    spans = [(m.start(), m.end(), "national_id") for m in _HETU_RE.finditer(text) if _is_hetu(m)]
    spans += [(m.start(), m.end(), "national_id") for m in _CPR_RE.finditer(text) if _is_cpr(m)]
    spans += [
        (m.start(), m.end(), "national_id")
        for m in _NHS_SPACED_RE.finditer(text)
        if _is_nhs_number(m.group(1) + m.group(3) + m.group(4))
    ]
    for m in _DIGIT_RUN_RE.finditer(text):
        digits = m.group(0)
        if _is_pesel(digits) or _is_nhs_number(digits) or _is_vietnamese_id(digits):
            spans.append((m.start(), m.end(), "national_id"))
    text, found = _replace(text, spans, found)

    spans = []
    for m in _PHONE_RE.finditer(text):
        if _phone_kind(m) == "phone":
            # Keep a separator swallowed before the number ("tel. 600 ..." keeps its space).
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip(" .-")))
            spans.append((start, m.end(), "phone"))
    text, found = _replace(text, spans, found)

    spans = [(m.start(), m.end(), "number") for m in _DIGIT_RUN_RE.finditer(text)]
    text, found = _replace(text, spans, found)

    spans = [(s, e, "name") for s, e in _name_spans(text)]
    text, found = _replace(text, spans, found)
    return ScrubResult(text=text, found=tuple(found))

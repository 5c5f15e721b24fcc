"""The labelled comment sets (read from the shared data folder, never copied into the
repository) and their deterministic train/test split.

Three files in ``../shared/data/experience/`` (next to the repository; overridable with the
setting ``EXPERIENCE_LABELLED_DATA_DIR`` or the environment variable of the same name):

- ``nhs_fft_text_data_phase1.csv`` (English NHS Friends and Family Test): ``feedback``, a
  theme ``label`` and ``subcategory`` (one per comment; labels ``label:<label>``,
  ``sub:<subcategory>``), ``criticality`` −5…5. Sentiment:
  criticality > 0 → positive, 0 → neutral, < 0 → negative; dirty values (``-o``, ``-NA``,
  ``cc``, out-of-range ``-6``/``-9``, blank) → no sentiment label (the row still counts for
  themes).
- ``nhs_fft_v6framework_230831.csv`` (English FFT, framework v6): ``FFT answer``,
  ``Comment sentiment`` 1 (very positive) … 5 (very negative): 1–2 → positive, 3 → neutral
  (the framework's "neutral/mixed"), 4–5 → negative, blank → none; one column per theme
  (1 = applies; labels ``v6:<column>``). A row with no theme column set has no theme
  labels (left out of theme work).
- ``polemo2_medicine_sentences_pl.txt`` (Polish PolEmo 2.0, medicine): fastText lines
  ``text __label__z_plus_m`` → positive, ``z_minus_m`` → negative, ``z_zero`` → neutral,
  ``z_amb`` → ``"ambiguous"`` (what becomes of it is decided by the trainer on the training
  half only, see ``training.py``). Stray quotes after labels are dropped. The sentences are
  tokenised with spaces around punctuation; ``detokenise`` joins them back as people write.

The split: SHA-256 of the normalised text (NFC, lower case, white space collapsed); the first
8 bytes as an integer modulo 100 below 80 → ``train``, else ``test``. The same comment in two
files — or twice in one — always lands on the same side, and the split never changes when
rows are added or reordered.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "PHASE1",
    "POLEMO",
    "TRAIN_PERCENT",
    "V6",
    "Example",
    "data_dir",
    "detokenise",
    "file_fingerprint",
    "load_all",
    "load_phase1",
    "load_polemo",
    "load_v6",
    "normalise",
    "split_of",
]

PHASE1 = "nhs_fft_text_data_phase1.csv"
V6 = "nhs_fft_v6framework_230831.csv"
POLEMO = "polemo2_medicine_sentences_pl.txt"
TRAIN_PERCENT = 80

V6_FIRST_THEME_COLUMN = "Not assigned"


@dataclass(frozen=True)
class Example:
    """One labelled comment."""

    text: str
    language: str  # "en" or "pl"
    source: str  # "phase1", "v6", "polemo"
    sentiment: str | None  # "positive", "neutral", "negative", "ambiguous" or None
    labels: tuple[str, ...]  # the source's own theme labels (see taxonomy.toml)
    has_themes: bool  # whether the row was labelled for themes at all
    split: str  # "train" or "test"


def data_dir() -> Path:
    """Folder with the labelled files."""
    configured = os.environ.get("EXPERIENCE_LABELLED_DATA_DIR")
    if not configured:
        try:
            from django.conf import settings

            configured = getattr(settings, "EXPERIENCE_LABELLED_DATA_DIR", None)
            base = Path(settings.BASE_DIR)
        except Exception:  # settings not configured (plain script)
            base = Path(__file__).resolve().parents[3]
        if not configured:
            return base.parent / "shared" / "data" / "experience"
    return Path(configured)


_SPACE_RE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The form the split is computed on."""
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFC", text)).strip().lower()


def split_of(text: str) -> str:
    """``"train"`` or ``"test"`` for ``text`` (deterministic, see the module docstring)."""
    digest = hashlib.sha256(normalise(text).encode()).digest()
    return "train" if int.from_bytes(digest[:8], "big") % 100 < TRAIN_PERCENT else "test"


def file_fingerprint(paths: list[Path]) -> str:
    """SHA-256 over the files' names and bytes (first 16 hex digits)."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.name):
        digest.update(path.name.encode() + b"\x00" + path.read_bytes() + b"\x00")
    return digest.hexdigest()[:16]


_BEFORE_PUNCT_RE = re.compile(r" +([,.!?;:%)\]…])")
_AFTER_OPEN_RE = re.compile(r"([(\[]) +")


def detokenise(text: str) -> str:
    """ "Oby więcej takich fizjoterapeutów ." → "Oby więcej takich fizjoterapeutów."."""
    text = _BEFORE_PUNCT_RE.sub(r"\1", text.strip())
    return _AFTER_OPEN_RE.sub(r"\1", text)


def _criticality_sentiment(raw: str) -> str | None:
    try:
        value = int(raw.strip())
    except ValueError:
        return None
    if not -5 <= value <= 5:
        return None
    return "positive" if value > 0 else "negative" if value < 0 else "neutral"


def load_phase1(folder: Path | None = None) -> Iterator[Example]:
    path = (folder or data_dir()) / PHASE1
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            text = (row.get("feedback") or "").strip()
            if not text:
                continue
            label = (row.get("label") or "").strip()
            sub = (row.get("subcategory") or "").strip()
            labels = tuple(
                x for x in (f"label:{label}" if label else "", f"sub:{sub}" if sub else "") if x
            )
            yield Example(
                text=text,
                language="en",
                source="phase1",
                sentiment=_criticality_sentiment(row.get("criticality") or ""),
                labels=labels,
                has_themes=bool(label),
                split=split_of(text),
            )


_V6_SENTIMENT = {"1": "positive", "2": "positive", "3": "neutral", "4": "negative", "5": "negative"}


def load_v6(folder: Path | None = None) -> Iterator[Example]:
    path = (folder or data_dir()) / V6
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        first = header.index(V6_FIRST_THEME_COLUMN)
        text_col = header.index("FFT answer")
        sentiment_col = header.index("Comment sentiment")
        for row in reader:
            if len(row) < len(header):
                row = row + [""] * (len(header) - len(row))
            text = row[text_col].strip()
            if not text:
                continue
            raw = row[sentiment_col].strip()
            sentiment = _V6_SENTIMENT.get(raw.split(".")[0]) if raw else None
            labels = tuple(
                f"v6:{header[i]}"
                for i in range(first, len(header))
                if row[i].strip() in {"1", "1.0"}
            )
            yield Example(
                text=text,
                language="en",
                source="v6",
                sentiment=sentiment,
                labels=labels,
                has_themes=bool(labels),
                split=split_of(text),
            )


_POLEMO_LABELS = {
    "z_plus_m": "positive",
    "z_minus_m": "negative",
    "z_zero": "neutral",
    "z_amb": "ambiguous",
}


def load_polemo(folder: Path | None = None) -> Iterator[Example]:
    path = (folder or data_dir()) / POLEMO
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if "__label__" not in line:
                continue
            text, _, label = line.rpartition("__label__")
            sentiment = _POLEMO_LABELS.get(label.strip().strip("\"'"))
            text = detokenise(text)
            if not text or sentiment is None:
                continue
            yield Example(
                text=text,
                language="pl",
                source="polemo",
                sentiment=sentiment,
                labels=(),
                has_themes=False,
                split=split_of(text),
            )


def load_all(folder: Path | None = None) -> list[Example]:
    """Every labelled example of the three files, in file order."""
    return [*load_phase1(folder), *load_v6(folder), *load_polemo(folder)]

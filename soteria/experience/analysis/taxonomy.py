"""The configurable theme taxonomy (``taxonomy.toml`` beside this module, or the file named by
the setting ``EXPERIENCE_TAXONOMY_PATH``).

Each theme has a stable ``code``, names in the product languages, seed phrases per language
(used for themes without training data and shown as examples) and the NHS labels that map to
it (see the comments at the top of ``taxonomy.toml``). ``load()`` validates the file: unique
codes, an English name, at least one seed, and no NHS label mapped to two themes.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

__all__ = ["DEFAULT_PATH", "Taxonomy", "TaxonomyError", "Theme", "load", "taxonomy_path"]

DEFAULT_PATH = Path(__file__).with_name("taxonomy.toml")
_CODE_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class TaxonomyError(ValueError):
    """The taxonomy file is not valid; the message names the theme and the field."""


@dataclass(frozen=True)
class Theme:
    code: str
    names: dict[str, str] = field(hash=False, compare=True)
    seeds: dict[str, tuple[str, ...]] = field(hash=False, compare=True)
    nhs: tuple[str, ...] = ()

    def name(self, language: str) -> str:
        """The theme's name in ``language``, English when there is none."""
        return self.names.get(language) or self.names["en"]

    def all_seeds(self) -> list[str]:
        return [seed for language in sorted(self.seeds) for seed in self.seeds[language]]


@dataclass(frozen=True)
class Taxonomy:
    themes: tuple[Theme, ...]
    unmapped: frozenset[str]
    min_training_examples: int
    fingerprint: str

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.themes)

    def theme(self, code: str) -> Theme:
        for theme in self.themes:
            if theme.code == code:
                return theme
        raise KeyError(code)

    def codes_for_labels(self, labels: Iterable[str]) -> tuple[str, ...]:
        """Theme codes that the source labels map to, in taxonomy order."""
        wanted = set(labels)
        return tuple(t.code for t in self.themes if wanted.intersection(t.nhs))

    def unknown_labels(self, labels: Iterable[str]) -> set[str]:
        """Source theme labels neither mapped to a theme nor listed as unmapped.
        (Phase-1 ``label:`` entries are coarse and mapped through their subcategory.)"""
        known = set(self.unmapped).union(*(t.nhs for t in self.themes))
        return {x for x in labels if x not in known and not x.startswith("label:")}


def taxonomy_path() -> Path:
    try:
        from django.conf import settings

        configured = getattr(settings, "EXPERIENCE_TAXONOMY_PATH", None)
    except Exception:  # settings not configured
        configured = None
    return Path(configured) if configured else DEFAULT_PATH


def _strings(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TaxonomyError(f"{where}: expected a list of non-empty strings")
    return tuple(v.strip() for v in value)


def parse(text: str) -> Taxonomy:
    """Validate and build a taxonomy from TOML text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TaxonomyError(f"not valid TOML: {exc}") from exc
    raw_themes = data.get("theme")
    if not isinstance(raw_themes, list) or not raw_themes:
        raise TaxonomyError("no [[theme]] entries")
    themes: list[Theme] = []
    owner: dict[str, str] = {}
    unmapped = _strings(data.get("unmapped", {}).get("nhs", []), "[unmapped] nhs")
    for label in unmapped:
        owner[label] = "[unmapped]"
    for index, raw in enumerate(raw_themes, start=1):
        code = raw.get("code")
        where = f"theme {index} ({code!r})"
        if not isinstance(code, str) or not _CODE_RE.match(code):
            raise TaxonomyError(f"{where}: code must be lower-case letters, digits and _")
        if any(t.code == code for t in themes):
            raise TaxonomyError(f"{where}: duplicate code")
        names = raw.get("name")
        if not isinstance(names, dict) or not isinstance(names.get("en"), str):
            raise TaxonomyError(f"{where}: name.en is required")
        raw_seeds = raw.get("seeds", {})
        if not isinstance(raw_seeds, dict):
            raise TaxonomyError(f"{where}: seeds must be a table of language = [phrases]")
        seeds = {lang: _strings(v, f"{where} seeds.{lang}") for lang, v in raw_seeds.items()}
        if not any(seeds.values()):
            raise TaxonomyError(f"{where}: at least one seed phrase is required")
        nhs = _strings(raw.get("nhs", []), f"{where} nhs")
        for label in nhs:
            if label in owner:
                raise TaxonomyError(
                    f"{where}: NHS label {label!r} is already mapped to {owner[label]}"
                )
            owner[label] = code
        themes.append(
            Theme(code=code, names={k: str(v) for k, v in names.items()}, seeds=seeds, nhs=nhs)
        )
    minimum = data.get("min_training_examples", 30)
    if not isinstance(minimum, int) or minimum < 1:
        raise TaxonomyError("min_training_examples must be a positive integer")
    canonical = json.dumps(
        [[t.code, t.seeds, t.nhs] for t in themes] + [sorted(unmapped), minimum],
        sort_keys=True,
        ensure_ascii=False,
    )
    return Taxonomy(
        themes=tuple(themes),
        unmapped=frozenset(unmapped),
        min_training_examples=minimum,
        fingerprint=hashlib.sha256(canonical.encode()).hexdigest()[:16],
    )


@lru_cache(maxsize=4)
def _load_cached(path: str, mtime_ns: int) -> Taxonomy:
    return parse(Path(path).read_text(encoding="utf-8"))


def load(path: Path | None = None) -> Taxonomy:
    """The taxonomy at ``path`` (default: ``taxonomy_path()``), re-read when the file changes."""
    target = path or taxonomy_path()
    return _load_cached(str(target), target.stat().st_mtime_ns)

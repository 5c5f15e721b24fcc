"""Semantic search over stored comment vectors, across languages.

The query is embedded as an e5 *query* (``embed.query``) and compared with the stored
*passage* vectors by cosine similarity (all vectors are unit length, so a dot product).
A Polish query finds an English, Vietnamese, Finnish or Danish comment that says the same.
Hits below ``min_score`` are dropped: e5's similarities are compressed (unrelated text still
scores about 0.7), so the default keeps only close matches; lower it to see more.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from soteria.experience.analysis import embed

__all__ = ["DEFAULT_MIN_SCORE", "Hit", "search"]

DEFAULT_MIN_SCORE = 0.80


@dataclass(frozen=True)
class Hit:
    index: int  # row of ``vectors``
    score: float  # cosine similarity


def search(
    query: str | np.ndarray,
    vectors: np.ndarray,
    top_k: int = 10,
    min_score: float = DEFAULT_MIN_SCORE,
) -> list[Hit]:
    """The ``top_k`` rows of ``vectors`` most similar to ``query`` (text or vector), best
    first, ties by row; none for an empty query."""
    if isinstance(query, str):
        text = embed.clean(query)
        if not text:
            return []
        query_vector = embed.query(text)
    else:
        query_vector = np.asarray(query, dtype=np.float32).reshape(embed.DIM)
    matrix = np.asarray(vectors, dtype=np.float32).reshape(-1, embed.DIM)
    if not len(matrix) or top_k <= 0:
        return []
    scores = matrix @ query_vector
    order = np.lexsort((np.arange(len(scores)), -scores))[:top_k]
    return [Hit(int(i), round(float(scores[i]), 4)) for i in order if scores[i] >= min_score]

"""Group a batch of new comments by meaning (deterministic).

Agglomerative clustering of the comment vectors with cosine distance and average linkage,
cut at ``distance_threshold`` (1 − cosine similarity). e5 puts a comment and its translation
at about 0.06–0.17 and unrelated comments at 0.2–0.3, but two unrelated comments in the same
language can come as close as 0.14: the default 0.16 (average linkage) is a compromise, and
a parameter. Clusters smaller than ``min_size`` are not reported
(their comments are "unclustered"). Each cluster is described by its most central comments
(highest mean similarity to the other members) and, when themes are given, its most common
theme. Empty comments (zero vectors) are never clustered.

Agglomerative clustering needs memory quadratic in the batch; above ``MAX_BATCH`` comments
the batch is clustered with k-means instead (k = √(n/2), fixed seed), also deterministic.
Output order: larger clusters first, then by their first member.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["DEFAULT_DISTANCE", "MAX_BATCH", "Cluster", "cluster"]

DEFAULT_DISTANCE = 0.16
MAX_BATCH = 4000


@dataclass(frozen=True)
class Cluster:
    members: tuple[int, ...]  # indices into the input, ascending
    central: tuple[int, ...]  # up to ``n_central`` most central members, most central first
    top_theme: str | None
    cohesion: float  # mean cosine similarity of the members to their centroid

    @property
    def size(self) -> int:
        return len(self.members)


def _labels(matrix: np.ndarray, distance_threshold: float) -> np.ndarray:
    if len(matrix) == 1:
        return np.zeros(1, dtype=int)
    if len(matrix) <= MAX_BATCH:
        from sklearn.cluster import AgglomerativeClustering

        model = AgglomerativeClustering(
            n_clusters=None,
            metric="cosine",
            linkage="average",
            distance_threshold=distance_threshold,
        )
        return np.asarray(model.fit_predict(matrix), dtype=int)
    from sklearn.cluster import KMeans

    k = max(2, int(np.sqrt(len(matrix) / 2)))
    return np.asarray(KMeans(n_clusters=k, n_init=3, random_state=0).fit_predict(matrix), dtype=int)


def cluster(
    vectors: np.ndarray,
    themes: Sequence[Sequence[str]] | None = None,
    distance_threshold: float = DEFAULT_DISTANCE,
    min_size: int = 2,
    n_central: int = 3,
) -> list[Cluster]:
    """Clusters of the rows of ``vectors`` (``(n, 384)``); ``themes[i]`` are comment i's."""
    matrix = np.asarray(vectors, dtype=np.float64)
    if matrix.ndim != 2:
        raise ValueError("vectors must be a 2-D array")
    norms = np.linalg.norm(matrix, axis=1)
    usable = np.flatnonzero(norms > 0)
    if len(usable) < min_size:
        return []
    unit = matrix[usable] / norms[usable, None]
    labels = _labels(unit, distance_threshold)
    clusters: list[Cluster] = []
    for label in np.unique(labels):
        local = np.flatnonzero(labels == label)
        if len(local) < min_size:
            continue
        members = unit[local]
        centroid = members.mean(axis=0)
        centroid /= np.linalg.norm(centroid) or 1.0
        closeness = members @ centroid
        # Most central first; ties broken by input order (stable sort).
        order = np.argsort(-closeness, kind="stable")
        indices = usable[local]
        top = None
        if themes is not None:
            counts = Counter(code for i in indices for code in themes[i])
            if counts:
                top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        clusters.append(
            Cluster(
                members=tuple(int(i) for i in indices),
                central=tuple(int(indices[j]) for j in order[:n_central]),
                top_theme=top,
                cohesion=round(float(closeness.mean()), 4),
            )
        )
    clusters.sort(key=lambda c: (-c.size, c.members[0]))
    return clusters

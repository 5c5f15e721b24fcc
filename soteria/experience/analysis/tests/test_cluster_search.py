"""Clustering of new comments (deterministic) and semantic search across languages."""

import numpy as np
import pytest

from soteria.experience.analysis import cluster, embed, search
from soteria.experience.analysis.tests.fakes import fake_vector

COMMENTS = [
    "The food was cold and tasteless.",  # 0 food
    "Jedzenie było zimne i bez smaku.",  # 1 food
    "Đồ ăn nguội và nhạt nhẽo.",  # 2 food
    "There was nowhere to park the car.",  # 3 parking
    "Nie było gdzie zaparkować samochodu.",  # 4 parking
    "Der var ingen steder at parkere bilen.",  # 5 parking
    "The nurses were very kind to my mother.",  # 6 staff
    "Hoitajat olivat hyvin ystävällisiä äidilleni.",  # 7 staff
    "Sygeplejerskerne var meget søde ved min mor.",  # 8 staff
    "",  # 9 empty
]


@pytest.fixture(scope="module")
def vectors():
    return embed.passage(COMMENTS)


def test_clusters_group_the_same_meaning_across_languages(vectors):
    themes = [("food",)] * 3 + [("access_parking",)] * 3 + [("staff_attitude",)] * 3 + [()]
    clusters = cluster.cluster(vectors, themes)
    groups = {c.members for c in clusters}
    assert (0, 1, 2) in groups and (3, 4, 5) in groups and (6, 7, 8) in groups
    for c in clusters:
        assert 9 not in c.members  # empty comment never clustered
        assert set(c.central) <= set(c.members) and len(c.central) <= 3
        assert 0 < c.cohesion <= 1
    by_members = {c.members: c for c in clusters}
    assert by_members[(3, 4, 5)].top_theme == "access_parking"


def test_clustering_is_deterministic(vectors):
    first = cluster.cluster(vectors)
    assert cluster.cluster(vectors.copy()) == first


def test_small_batches_and_bad_input():
    assert cluster.cluster(np.zeros((3, embed.DIM))) == []
    with pytest.raises(ValueError):
        cluster.cluster(np.zeros(embed.DIM))


def test_large_batch_uses_kmeans_deterministically(monkeypatch):
    monkeypatch.setattr(cluster, "MAX_BATCH", 10)
    rng = np.random.default_rng(0)
    centres = [fake_vector(f"centre {i}") for i in range(3)]
    points = np.array([centres[i % 3] + 0.05 * rng.normal(size=embed.DIM) for i in range(60)])
    first = cluster.cluster(points)
    assert first == cluster.cluster(points)
    assert sum(c.size for c in first) == 60


def test_search_finds_the_same_sentence_in_another_language(vectors):
    hits = search.search("Nie było gdzie zaparkować.", vectors, top_k=3, min_score=0.0)
    assert hits[0].index in {3, 4, 5}
    hits = search.search("Cold food", vectors, top_k=3, min_score=0.0)
    assert {h.index for h in hits} == {0, 1, 2}


def test_search_minimum_score_and_ordering(vectors):
    hits = search.search("parking", vectors, top_k=10, min_score=0.0)
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert search.search("parking", vectors, min_score=0.99) == []
    assert search.search("", vectors) == []
    assert search.search(vectors[0], vectors, top_k=1)[0].index == 0

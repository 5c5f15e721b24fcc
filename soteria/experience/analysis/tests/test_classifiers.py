"""The shipped sentiment and theme classifiers: they load from the plain files and give
sensible labels on clear English and Polish sentences. For Vietnamese, Finnish and Danish
there is no labelled data to hold them to: only the shape of the answer is checked here
(the benchmark reports the project's small check set)."""

import numpy as np
import pytest

from soteria.experience.analysis import embed, model_store, sentiment, taxonomy, themes

HEX = set("0123456789abcdef")


def test_shipped_models_load_with_their_metadata():
    sent = sentiment.model()
    assert sent.labels == sentiment.SENTIMENTS
    assert len(sent.version) == 12 and set(sent.version) <= HEX
    assert set(sent.metadata["n_per_class"]) == {"en", "pl"}
    assert sent.metadata["trained_at"]
    assert sent.metadata["parameters"]["ambiguous"] in {"drop", "neutral"}
    th = themes.model()
    assert set(th.labels) <= set(taxonomy.load().codes)
    assert th.extra["thresholds"].shape == (len(th.labels),)
    assert "noise_rest" in th.metadata["seed_only_themes"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The staff were wonderful and so caring, thank you so much.", "positive"),
        ("Terrible experience: rude staff, a dirty ward and nobody listened.", "negative"),
        ("Wspaniała opieka, lekarze i pielęgniarki bardzo życzliwi, dziękuję.", "positive"),
        ("Fatalne traktowanie, nikt się mną nie zainteresował, nie polecam.", "negative"),
    ],
)
def test_sentiment_on_clear_english_and_polish(text, expected):
    (prediction,) = sentiment.predict(embed.passage([text]))
    assert prediction.label == expected
    assert 0.34 < prediction.confidence <= 1.0


def test_other_languages_get_a_well_formed_answer_only():
    texts = ["Bác sĩ rất tận tình.", "Hoitajat olivat ystävällisiä.", "Maden var kold."]
    for prediction in sentiment.predict(embed.passage(texts)):
        assert prediction.label in sentiment.SENTIMENTS
        assert 0.0 <= prediction.confidence <= 1.0


def test_zero_vector_has_no_sentiment_and_no_themes():
    zero = np.zeros((1, embed.DIM), dtype=np.float32)
    assert sentiment.predict(zero) == [None]
    assert themes.predict(zero) == [()]
    assert sentiment.predict(np.zeros((0, embed.DIM))) == []


@pytest.mark.parametrize(
    "text, code",
    [
        ("The food was cold and tasteless every single day.", "food"),
        ("We waited over five hours in A&E before anyone saw us.", "waiting"),
        ("Parking at the hospital is impossible and far too expensive.", "access_parking"),
        ("It was far too noisy on the ward at night to get any sleep.", "noise_rest"),
        ("Jedzenie było zimne i niesmaczne.", "food"),
    ],
)
def test_themes_on_clear_sentences(text, code):
    (codes,) = themes.predict(embed.passage([text]))
    assert code in codes


def test_a_theme_added_to_the_taxonomy_works_without_retraining(settings, tmp_path):
    text = taxonomy.DEFAULT_PATH.read_text()
    text += (
        '\n[[theme]]\ncode = "smoking"\nname = { en = "Smoking" }\n'
        '[theme.seeds]\nen = ["People were smoking at the hospital entrance", "The smell of cigarette smoke"]\n'
        'pl = ["Palacze przy wejściu do szpitala"]\n'
    )
    path = tmp_path / "taxonomy.toml"
    path.write_text(text)
    settings.EXPERIENCE_TAXONOMY_PATH = str(path)
    tax = taxonomy.load()
    vectors = embed.passage(
        ["Patients were smoking right outside the main entrance.", "The food was lovely."]
    )
    result = themes.scores(vectors, tax)
    assert result.methods[tax.codes.index("smoking")] == "seeds"
    smoking, food = themes.predict(vectors, tax)
    assert "smoking" in smoking and "smoking" not in food


def test_model_version_follows_the_coefficients(tmp_path, monkeypatch):
    from soteria.experience.analysis import analyse

    before = analyse.model_version()
    shipped = sentiment.model()
    changed = model_store.save(
        "sentiment",
        shipped.labels,
        shipped.coef + 1e-3,
        shipped.intercept,
        dict(shipped.metadata),
        directory=tmp_path,
    )
    monkeypatch.setattr(sentiment, "model", lambda: changed)
    assert changed.version != shipped.version
    after = analyse.model_version()
    assert after != before and changed.version in after

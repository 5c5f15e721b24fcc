"""Shipped classifier files: coefficients as ``.npz`` (loaded with ``allow_pickle=False``)
plus metadata as ``.json``, in ``soteria/experience/analysis/model/``. No pickles.

A linear model here is ``coef`` (``k × 384``), ``intercept`` (``k``) and a list of class or
theme names; scoring is plain numpy (``softmax`` for sentiment, ``sigmoid`` per theme), so
scikit-learn is needed only for training.

The model version is ``sha256(coef bytes ‖ intercept bytes ‖ extra arrays ‖ training-data
fingerprint)``, first 12 hex digits: it changes whenever a coefficient, a threshold or the
training data change. The metadata repeats it, and ``load`` refuses files whose arrays no
longer give the recorded version (a hand-edited or half-copied model).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "MODEL_DIR",
    "LinearModel",
    "ModelFileError",
    "combined_version",
    "compute_version",
    "load",
    "save",
]

MODEL_DIR = Path(__file__).with_name("model")


class ModelFileError(RuntimeError):
    """A model file is missing, malformed or does not match its recorded version."""


@dataclass(frozen=True)
class LinearModel:
    """A linear classifier's arrays and metadata."""

    name: str
    labels: tuple[str, ...]
    coef: np.ndarray
    intercept: np.ndarray
    extra: dict[str, np.ndarray] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return str(self.metadata["version"])

    def scores(self, vectors: np.ndarray) -> np.ndarray:
        """``vectors @ coef.T + intercept`` as float64, shape ``(n, k)``."""
        matrix = np.asarray(vectors, dtype=np.float64).reshape(-1, self.coef.shape[1])
        return matrix @ self.coef.T.astype(np.float64) + self.intercept.astype(np.float64)


def compute_version(
    coef: np.ndarray,
    intercept: np.ndarray,
    extra: dict[str, np.ndarray],
    data_fingerprint: str,
    labels: tuple[str, ...],
) -> str:
    digest = hashlib.sha256()
    digest.update(np.ascontiguousarray(coef, dtype=np.float32).tobytes())
    digest.update(np.ascontiguousarray(intercept, dtype=np.float32).tobytes())
    for key in sorted(extra):
        digest.update(key.encode() + b"\x00")
        digest.update(np.ascontiguousarray(extra[key]).tobytes())
    digest.update("\x00".join(labels).encode())
    digest.update(data_fingerprint.encode())
    return digest.hexdigest()[:12]


def save(
    name: str,
    labels: tuple[str, ...],
    coef: np.ndarray,
    intercept: np.ndarray,
    metadata: dict[str, Any],
    extra: dict[str, np.ndarray] | None = None,
    directory: Path = MODEL_DIR,
) -> LinearModel:
    """Write ``<name>.npz`` and ``<name>.json``; ``metadata`` must contain
    ``training_data_fingerprint``. Returns the model as ``load`` would."""
    extra = {k: np.asarray(v, dtype=np.float32) for k, v in (extra or {}).items()}
    coef32 = np.asarray(coef, dtype=np.float32)
    intercept32 = np.asarray(intercept, dtype=np.float32).reshape(-1)
    version = compute_version(
        coef32, intercept32, extra, metadata["training_data_fingerprint"], labels
    )
    # The computed fields win over any stale ones in ``metadata`` (e.g. a copied model's).
    meta = {"name": name, **metadata, "version": version, "labels": list(labels)}
    directory.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, Any] = {"coef": coef32, "intercept": intercept32, **extra}
    np.savez_compressed(directory / f"{name}.npz", **arrays)
    (directory / f"{name}.json").write_text(
        json.dumps(meta, indent=2, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8"
    )
    return LinearModel(name, labels, coef32, intercept32, extra, meta)


def load(name: str, directory: Path = MODEL_DIR) -> LinearModel:
    """Read ``<name>.npz`` and ``<name>.json`` and check the version."""
    npz_path, json_path = directory / f"{name}.npz", directory / f"{name}.json"
    try:
        meta = json.loads(json_path.read_text(encoding="utf-8"))
        with np.load(npz_path, allow_pickle=False) as arrays:
            coef = np.asarray(arrays["coef"], dtype=np.float32)
            intercept = np.asarray(arrays["intercept"], dtype=np.float32)
            extra = {
                k: np.asarray(arrays[k]) for k in arrays.files if k not in {"coef", "intercept"}
            }
    except (OSError, KeyError, ValueError) as exc:
        raise ModelFileError(f"cannot read model {name!r} in {directory}: {exc}") from exc
    labels = tuple(meta.get("labels", ()))
    if coef.ndim != 2 or coef.shape[0] != len(labels) or intercept.shape != (len(labels),):
        raise ModelFileError(f"model {name!r}: arrays do not match its {len(labels)} labels")
    expected = compute_version(
        coef, intercept, extra, str(meta.get("training_data_fingerprint", "")), labels
    )
    if meta.get("version") != expected:
        raise ModelFileError(
            f"model {name!r}: recorded version {meta.get('version')!r} does not match its "
            f"arrays ({expected}); retrain with manage.py train_comment_models"
        )
    return LinearModel(name, labels, coef, intercept, extra, meta)


def combined_version(*models: LinearModel) -> str:
    """One version string for several models (used as ``analyse.MODEL_VERSION``)."""
    digest = hashlib.sha256("|".join(f"{m.name}:{m.version}" for m in models).encode())
    return digest.hexdigest()[:12]

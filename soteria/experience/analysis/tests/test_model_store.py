"""Model files: round trip, version follows the coefficients, tampering refused, no pickles."""

import json

import numpy as np
import pytest

from soteria.experience.analysis import model_store


def _save(directory, coef, data="data-1", **kwargs):
    return model_store.save(
        "demo",
        ("a", "b"),
        coef,
        np.array([0.1, -0.1]),
        {"training_data_fingerprint": data, "n_per_class": {"a": 3, "b": 4}},
        directory=directory,
        **kwargs,
    )


def test_round_trip(tmp_path):
    coef = np.arange(8, dtype=np.float32).reshape(2, 4)
    saved = _save(tmp_path, coef, extra={"thresholds": np.array([0.3, 0.4])})
    loaded = model_store.load("demo", tmp_path)
    assert loaded.version == saved.version and len(loaded.version) == 12
    assert np.array_equal(loaded.coef, coef)
    assert np.allclose(loaded.extra["thresholds"], [0.3, 0.4])
    assert loaded.metadata["n_per_class"] == {"a": 3, "b": 4}
    assert loaded.scores(np.ones((1, 4))).shape == (1, 2)


def test_version_changes_with_coefficients_and_data(tmp_path):
    coef = np.zeros((2, 4), dtype=np.float32)
    base = _save(tmp_path / "1", coef).version
    changed = coef.copy()
    changed[1, 3] = 1e-3
    assert _save(tmp_path / "2", changed).version != base
    assert _save(tmp_path / "3", coef, data="data-2").version != base
    assert _save(tmp_path / "4", coef).version == base


def test_edited_arrays_are_refused(tmp_path):
    coef = np.ones((2, 4), dtype=np.float32)
    _save(tmp_path, coef)
    np.savez_compressed(
        tmp_path / "demo.npz", coef=coef * 2, intercept=np.array([0.1, -0.1], dtype=np.float32)
    )
    with pytest.raises(model_store.ModelFileError, match="does not match"):
        model_store.load("demo", tmp_path)


def test_edited_metadata_is_refused(tmp_path):
    _save(tmp_path, np.ones((2, 4)))
    meta = json.loads((tmp_path / "demo.json").read_text())
    meta["training_data_fingerprint"] = "other"
    (tmp_path / "demo.json").write_text(json.dumps(meta))
    with pytest.raises(model_store.ModelFileError):
        model_store.load("demo", tmp_path)


def test_pickled_arrays_are_never_loaded(tmp_path):
    _save(tmp_path, np.ones((2, 4)))
    np.savez(tmp_path / "demo.npz", coef=np.array([object()], dtype=object), intercept=np.zeros(2))
    with pytest.raises(model_store.ModelFileError):
        model_store.load("demo", tmp_path)


def test_missing_files(tmp_path):
    with pytest.raises(model_store.ModelFileError):
        model_store.load("nothing", tmp_path)


def test_shipped_files_are_plain():
    for name in ("sentiment", "themes"):
        with np.load(model_store.MODEL_DIR / f"{name}.npz", allow_pickle=False) as arrays:
            assert all(arrays[k].dtype.kind == "f" for k in arrays.files)
        model_store.load(name)

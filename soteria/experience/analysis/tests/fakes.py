"""Deterministic stand-ins for the embedding model, for tests that must not embed."""

import hashlib

import numpy as np

from soteria.experience.analysis import embed


def fake_vector(text: str) -> np.ndarray:
    seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")
    vector = np.random.default_rng(seed).normal(size=embed.DIM)
    return (vector / np.linalg.norm(vector)).astype(np.float32)


def fake_passage(texts, *args, **kwargs) -> np.ndarray:
    return np.array([fake_vector(t) for t in texts], dtype=np.float32).reshape(-1, embed.DIM)

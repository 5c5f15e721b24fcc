"""The data generation a request reads under, and what is kept in memory under it.

A scorecard page reads the data generation token once per request
(``soteria.scorecards.freshness.for_request``) and announces it here with :func:`enter`;
:class:`soteria.web.middleware.GenerationScopeMiddleware` forgets it when the request ends.
Code that keeps reference data in memory (``soteria.indicators.reference``,
``soteria.strategy.structure``) asks for :func:`store`: under a known token, data read once
may be reused by every later request under the same token — any change to that data bumps
the token, and the first request under the new one starts with an empty store (only the
latest generation is kept). Outside a request that announced a token — a service, a
management command, a write followed by a render — :func:`store` is ``None`` and such code
reads the database afresh.

The token is a context variable, not a global: each thread (and task) of a server has its
own. The store is per process and shared by its threads: what is kept is read, never
changed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_token: ContextVar[str | None] = ContextVar("soteria_data_generation", default=None)
_lock = threading.Lock()
_kept: tuple[str, dict[Hashable, Any]] | None = None


def known() -> str | None:
    """The token announced for the current request, or ``None``."""
    return _token.get()


def enter(token: str) -> None:
    """Announce that the current request reads under ``token``."""
    _token.set(token)


def leave() -> None:
    """Forget the announced token (at the end of a request)."""
    _token.set(None)


def store() -> dict[Hashable, Any] | None:
    """What this process keeps under the announced token (empty when the token is new), or
    ``None`` when no token is announced."""
    global _kept
    token = _token.get()
    if token is None:
        return None
    with _lock:
        if _kept is None or _kept[0] != token:
            _kept = (token, {})
        return _kept[1]


def kept(key: Hashable, build: Callable[[], T]) -> T | None:
    """What :func:`store` keeps under ``key``, built (and kept) on first use; ``None`` when
    no token is announced (the caller reads the database itself)."""
    found = store()
    if found is None:
        return None
    if key not in found:
        found[key] = build()
    value: T = found[key]
    return value


def forget() -> None:
    """Drop what is kept (tests and benchmarks that count a first rendering)."""
    global _kept
    with _lock:
        _kept = None

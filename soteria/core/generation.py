"""The data generation a request reads under, for the in-process reference caches.

A scorecard page reads the data generation token once per request
(``soteria.scorecards.freshness.for_request``) and announces it here with :func:`enter`;
:class:`soteria.web.middleware.GenerationScopeMiddleware` forgets it when the request ends.
Code that keeps reference data in memory (``soteria.indicators.reference``) asks
:func:`known`: under a known token, data read once may be reused by every later request under
the same token, since any change to that data bumps the token. Outside a request that
announced one — a service, a management command, a write followed by a render — it is
``None`` and such code reads the database afresh.

A context variable, not a global: each thread (and task) of a server has its own.
"""

from __future__ import annotations

from contextvars import ContextVar

_token: ContextVar[str | None] = ContextVar("soteria_data_generation", default=None)


def known() -> str | None:
    """The token announced for the current request, or ``None``."""
    return _token.get()


def enter(token: str) -> None:
    """Announce that the current request reads under ``token``."""
    _token.set(token)


def leave() -> None:
    """Forget the announced token (at the end of a request)."""
    _token.set(None)

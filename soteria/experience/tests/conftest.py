from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _private_data(settings: Any, tmp_path: Path) -> None:
    settings.WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": str(tmp_path),
        }
    }


@pytest.fixture
def public_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """The response pages are public; until the login middleware lists /experience/r/
    (a change outside this app), the tests add it."""
    from soteria.web import middleware

    if not any("/experience/r/".startswith(p) for p in middleware.PUBLIC_PREFIXES):
        monkeypatch.setattr(
            middleware, "PUBLIC_PREFIXES", (*middleware.PUBLIC_PREFIXES, "/experience/r/")
        )

from __future__ import annotations

from typing import Any

import pytest

from soteria.testing.factories import World, world_build


@pytest.fixture
def world(db: None) -> World:
    return world_build()


@pytest.fixture(autouse=True)
def _fast_and_english(settings: Any) -> None:
    from django.utils import translation

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    translation.activate("en")


@pytest.fixture(autouse=True)
def _nothing_kept_in_memory() -> Any:
    """No test starts or ends with a data generation announced or reference data kept in
    memory (``soteria.core.generation``)."""
    from soteria.core import generation

    generation.leave()
    generation.forget()
    yield
    generation.leave()
    generation.forget()


@pytest.fixture
def page(live_server: Any) -> Any:
    """A Chromium page on the live server (see soteria.testing.browser)."""
    from soteria.testing.browser import browser_page

    yield from browser_page(live_server.url)

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


@pytest.fixture
def page(live_server: Any) -> Any:
    """A Chromium page on the live server (see soteria.testing.browser)."""
    from soteria.testing.browser import browser_page

    yield from browser_page(live_server.url)

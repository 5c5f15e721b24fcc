"""SOTERIA_CACHE_DIR: the page cache in a folder that every process of the machine shares."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

SCRIPT = """
import os, sys
import django
django.setup()
from django.conf import settings
from django.core.cache import cache
print(settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1])
if sys.argv[1] == "set":
    cache.set("soteria-test-shared", "written by another process", 60)
else:
    print(cache.get("soteria-test-shared"))
"""


def _in_process(env: dict[str, str], action: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, action],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout.split("\n")


def test_a_cache_folder_is_shared_by_processes_and_memory_is_the_default(tmp_path: Path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "soteria.settings"}
    env.pop("SOTERIA_CACHE_DIR", None)
    assert _in_process(env, "set")[0] == "LocMemCache"
    assert _in_process(env, "get")[1] == "None"  # another process: nothing there

    shared = {**env, "SOTERIA_CACHE_DIR": str(tmp_path / "cache")}
    assert _in_process(shared, "set")[0] == "FileBasedCache"
    assert _in_process(shared, "get")[1] == "written by another process"
    assert any((tmp_path / "cache").iterdir())

"""The WSGI entry point loads every view and builds the chart structures before the first
request, and freezes what it loaded out of the garbage collector's sight."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_the_entry_point_loads_the_views_and_freezes_them() -> None:
    probe = (
        "import gc, sys\n"
        "from soteria.wsgi import application\n"
        "assert callable(application)\n"
        "assert 'soteria.scorecards.views.indicator' in sys.modules  # views loaded\n"
        "assert 'altair' in sys.modules  # and what they import\n"
        "assert gc.get_freeze_count() > 50_000, gc.get_freeze_count()\n"
        "from django.conf import settings\n"
        "from soteria.scorecards import charts\n"
        "built = charts._spc_structure.cache_info().currsize\n"
        "assert built == len(settings.LANGUAGES), built  # chart structures built\n"
        "print('ok')\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "soteria.settings"}
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("ok")

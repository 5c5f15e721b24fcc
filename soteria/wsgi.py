"""WSGI entry point.

Once the application is loaded, its URL configuration is loaded too (every view module and
what they import: the chart library's schema, NumPy, SciPy…), the indicator page's chart
structures are built in every language (~25 ms of Altair each, which the first page of each
language on each worker would otherwise wait for), and everything loaded so far is moved
out of the garbage collector's sight (``gc.freeze``): those ~200,000 objects live as long as
the process, and each full collection walked them all — about 100 ms in which every thread
of the worker stood still (0.3 ms once frozen). See ``docs/architecture.md``.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "soteria.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 - imports every view module now, not on a request

from soteria.scorecards.indicator_page import warm_chart_structures  # noqa: E402 - after setup

warm_chart_structures()
gc.collect()
gc.freeze()

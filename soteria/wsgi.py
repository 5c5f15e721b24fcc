"""WSGI entry point.

Once the application is loaded, its URL configuration is loaded too (every view module and
what they import: the chart library's schema, NumPy, SciPy…) and everything loaded so far
is moved out of the garbage collector's sight (``gc.freeze``): those ~200,000 objects live
as long as the process, and each full collection walked them all — about 100 ms in which
every thread of the worker stood still (0.3 ms once frozen). See
``docs/architecture.md``.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "soteria.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 - imports every view module now, not on a request
gc.collect()
gc.freeze()

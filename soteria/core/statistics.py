"""The query planner's statistics, brought up to date after migrations and bulk writes.

SQLite keeps no statistics unless told to: without them its planner guesses, and for the
scorecards' read of many (unit, indicators) pairs at once it guessed a walk through every
value of each unit (11 ms on the page benchmark's 900,000 values) where the unique index
answers in 0.3 ms. :func:`analyse` runs ``ANALYZE`` — on SQLite sampling about
:data:`SQLITE_ANALYSIS_LIMIT` rows of each index, a few milliseconds whatever the size — after
``migrate`` and after every large write of indicator values. PostgreSQL's autovacuum keeps
statistics on its own; an ``ANALYZE`` after a bulk load is still what its documentation
advises, so it runs there too.
"""

from __future__ import annotations

from django.db import connections

SQLITE_ANALYSIS_LIMIT = 1000
"""Rows SQLite looks at per index (``PRAGMA analysis_limit``): enough for the planner."""

LARGE_WRITE = 1000
"""Values written at once from which the statistics are brought up to date (fewer do not
change the table's make-up enough to matter)."""


def analyse(*tables: str, using: str = "default") -> None:
    """Bring the planner's statistics of ``tables`` (none: every table) up to date."""
    connection = connections[using]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit = {SQLITE_ANALYSIS_LIMIT}")
        if not tables:
            cursor.execute("ANALYZE")
        for table in tables:
            cursor.execute(f"ANALYZE {quote(table)}")

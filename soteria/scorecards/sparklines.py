"""Sparklines: the tiny line of an indicator's last periods in a table cell, drawn on the
server as inline SVG.

A table (unit dashboard, objective scorecard) has dozens of them. Inline SVG shows at once
with the page — no script, no chart library started per cell, the same in a printout — and
takes a few hundred bytes where a Vega-Lite spec per cell took 1.4 kB and a chart view in
the browser each. The charts one reads (run and SPC charts, comparisons, funnel plots) stay
Vega-Lite specs (:mod:`soteria.scorecards.charts`).

Drawing: the values left to right at equal steps, the lowest at the bottom and the highest
at the top (no zero line, no axes), a gap where a period has no value, and a dot on the
latest value. The description is the image's accessible name (``role="img"`` with
``aria-label``, and a ``<title>`` shown on hover).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from html import escape

WIDTH = 80
HEIGHT = 20
MARGIN = 2
"""Pixels around the drawing, so that the line's width and the dot are not cut."""
COLOUR = "#0072B2"
"""The charts' blue (:data:`soteria.scorecards.charts.BLUE`)."""


def _number(value: float) -> str:
    """A coordinate with one decimal."""
    return "%.1f" % value  # noqa: UP031 - the fastest of the ways to write it


@lru_cache(maxsize=64)
def _columns(count: int) -> tuple[str, ...]:
    """Where each of ``count`` periods is drawn, left to right at equal steps (one period:
    in the middle)."""
    if count == 1:
        return (_number(MARGIN + WIDTH / 2),)
    step = WIDTH / (count - 1)
    return tuple(_number(MARGIN + index * step) for index in range(count))


def sparkline_svg(values: Sequence[float | None], *, description: str) -> str:
    """The sparkline of ``values`` (oldest first; None, or a value that is not finite, for a
    period without one) as an ``<svg>`` element, ``description`` its accessible name."""
    return sparkline_from_heights(sparkline_heights(values), description=description)


def sparkline_heights(values: Sequence[float | None]) -> list[str | None]:
    """Where each value is drawn from the top (a coordinate with one decimal; None for a
    period without a value): all that a sparkline needs to be drawn — the columns follow
    from the count. What :mod:`soteria.scorecards.row_facts` keeps with a stored value."""
    known = [v if v is not None and math.isfinite(v) else None for v in values]
    present = [v for v in known if v is not None]
    if not present:
        return [None] * len(known)
    low, high = min(present), max(present)
    scale = HEIGHT / (high - low) if high > low else 0.0
    middle = _number(MARGIN + HEIGHT / 2)
    return [
        None if v is None else (_number(MARGIN + (high - v) * scale) if scale else middle)
        for v in known
    ]


def sparkline_from_heights(rows: Sequence[str | None], *, description: str) -> str:
    """The ``<svg>`` element of a sparkline drawn at ``rows`` (:func:`sparkline_heights`),
    ``description`` its accessible name."""
    label = escape(description, quote=True)
    head = (
        f'<svg class="sparkline" xmlns="http://www.w3.org/2000/svg" width="{_SIZE[0]}" '
        f'height="{_SIZE[1]}" viewBox="0 0 {_SIZE[0]} {_SIZE[1]}" role="img" '
        f'aria-label="{label}"><title>{label}</title>'
    )
    if all(row is None for row in rows):
        return f"{head}</svg>"
    columns = _columns(len(rows))
    marks: list[str] = []
    run: list[str] = []
    for index, row in enumerate([*rows, None]):  # a closing None ends the last run
        if row is not None:
            run.append(f"{columns[index]},{row}")
            continue
        if len(run) > 1:
            marks.append(f'<polyline points="{" ".join(run)}"{_LINE}/>')
        elif run:  # a value between two gaps: a point, not a line
            x, y = run[0].split(",")
            marks.append(f'<circle cx="{x}" cy="{y}" r="1" fill="{COLOUR}"/>')
        run = []
    last = max(i for i, row in enumerate(rows) if row is not None)
    marks.append(f'<circle cx="{columns[last]}" cy="{rows[last]}" r="2" fill="{COLOUR}"/>')
    return head + "".join(marks) + "</svg>"


_SIZE = (WIDTH + 2 * MARGIN, HEIGHT + 2 * MARGIN)
_LINE = (
    f' fill="none" stroke="{COLOUR}" stroke-width="1.5" stroke-linejoin="round" '
    'stroke-linecap="round"'
)

"""Sparklines drawn on the server as inline SVG: what they draw, where, and their name."""

import math
import random
import xml.etree.ElementTree as ET

from soteria.scorecards.sparklines import HEIGHT, MARGIN, WIDTH, sparkline_svg

SVG = "{http://www.w3.org/2000/svg}"


def parse(values, description="Trend"):
    return ET.fromstring(sparkline_svg(values, description=description))


def lines(svg):
    """Each polyline's points as (x, y) pairs."""
    return [
        [tuple(float(c) for c in pair.split(",")) for pair in line.get("points").split()]
        for line in svg.iter(f"{SVG}polyline")
    ]


def dots(svg):
    return [
        (float(c.get("cx")), float(c.get("cy")), float(c.get("r")))
        for c in svg.iter(f"{SVG}circle")
    ]


def test_an_image_named_by_its_description_escaped():
    description = 'Wait <b>"median"</b> & more: 12,5 %'
    text = sparkline_svg([1.0, 2.0], description=description)
    assert "<b>" not in text
    svg = ET.fromstring(text)
    assert svg.get("role") == "img" and svg.get("class") == "sparkline"
    assert svg.get("aria-label") == description
    assert svg.find(f"{SVG}title").text == description
    assert (svg.get("width"), svg.get("height")) == (
        str(WIDTH + 2 * MARGIN),
        str(HEIGHT + 2 * MARGIN),
    )


def test_highest_at_the_top_lowest_at_the_bottom_equal_steps_and_a_dot_on_the_latest():
    svg = parse([3.0, 1.0, 5.0])
    [line] = lines(svg)
    assert line == [
        (MARGIN, MARGIN + HEIGHT / 2),
        (MARGIN + WIDTH / 2, MARGIN + HEIGHT),
        (MARGIN + WIDTH, MARGIN),
    ]
    assert dots(svg) == [(MARGIN + WIDTH, MARGIN, 2.0)]


def test_a_gap_where_a_period_has_no_value_and_a_lone_value_is_a_point():
    svg = parse([1.0, 2.0, None, 3.0, None, 4.0, 5.0, None])
    assert [len(line) for line in lines(svg)] == [2, 2]
    step = WIDTH / 7
    lone, latest = dots(svg)
    assert lone[0] == round(MARGIN + 3 * step, 1) and lone[2] == 1.0
    # the latest value (period 6): the last period has none, the dot stays on the value
    assert latest[0] == round(MARGIN + 6 * step, 1) and latest[1] == MARGIN and latest[2] == 2.0


def test_values_that_are_not_finite_are_gaps():
    svg = parse([1.0, math.nan, 2.0, math.inf, 3.0])
    assert lines(svg) == []
    assert [r for *_, r in dots(svg)] == [1.0, 1.0, 1.0, 2.0]  # three lone points, the latest


def test_flat_single_and_empty_series():
    [line] = lines(parse([7.0, 7.0, 7.0]))
    assert {y for _, y in line} == {MARGIN + HEIGHT / 2}
    svg = parse([4.0])
    centre = (MARGIN + WIDTH / 2, MARGIN + HEIGHT / 2)
    assert lines(svg) == [] and dots(svg) == [(*centre, 1.0), (*centre, 2.0)]
    svg = parse([None, None])
    assert lines(svg) == [] and dots(svg) == []
    assert svg.find(f"{SVG}title").text == "Trend"


def test_random_series_draw_their_values():
    """Every value is drawn where it belongs: read back from its coordinates (one decimal of
    a pixel), in order, with gaps exactly where there are no values."""
    rng = random.Random(7)
    for _ in range(2000):
        values = [
            rng.choice([None, rng.uniform(-1e6, 1e6), rng.randint(-3, 3), 1e-9])
            for _ in range(rng.randint(1, 12))
        ]
        svg = parse(values)
        present = [v for v in values if v is not None]
        if not present:
            assert lines(svg) == [] and dots(svg) == []
            continue
        low, high = min(present), max(present)
        drawn = [p for line in lines(svg) for p in line]
        drawn += [(x, y) for x, y, r in dots(svg) if r == 1.0]
        step = WIDTH / (len(values) - 1) if len(values) > 1 else None
        by_index = {}
        for x, y in drawn:
            index = round((x - MARGIN) / step) if step else 0
            by_index[index] = y
        # every value: a vertex of a line, or a point of its own where it has no neighbour
        assert set(by_index) == {i for i, v in enumerate(values) if v is not None}
        for index, y in by_index.items():
            value = values[index]
            if high > low:
                back = high - (y - MARGIN) / HEIGHT * (high - low)
                assert math.isclose(back, value, abs_tol=(high - low) * 0.06 / HEIGHT)
            else:
                assert y == MARGIN + HEIGHT / 2
        latest = max(i for i, v in enumerate(values) if v is not None)
        assert [(x, r) for x, _, r in dots(svg) if r == 2.0] == [
            (round(MARGIN + (latest * step if step else WIDTH / 2), 1), 2.0)
        ]

"""Numbers shown to people are rounded (half away from zero), never cut off."""

import pytest
from django.template import Context, Template
from django.utils import translation

from soteria.core.numbers import display


@pytest.mark.parametrize(
    "value, decimals, expected",
    [
        (16.666666666666668, 1, "16.7"),  # was cut to 16.6
        (0.96, 1, "1.0"),  # was cut to 0.9
        (2.25, 1, "2.3"),  # half away from zero, not to even
        (2.35, 1, "2.4"),
        (-2.25, 1, "-2.3"),
        (1234567.891, 2, "1,234,567.89"),
        (99.5, 0, "100"),
        (7, 0, "7"),
        (None, 1, "—"),
    ],
)
def test_display_rounds(value, decimals, expected):
    assert display(value, decimals) == expected


def test_display_in_the_active_locale():
    with translation.override("pl"):
        assert display(16.666666666666668, 1) == "16,7"
        assert display(1234567.891, 2).replace("\xa0", " ") == "1 234 567,89"


def test_the_number_filter_and_the_indicator_pages_round_alike():
    from soteria.scorecards.indicator_page import shown

    html = Template("{% load soteria %}{{ v|number:1 }}").render(Context({"v": 0.96}))
    assert html == "1.0" == shown(0.96, 1)


@pytest.mark.parametrize(
    "value, decimals, expected",
    [
        (float("nan"), 1, "—"),
        (float("inf"), 1, "—"),
        ("nan", 1, "—"),
        ("", 1, ""),
        (1e30, 2, "1,000,000,000,000,000,000,000,000,000,000.00"),
        (10**27, 2, "1,000,000,000,000,000,000,000,000,000.00"),
        (-0.04, 1, "0.0"),
        (2.675, 2, "2.68"),
        (3.14159, "x", "3.14159"),
    ],
)
def test_odd_inputs_never_break_a_page(value, decimals, expected):
    assert display(value, decimals) == expected


def test_decimal_nan_is_missing():
    from decimal import Decimal

    assert display(Decimal("NaN"), 1) == "—"
    assert display(Decimal("12.345"), 2) == "12.35"


@pytest.mark.parametrize(
    "amount, expected",
    [
        ("0.99", "1 EUR"),  # was cut to "0 EUR"
        ("1234.50", "1,235 EUR"),
        ("-0.5", "-1 EUR"),
        ("1000000", "1,000,000 EUR"),
    ],
)
def test_money_is_rounded_not_cut(amount, expected):
    from decimal import Decimal

    from soteria.core.templatetags.soteria import money

    assert money(Decimal(amount), "EUR") == expected
    assert money(None, "EUR") == ""


@pytest.mark.parametrize("lang", ["en", "pl", "vi", "fi", "da"])
def test_the_locale_format_is_django_s_number_format_of_the_rounded_value(lang):
    """``display`` looks the separators up once per language; the text is what Django's
    ``number_format`` makes of the rounded value, grouping or not."""
    import random

    from django.utils.formats import number_format

    from soteria.core.numbers import rounded

    rng = random.Random(lang)
    with translation.override(lang):
        for _ in range(3000):
            value = rng.choice([rng.uniform(-1e7, 1e7), rng.uniform(-2, 2), rng.randint(-9, 9)])
            places, grouping = rng.randint(0, 3), rng.random() < 0.5
            expected = number_format(
                rounded(value, places), decimal_pos=places, use_l10n=True, force_grouping=grouping
            )
            assert display(value, places, grouping=grouping) == expected


def test_a_changed_format_setting_is_seen(settings):
    """The separators kept per language are dropped when a format setting changes."""
    with translation.override("xx-unknown"):  # no format module: the settings decide
        settings.THOUSAND_SEPARATOR = "'"
        settings.NUMBER_GROUPING = 3
        assert display(1234567, 0) == "1'234'567"
        settings.THOUSAND_SEPARATOR = "_"
        assert display(1234567, 0) == "1_234_567"

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


@pytest.mark.parametrize("thousands", [False, True])
@pytest.mark.parametrize("lang", ["en", "pl", "vi", "fi", "da"])
def test_the_locale_format_is_django_s_number_format_of_the_rounded_value(
    lang, thousands, settings
):
    """``display`` writes the text itself (and looks the separators up once per language):
    what Django's ``number_format`` makes of the value rounded with a decimal context of
    its own, grouping or not, whatever ``USE_THOUSAND_SEPARATOR`` says — on values of every
    size and sign, halves, ints and Decimals."""
    import random
    from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

    from django.utils.formats import number_format

    from soteria.core.numbers import rounded

    def reference_rounded(value, places):
        with localcontext() as context:
            context.prec = 60
            return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)

    settings.USE_THOUSAND_SEPARATOR = thousands
    rng = random.Random(lang)
    edges = [0, 0.0, -0.0, -0.04, 0.05, 2.35, -2.25, 999.95, 9999.5, -999999.5, 1e15, 1e-9]
    edges += [10**40, 1e250, 1e190, Decimal("-0.000"), Decimal("123456789.123456789"), 7]
    with translation.override(lang):
        for n in range(4000):
            value = (
                edges[n]
                if n < len(edges)
                else rng.choice(
                    [
                        rng.uniform(-1e7, 1e7),
                        rng.uniform(-2, 2),
                        rng.randint(-99999, 99999),
                        round(rng.uniform(-1e4, 1e4), rng.randint(0, 3)) + 0.005,
                        rng.uniform(-1, 1) * 10 ** rng.randint(-6, 22),
                    ]
                )
            )
            places, grouping = rng.randint(0, 4), rng.random() < 0.5
            try:
                exact = reference_rounded(value, places)
            except InvalidOperation:  # more digits than any float has: shown as it is
                with pytest.raises(InvalidOperation):
                    rounded(value, places)
                assert display(value, places) == str(value)
                continue
            assert rounded(value, places) == exact
            assert str(rounded(value, places)) == str(exact)
            expected = number_format(
                exact, decimal_pos=places, use_l10n=True, force_grouping=grouping
            )
            assert display(value, places, grouping=grouping) == expected, (value, places)


def test_a_changed_format_setting_is_seen(settings):
    """The separators kept per language are dropped when a format setting changes."""
    with translation.override("xx-unknown"):  # no format module: the settings decide
        settings.THOUSAND_SEPARATOR = "'"
        settings.NUMBER_GROUPING = 3
        assert display(1234567, 0) == "1'234'567"
        settings.THOUSAND_SEPARATOR = "_"
        assert display(1234567, 0) == "1_234_567"

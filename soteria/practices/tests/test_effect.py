"""The measured effect: the adopting unit's monthly values before and after the start."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from soteria.practices import effect, services
from soteria.practices.models import PracticeCase
from soteria.testing.factories import World, indicator_value_create, standard_indicator


def _values(unit, definition, values: dict[str, float | None], **extra) -> None:
    for code, value in values.items():
        indicator_value_create(definition, unit, code, value, **extra)


def test_windows_leave_a_changeover_month_out() -> None:
    before, after = effect.windows(dt.date(2025, 6, 15))
    assert [m.code for m in before] == ["202412", "202501", "202502", "202503", "202504", "202505"]
    assert [m.code for m in after] == ["202507", "202508", "202509", "202510", "202511", "202512"]
    before, after = effect.windows(dt.date(2025, 1, 1))  # the first day: the month counts after
    assert before[0].code == "202407" and before[-1].code == "202412"
    assert after[0].code == "202501" and after[-1].code == "202506"


def test_means_change_and_direction_on_hand_made_values(world: World) -> None:
    alos = standard_indicator("ALOS")  # lower is better
    _values(
        world.surgery,
        alos,
        {
            "202407": 99.0,  # 7 months before: outside the window
            "202408": 6.0, "202409": 6.2, "202410": 5.8, "202411": 6.4, "202412": 5.6,
            "202501": 6.0,
            "202502": 50.0,  # the changeover month (start on the 10th)
            "202503": 5.0, "202504": 5.2, "202505": 4.8, "202506": 5.0,
            "202509": None,  # withheld: no value
            "202510": 1.0,  # 8 months after: outside
        },
    )  # fmt: skip
    indicator_value_create(alos, world.surgery, "202507", 4.0, partial=True)  # not over
    found = effect.effect_of(alos, world.surgery, dt.date(2025, 2, 10))
    assert [p.period for p in found.before] == [
        "202408", "202409", "202410", "202411", "202412", "202501"
    ]  # fmt: skip
    assert [p.period for p in found.after] == ["202503", "202504", "202505", "202506"]
    assert found.enough
    assert found.mean_before == pytest.approx(6.0)
    assert found.mean_after == pytest.approx(5.0)
    assert found.change == pytest.approx(-1.0)
    assert found.relative_percent == pytest.approx(-100 / 6)
    assert found.judgement == "better"  # lower is better
    readmissions = standard_indicator("OUTPATIENT_VISITS")  # higher is better
    _values(world.surgery, readmissions, {"202501": 10, "202412": 10, "202411": 10,
                                          "202503": 8, "202504": 8, "202505": 8})  # fmt: skip
    assert effect.effect_of(readmissions, world.surgery, dt.date(2025, 2, 10)).judgement == "worse"


def test_too_few_values_make_no_comparison(world: World) -> None:
    alos = standard_indicator("ALOS")
    _values(world.surgery, alos, {"202501": 6.0, "202412": 6.0, "202411": 6.0,
                                  "202502": 5.0, "202503": 5.0})  # fmt: skip
    found = effect.effect_of(alos, world.surgery, dt.date(2025, 2, 1))
    assert len(found.before) == 3 and len(found.after) == 2
    assert not found.enough and found.change is None and found.judgement is None


def test_the_adoption_page_shows_the_effect_with_its_caveat(
    world: World, published: PracticeCase
) -> None:
    alos = standard_indicator("ALOS")
    _values(world.surgery, alos, {"202410": 6.0, "202411": 6.0, "202412": 6.0,
                                  "202502": 4.5, "202503": 4.5, "202504": 4.5})  # fmt: skip
    adoption = services.adoption_create(
        world.quality,
        published,
        world.surgery,
        {"status": "adopted", "started_on": dt.date(2025, 1, 20), "indicator": alos},
    )
    client = Client()
    client.force_login(world.viewer)
    body = client.get(reverse("practice-adoption", args=[adoption.pk])).content.decode()
    assert "not proof" in body
    assert "6.0" in body and "4.5" in body and "better" in body
    assert "Update the adoption" not in body  # a viewer: no form
    services.adoption_update(world.quality, adoption, {"started_on": dt.date(2025, 4, 1)})
    body = client.get(reverse("practice-adoption", args=[adoption.pk])).content.decode()
    assert "Too few values to compare" in body


def test_a_ratio_pools_numerators_and_denominators(world: World) -> None:
    """A month with 2 patients must not weigh as much as one with 200 (never the mean of
    monthly ratios)."""
    readmissions = standard_indicator("READMISSION_30D")  # numerator / denominator × 100
    before = {"202409": (1, 2), "202410": (20, 200), "202411": (20, 200)}
    after = {"202502": (0, 2), "202503": (10, 200), "202504": (10, 200)}
    for code, (num, den) in {**before, **after}.items():
        indicator_value_create(readmissions, world.surgery, code, 100 * num / den, num, den)
    found = effect.effect_of(readmissions, world.surgery, dt.date(2025, 2, 1))
    assert found.pooled
    assert found.mean_before == pytest.approx(100 * 41 / 402)  # 10.2, not (50+10+10)/3 = 23.3
    assert found.mean_after == pytest.approx(100 * 20 / 402)
    assert found.denominator_before == 402 and found.denominator_after == 402
    assert found.judgement == "better"


def test_the_chance_test_separates_a_steady_shift_from_noise(world: World) -> None:
    alos = standard_indicator("ALOS")
    steady = {"202408": 6.0, "202409": 6.1, "202410": 5.9, "202411": 6.0, "202412": 6.1,
              "202501": 5.9, "202502": 4.0, "202503": 4.1, "202504": 3.9, "202505": 4.0,
              "202506": 4.1, "202507": 3.9}  # fmt: skip
    _values(world.surgery, alos, steady)
    found = effect.effect_of(alos, world.surgery, dt.date(2025, 2, 1))
    assert found.p_value is not None and found.p_value < 0.001 and found.significant
    noisy = {"202408": 3.0, "202409": 9.0, "202410": 4.0, "202411": 8.0, "202412": 5.0,
             "202501": 7.0, "202502": 8.0, "202503": 3.0, "202504": 7.0, "202505": 4.0,
             "202506": 6.0, "202507": 5.0}  # fmt: skip
    _values(world.cardiology, alos, noisy)
    found = effect.effect_of(alos, world.cardiology, dt.date(2025, 2, 1))
    assert found.change == pytest.approx(-0.5)
    assert found.p_value is not None and found.p_value > 0.5 and found.significant is False
    # Not pooled: ALOS values made by hand here carry no numerator and denominator.
    assert not found.pooled


def test_a_share_of_cases_is_tested_on_its_counts(world: World) -> None:
    from scipy import stats

    readmissions = standard_indicator("READMISSION_30D")
    rows = {"202409": (1, 14), "202410": (2, 15), "202411": (1, 13),
            "202502": (0, 14), "202503": (1, 16), "202504": (0, 15)}  # fmt: skip
    for code, (num, den) in rows.items():
        indicator_value_create(readmissions, world.surgery, code, 100 * num / den, num, den)
    found = effect.effect_of(readmissions, world.surgery, dt.date(2025, 2, 1))
    assert found.test == "fisher"
    expected = stats.fisher_exact([[4, 42 - 4], [1, 45 - 1]]).pvalue
    assert found.p_value == pytest.approx(expected)
    assert found.significant is False


def test_no_test_when_small_and_large_months_disagree(world: World) -> None:
    """Bed-days per discharge: the pooled figure falls while the plain mean of the monthly
    ratios rises — a t-test on the monthly values would be about another change."""
    alos = standard_indicator("ALOS")
    rows = {"202409": (60, 10), "202410": (600, 100), "202411": (60, 10),
            "202502": (20, 2), "202503": (500, 100), "202504": (20, 2)}  # fmt: skip
    for code, (num, den) in rows.items():
        indicator_value_create(alos, world.surgery, code, num / den, num, den)
    found = effect.effect_of(alos, world.surgery, dt.date(2025, 2, 1))
    assert found.pooled and not found.counted_share
    assert found.change is not None and found.change < 0  # pooled: 6.0 → 5.26
    assert found.months_disagree
    assert found.test is None and found.p_value is None


def test_a_deactivated_indicator_stays_when_the_adoption_is_saved(
    world: World, published: PracticeCase
) -> None:
    alos = standard_indicator("ALOS")
    adoption = services.adoption_create(
        world.quality, published, world.surgery,
        {"status": "adopted", "started_on": dt.date(2025, 1, 20), "indicator": alos},
    )  # fmt: skip
    type(alos).objects.filter(pk=alos.pk).update(active=False)
    client = Client()
    client.force_login(world.quality)
    url = reverse("practice-adoption", args=[adoption.pk])
    page = client.get(url).content.decode()
    assert f'value="{alos.pk}" selected' in page
    client.post(url, {"status": "adopted", "started_on": "2025-01-20", "note": "Still on",
                      "indicator": str(alos.pk)})  # fmt: skip
    adoption.refresh_from_db()
    assert (adoption.note, adoption.indicator_id) == ("Still on", alos.pk)

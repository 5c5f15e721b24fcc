"""Answers → warehouse → indicator engine: the computed indicators equal the scores module."""

from __future__ import annotations

import datetime as dt

import pytest

from soteria.experience import scores
from soteria.experience.models import Answer
from soteria.experience.sync import SOURCE_SYSTEM, sync_answers
from soteria.experience.tests.helpers import distribute, respond, survey_from
from soteria.indicators.models import ComputeRun, IndicatorValue
from soteria.indicators.services import compute_run
from soteria.testing.factories import World, standard_indicator
from soteria.warehouse import store

AS_OF = dt.date(2026, 4, 3)
MARCH = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def answered(world: World) -> World:
    fft = distribute(survey_from(world.hospital, "FFT"), world.cardiology)
    fft_surg = distribute(survey_from(world.hospital, "FFT", code="FFT2"), world.surgery)
    inpatient = distribute(survey_from(world.hospital, "INPATIENT"), world.cardiology)
    five = distribute(survey_from(world.hospital, "FIVE"), world.surgery)
    for i, code in enumerate(["VG", "VG", "G", "N", "P", "VP", "DK"]):
        respond(fft, {"FFT": code}, MARCH + dt.timedelta(hours=i))
    for code in ["G", "G", "VP", "DK", "VG", "N"]:
        respond(fft_surg, {"FFT": code}, MARCH)
    nurse = ["ALWAYS", "USUALLY", "ALWAYS", "NEVER", "SOMETIMES", "ALWAYS"]
    listen = ["ALWAYS", "ALWAYS", "USUALLY", "USUALLY", "SOMETIMES", "NEVER"]
    for overall, respect, heard in zip([10, 9, 8, 7, 3, 10], nurse, listen, strict=True):
        respond(
            inpatient,
            {
                "IP_OVERALL": overall,
                "IP_NURSE_RESPECT": respect,
                "IP_NURSE_LISTEN": heard,
                "IP_HELP_CALL": "NR",
            },
            MARCH,
        )
    for p in ["5", "4", "4", "3", "2", "NR", "DK"]:
        respond(five, {"FIVE_OVERALL": p, "FIVE_INFO": "5"}, MARCH)
    return world


def _value(code: str, unit: str, period: str) -> float | None:
    return IndicatorValue.objects.get(
        definition=standard_indicator(code), unit__code=unit, period=period
    ).value


def test_sync_writes_each_answer_once_and_queues_the_recompute(answered: World) -> None:
    result = sync_answers()
    total = Answer.objects.count()
    assert result.answers == total
    run = ComputeRun.objects.get(pk=result.run_id)
    assert run.scope == {"roots": [answered.region.pk], "years": [2026]}
    assert not Answer.objects.filter(synced_at__isnull=True).exists()
    assert sync_answers().answers == 0  # nothing new
    Answer.objects.update(synced_at=None)  # a repeated sync replaces, never duplicates
    sync_answers()
    with store.connect(read_only=True) as con:
        rows = con.execute(
            "SELECT count(*), count(DISTINCT answer_key) FROM experience_answer "
            "WHERE source_system = ?",
            [SOURCE_SYSTEM],
        ).fetchone()
        fft_row = con.execute(
            "SELECT positive, negative, dont_know, score FROM experience_answer "
            "WHERE question_code = 'FFT' AND score = 0"
        ).fetchone()
    assert rows == (total, total)
    assert fft_row == (False, True, False, 0.0)


def test_computed_indicators_equal_the_scores_module(answered: World) -> None:
    sync_answers()
    run = compute_run(ComputeRun.objects.create(), as_of=AS_OF)
    assert run.status == "succeeded", run.error

    def answers(code: str, unit=None) -> list[Answer]:
        qs = Answer.objects.filter(question__code=code)
        if unit is not None:
            qs = qs.filter(response__unit=unit)
        return list(qs)

    card_fft = scores.fft(answers("FFT", answered.cardiology), min_n=0)
    # 6 answers besides don't know at CARD: 3 positive, 2 negative
    assert card_fft.positive == pytest.approx(50.0)
    assert _value("FFT_POSITIVE", "HOSP-CARD", "202603") == pytest.approx(card_fft.positive)
    assert _value("FFT_NEGATIVE", "HOSP-CARD", "202603") == pytest.approx(card_fft.negative)
    hosp_fft = scores.fft(answers("FFT"), min_n=0)
    assert _value("FFT_POSITIVE", "HOSP", "2026Q1") == pytest.approx(hosp_fft.positive)

    overall = scores.mean_score(answers("IP_OVERALL"), min_n=0)
    assert overall.mean == pytest.approx(78.333333, abs=1e-5)  # (100+90+80+70+30+100)/6
    assert _value("EXP_INPATIENT_OVERALL_MEAN", "HOSP-CARD", "202603") == pytest.approx(
        overall.mean
    )
    assert _value("EXP_INPATIENT_OVERALL_TOPBOX", "HOSP-CARD", "202603") == pytest.approx(50.0)

    nurses = scores.domain_top_box(
        {c: answers(c) for c in ("IP_NURSE_RESPECT", "IP_NURSE_LISTEN", "IP_NURSE_EXPLAIN")},
        min_n=0,
    )
    assert nurses.percent == pytest.approx(500 / 12)  # 5 "always" of 12 answers
    assert _value("EXP_TOPBOX_NURSES", "HOSP-CARD", "202603") == pytest.approx(nurses.percent)

    five = scores.five_point_mean(answers("FIVE_OVERALL"), min_n=0)
    assert five.mean == pytest.approx(3.6)
    assert _value("EXP_FIVE_OVERALL_MEAN", "HOSP-SURG", "202603") == pytest.approx(
        scores.five_point_to_linear(five.mean)
    )
    positive = scores.top_box(answers("FIVE_OVERALL") + answers("FIVE_INFO"), min_n=0)
    assert _value("EXP_FIVE_POSITIVE", "HOSP-SURG", "202603") == pytest.approx(positive.percent)
    # Responsiveness answered only "not relevant": no denominator, so no value
    assert not IndicatorValue.objects.filter(
        definition=standard_indicator("EXP_TOPBOX_RESPONSIVENESS"), value__isnull=False
    ).exists()


def test_experience_definitions_are_standard_and_translated(db: None) -> None:
    from soteria.indicators.definitions import read_standard_files

    entries = [e for e in read_standard_files() if e["code"].startswith("EXP_")]
    assert len(entries) == 12
    for entry in entries:
        for part in ("name", "description"):
            assert sorted(entry[part]) == ["da", "en", "fi", "pl", "vi"], entry["code"]
        definition = standard_indicator(entry["code"])
        assert definition.standard and definition.active
        expected = "p" if definition.unit == "percent" else "xmr"
        assert definition.spc_chart == expected, entry["code"]


def test_sync_command(answered: World, capsys) -> None:
    from django.core.management import call_command

    call_command("experience_sync", "--no-recompute")
    assert f"{Answer.objects.count()} answers moved" in capsys.readouterr().out
    assert not ComputeRun.objects.exists()


def test_small_numbers_are_never_stored(answered: World, settings) -> None:
    """Fewer answers than SOTERIA_MIN_CELL: no value, numerator or denominator is stored
    (so no page, export or comparison can show it); the hospital, with enough, keeps its."""
    settings.SOTERIA_MIN_CELL = 7
    sync_answers()
    run = compute_run(ComputeRun.objects.create(), as_of=AS_OF)
    assert run.status == "succeeded", run.error
    card = IndicatorValue.objects.get(
        definition=standard_indicator("FFT_POSITIVE"), unit__code="HOSP-CARD", period="202603"
    )
    assert (card.value, card.numerator, card.denominator) == (None, None, None)
    assert card.no_value_reason == "too_few"
    assert _value("FFT_POSITIVE", "HOSP", "2026Q1") is not None  # 6 + 5 answers
    visits = IndicatorValue.objects.filter(definition=standard_indicator("OUTPATIENT_VISITS"))
    assert not visits.filter(no_value_reason="too_few").exists()  # other facts untouched

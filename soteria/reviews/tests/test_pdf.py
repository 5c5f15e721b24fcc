"""The PDF: text extracted with pypdf matches the database, in every language."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from soteria.reviews import render, services
from soteria.reviews.models import ReviewReport
from soteria.testing.factories import World, indicator_value_create, standard_indicator

LANGUAGES = {
    # language: (how 12.0 % reads, a letter the fonts must carry, via the unit's name)
    "en": ("12.0", "Cardiology"),
    "pl": ("12,0", "Kardiologia – zażółć gęślą jaźń"),
    "vi": ("12,0", "Khoa Tim mạch – Bệnh viện Đa khoa"),
    "fi": ("12,0", "Sydänosasto – Äänekoski"),
    "da": ("12,0", "Hjerteafdeling – Ærø Sygehus"),
}


def _text(pdf: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def _report(unit: Any, language: str, **fields: Any) -> ReviewReport:
    return ReviewReport(unit=unit, period="2026S1", version=1, language=language, **fields)


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_figures_and_letters_in_each_language(
    world: World, figures: dict[str, Any], language: str
) -> None:
    figure, name = LANGUAGES[language]
    world.cardiology.name = {language: name}
    world.cardiology.save()
    report = _report(world.cardiology, language, introduction=f"<p>{name}</p>")
    text, pages = _text(render.pdf_bytes(report, services.document(report)))
    squashed = " ".join(text.split())
    assert name in squashed  # Vietnamese, Polish, Finnish and Danish letters survive
    assert figure in squashed  # 12.0 % in the language's number format
    assert "2026S1" in squashed and "2026S2" in squashed
    assert pages >= 3


def test_page_numbers_and_contents(world: World, figures: dict[str, Any]) -> None:
    report = _report(world.hospital, "en")
    text, pages = _text(render.pdf_bytes(report, services.document(report)))
    assert f"Page 2 / {pages}" in text
    assert "Contents" in text and "Indicators needing attention" in text


def test_empty_sections_render_with_a_sentence(world: World) -> None:
    lonely = world.other_org
    report = _report(lonely, "en")
    text, _pages = _text(render.pdf_bytes(report, services.document(report)))
    squashed = " ".join(text.split())
    assert "No approved strategy governs this unit." in squashed
    assert "No indicators of an approved strategy are measured at this unit." in squashed
    assert "No initiatives." in squashed


def test_long_names_wrap_instead_of_breaking_the_page(
    world: World, figures: dict[str, Any]
) -> None:
    long = "Oddział " + "Kardiologii-Interwencyjnej-" * 12 + "Koniec"
    world.cardiology.name = {"en": long}
    world.cardiology.save()
    report = _report(world.cardiology, "en", title="T" * 200)
    text, _pages = _text(render.pdf_bytes(report, services.document(report)))
    assert "Koniec" in text.replace("\n", "")


def test_suppressed_figures_print_as_less_than_k(world: World, figures: dict[str, Any]) -> None:
    figures["now"].delete()
    indicator_value_create(figures["readmissions"], world.cardiology, "2026S1", 1.5, 3, 200)
    report = _report(world.cardiology, "en", for_publication=True, suppression_k=5)
    text, _pages = _text(render.pdf_bytes(report, services.document(report)))
    squashed = " ".join(text.split())
    assert "<5" in squashed and "1.5" not in squashed


def test_narrative_markup_cannot_fetch_files(world: World, tmp_path: Any) -> None:
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }")
    report = _report(
        world.cardiology,
        "en",
        introduction=f'<p>x</p><link rel="stylesheet" href="file://{secret}"><img src="file:///etc/passwd">',
    )
    fetcher = render._local_only()
    with pytest.raises(ValueError):
        fetcher.fetch(secret.as_uri())
    with pytest.raises(ValueError):
        fetcher.fetch("https://example.org/logo.png")
    assert render.pdf_bytes(report, services.document(report)).startswith(b"%PDF")


def test_experience_section_appears_only_with_figures(world: World) -> None:
    report = _report(world.cardiology, "en")
    assert "sec-experience" not in dict(render.sections(services.document(report)))
    fft = standard_indicator("FFT_POSITIVE")
    indicator_value_create(fft, world.cardiology, "2026S1", 91.0, 91, 100)
    assert "sec-experience" in dict(render.sections(services.document(report)))

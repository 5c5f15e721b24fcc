"""Language detection on the five product languages, short text, noise, configuration."""

import pytest

from soteria.experience.analysis import language


@pytest.mark.parametrize(
    "code, text",
    [
        ("en", "The nurses were very kind but we waited a long time."),
        ("pl", "Pielęgniarki były bardzo miłe, ale długo czekaliśmy."),
        ("vi", "Các y tá rất tử tế nhưng chúng tôi phải chờ rất lâu."),
        ("fi", "Hoitajat olivat todella ystävällisiä, mutta odotimme pitkään."),
        ("da", "Sygeplejerskerne var meget søde, men vi ventede længe."),
        ("de", "Die Pflegekräfte waren sehr freundlich, aber wir warteten lange."),
        ("sv", "Sjuksköterskorna var mycket vänliga men vi fick vänta länge."),
        ("uk", "Медсестри були дуже добрі, але ми довго чекали."),
    ],
)
def test_detects_configured_languages(code, text):
    detection = language.detect(text)
    assert detection.code == code
    assert 0.5 <= detection.confidence <= 1.0


@pytest.mark.parametrize("text", ["", "   ", "ok", "👍👍👍", "10/10", "!!!", "<b></b>"])
def test_too_little_text_is_undetermined(text):
    assert language.detect(text) == language.Detection("und", 0.0)


def test_placeholders_and_urls_are_ignored():
    # Without the English-looking placeholders this is clearly Polish.
    text = "[name] [name] [phone] https://example.org/some/english/words dziękuję bardzo za opiekę"
    assert language.detect(text).code == "pl"


def test_long_text_is_sampled():
    detection = language.detect("Personel był bardzo pomocny i życzliwy. " * 2000)
    assert detection.code == "pl"


def test_configured_set_restricts_the_detector(settings):
    settings.EXPERIENCE_LANGUAGES = ["en", "pl"]
    try:
        assert language.languages() == ("en", "pl")
        # Danish text can only come out as one of the two (or und).
        assert language.detect("Sygeplejerskerne var meget søde.").code in {"en", "pl", "und"}
    finally:
        del settings.EXPERIENCE_LANGUAGES
    assert language.languages() == language.DEFAULT_LANGUAGES
    assert language.detect("Sygeplejerskerne var meget søde, men vi ventede længe.").code == "da"


@pytest.mark.parametrize(
    "text",
    [
        "Der var meget larm på gangen om natten.",
        "Stuen var rolig, så jeg kunne hvile mig.",
        "Jeg kom til kontrol på ambulatoriet i mandags.",
    ],
)
def test_short_danish_is_not_lost_between_danish_and_norwegian(text):
    # lingua splits these between da and nb; the pair's confidence counts.
    detection = language.detect(text)
    assert detection.code in {"da", "nb"}
    assert detection.confidence >= language.MIN_CONFIDENCE

"""The theme taxonomy file: the shipped one, validation, the NHS label mapping."""

import pytest

from soteria.experience.analysis import datasets, taxonomy

SHIPPED_CODES = (
    "communication",
    "waiting",
    "staff_attitude",
    "care_treatment",
    "cleanliness_environment",
    "food",
    "discharge",
    "access_parking",
    "noise_rest",
    "medication",
    "other",
)


def test_shipped_taxonomy():
    tax = taxonomy.load()
    assert tax.codes == SHIPPED_CODES
    for theme in tax.themes:
        assert set(theme.names) == {"en", "pl", "vi", "fi", "da"}
        assert set(theme.seeds) == {"en", "pl", "vi", "fi", "da"}
        assert all(len(seeds) >= 2 for seeds in theme.seeds.values())
    assert tax.theme("food").name("pl") == "Jedzenie"
    assert tax.theme("food").name("xx") == "Food"


def test_every_nhs_label_in_the_data_is_mapped_or_listed():
    if not datasets.data_dir().is_dir():
        pytest.skip("shared data folder not present")
    tax = taxonomy.load()
    labels = {label for e in datasets.load_all() for label in e.labels}
    assert tax.unknown_labels(labels) == set()


def test_codes_for_labels():
    tax = taxonomy.load()
    assert tax.codes_for_labels(["sub:Food", "v6:Parking"]) == ("food", "access_parking")
    assert tax.codes_for_labels(["sub:Nothing to improve"]) == ()


BASE = """
[[theme]]
code = "food"
name = { en = "Food" }
nhs = ["sub:Food"]
[theme.seeds]
en = ["cold food"]
"""


def test_minimal_file_parses():
    tax = taxonomy.parse(BASE)
    assert tax.codes == ("food",)
    assert tax.min_training_examples == 30


@pytest.mark.parametrize(
    "extra, message",
    [
        (
            '[[theme]]\ncode = "food"\nname = { en = "F" }\nseeds = { en = ["x"] }\n',
            "duplicate code",
        ),
        (
            '[[theme]]\ncode = "Bad Code"\nname = { en = "F" }\nseeds = { en = ["x"] }\n',
            "code must be",
        ),
        ('[[theme]]\ncode = "noise"\nname = { pl = "Hałas" }\nseeds = { en = ["x"] }\n', "name.en"),
        ('[[theme]]\ncode = "noise"\nname = { en = "Noise" }\nseeds = { en = [] }\n', "seed"),
        (
            '[[theme]]\ncode = "meals"\nname = { en = "Meals" }\nseeds = { en = ["x"] }\nnhs = ["sub:Food"]\n',
            "already mapped",
        ),
    ],
)
def test_invalid_files_name_the_problem(extra, message):
    with pytest.raises(taxonomy.TaxonomyError, match=message):
        taxonomy.parse(BASE + extra)


def test_fingerprint_changes_with_seeds():
    assert (
        taxonomy.parse(BASE).fingerprint
        != taxonomy.parse(BASE.replace("cold food", "hot food")).fingerprint
    )


def test_configured_path(settings, tmp_path):
    path = tmp_path / "t.toml"
    path.write_text(BASE)
    settings.EXPERIENCE_TAXONOMY_PATH = str(path)
    assert taxonomy.load().codes == ("food",)

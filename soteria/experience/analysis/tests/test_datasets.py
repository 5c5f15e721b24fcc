"""Reading the labelled sets and the deterministic split (small fixtures, no embedding)."""

import collections

import pytest

from soteria.experience.analysis import datasets


def test_split_is_deterministic_and_ignores_case_and_spacing():
    assert datasets.split_of("The staff were great") == datasets.split_of(
        "  the STAFF  were great "
    )
    shares = collections.Counter(datasets.split_of(f"comment number {i}") for i in range(5000))
    assert 0.77 < shares["train"] / 5000 < 0.83


def test_detokenise():
    assert (
        datasets.detokenise("Oby więcej takich fizjoterapeutów .")
        == "Oby więcej takich fizjoterapeutów."
    )
    assert (
        datasets.detokenise("nie czuła się ( o dziwo ! ) , dobrze")
        == "nie czuła się (o dziwo!), dobrze"
    )


def test_fixture_files(tmp_path):
    (tmp_path / datasets.PHASE1).write_text(
        "code,label,subcategory,feedback,criticality,organization,question,row_index\n"
        "a,Staff,Attitude Of Staff,Lovely staff,3,T,Q,0\n"
        "b,Access,General,Long wait,-2,T,Q,1\n"
        "c,Care received,Care received,It was fine,0,T,Q,2\n"
        "d,Care received,Care received,Dirty value,-o,T,Q,3\n"
        "e,Care received,Care received,,3,T,Q,4\n"
    )
    (tmp_path / datasets.V6).write_text(
        "Comment ID,FFT answer,Comment sentiment,Not assigned,Parking,Discharge\n"
        "1,Could not park,4,,1,\n"
        "2,Sent home well,1.0,,,1\n"
        "3,No themes here,,,,\n"
    )
    (tmp_path / datasets.POLEMO).write_text(
        "Świetna opieka . __label__z_plus_m\n"
        'Źle . __label__z_minus_m"\n'
        "Byłem tam . __label__z_zero\n"
        "Raz tak , raz nie . __label__z_amb\n"
        "bez etykiety\n"
    )
    phase1 = list(datasets.load_phase1(tmp_path))
    assert [e.sentiment for e in phase1] == ["positive", "negative", "neutral", None]
    assert phase1[0].labels == ("label:Staff", "sub:Attitude Of Staff")
    v6 = list(datasets.load_v6(tmp_path))
    assert [(e.sentiment, e.labels, e.has_themes) for e in v6] == [
        ("negative", ("v6:Parking",), True),
        ("positive", ("v6:Discharge",), True),
        (None, (), False),
    ]
    polemo = list(datasets.load_polemo(tmp_path))
    assert [(e.text, e.sentiment) for e in polemo] == [
        ("Świetna opieka.", "positive"),
        ("Źle.", "negative"),
        ("Byłem tam.", "neutral"),
        ("Raz tak, raz nie.", "ambiguous"),
    ]
    assert all(e.split == datasets.split_of(e.text) for e in phase1 + v6 + polemo)
    assert len(datasets.file_fingerprint([tmp_path / datasets.PHASE1])) == 16


def test_shared_data_duplicates_land_on_one_side():
    if not datasets.data_dir().is_dir():
        pytest.skip("shared data folder not present")
    sides = collections.defaultdict(set)
    for e in datasets.load_all():
        sides[datasets.normalise(e.text)].add(e.split)
    assert all(len(s) == 1 for s in sides.values())

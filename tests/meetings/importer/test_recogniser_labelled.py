"""The recogniser measured on the team's labelled sentences (fixtures/decisions/)."""

import pytest

from benchmarks.recogniser import LABELLED, load, score


@pytest.mark.parametrize("half", [None, "A", "B"])
def test_recogniser_labelled_sentences_meet_precision_and_recall(half):
    rows = load(LABELLED, half=half)
    result = score(rows)

    misread = "\n".join(f"{row.label} read as {got}: {row.sentence}" for row, got in result.misread)
    assert result.precision("decision") >= 0.95, misread
    assert result.recall("decision") >= 0.90, misread
    assert result.precision("action") >= 0.90, misread
    assert result.recall("action") >= 0.85, misread


def test_recogniser_labelled_set_has_the_sizes_asked_for():
    rows = load(LABELLED)
    labels = [row.label for row in rows]

    assert len(rows) >= 400
    assert labels.count("decision") >= 120
    assert labels.count("action") >= 100
    assert labels.count("neither") >= 150
    assert len({row.sentence for row in rows}) == len(rows)


def test_recogniser_labelled_set_rejects_a_malformed_line(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("A\tmaybe\tThe MAG agreed.\n", encoding="utf-8")

    with pytest.raises(ValueError, match="bad.tsv line 1"):
        load(path)

"""Patterns tried only where a match can begin (meetings/importer/patterns.py) find what they would
have found tried everywhere."""

import re

import pytest

from benchmarks.recogniser import LABELLED, load
from meetings.importer import annex_schedule, dates, decisions, interpret, provenance
from meetings.importer.patterns import match_start, starting_pattern


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bagreed|\bdecided", ("ad", True)),
        (r"\s*;|,", (r"\s;,", False)),
        (r"(?P<verb>\bagreed)\b", ("a", True)),
        (r"\d|\bnext\b", (r"\dn", False)),
        (r"(?:the\s+)?MAG", ("tM", False)),
        # "\b" after something the match may begin with is not at the match's start.
        (r"\s*\bfoo", (r"\sf", False)),
        (r",?\bx", (",x", False)),
        (r"(?:\bx)?y", ("xy", False)),
    ],
)
def test_match_start_of_a_pattern_names_its_first_characters(pattern, expected):
    assert match_start(pattern) == expected


@pytest.mark.parametrize("pattern", [r"x*", r"(?:a|)", r".a", r"[^a]b", r"(?:x|.y)"])
def test_match_start_unknown_when_a_match_may_be_empty_or_begin_anywhere(pattern):
    assert match_start(pattern) is None
    assert starting_pattern(pattern).pattern == pattern


def test_starting_pattern_keeps_the_case_of_a_case_sensitive_pattern():
    pattern = starting_pattern(r"\b(?i:secretariat)|[A-Z][a-z]+ [A-Z][a-z]+")

    assert pattern.search("the SECRETARIAT").group() == "SECRETARIAT"
    assert pattern.search("information received") is None
    assert pattern.search("then Lynn Amour").group() == "Lynn Amour"


def _guarded_patterns() -> list[tuple[str, re.Pattern, re.Pattern]]:
    """(name, as compiled, as it would be without its look-ahead) for the importer's guarded patterns."""
    found = []
    for module in (decisions, interpret, provenance, dates, annex_schedule):
        for name, pattern in vars(module).items():
            if isinstance(pattern, re.Pattern) and "(?i:(?=[" in pattern.pattern:
                source = pattern.pattern.split("]))(?:", 1)[1][:-1]
                found.append((f"{module.__name__}.{name}", pattern, re.compile(source, pattern.flags)))
    return found


def test_importer_patterns_are_guarded():
    names = {name for name, _guarded, _plain in _guarded_patterns()}

    assert {
        "meetings.importer.decisions._ACTIVE_OUTCOME",
        "meetings.importer.decisions._NOMINAL_OUTCOME",
        "meetings.importer.decisions._CLAUSE_BREAK",
        "meetings.importer.interpret._CITY",
        "meetings.importer.dates._MONTH_FIRST",
    } <= names


def test_guarded_patterns_find_the_same_matches_as_unguarded_on_the_labelled_sentences():
    sentences = [row.sentence for row in load(LABELLED)]
    # Pieces from inside sentences too: what the recogniser searches is often a clause or a tail.
    texts = sentences + [sentence[start:] for sentence in sentences for start in (7, 31)]
    differences = []
    for name, guarded, plain in _guarded_patterns():
        for text in texts:
            if [(m.span(), m.groups()) for m in guarded.finditer(text)] != [
                (m.span(), m.groups()) for m in plain.finditer(text)
            ] or guarded.split(text) != plain.split(text):
                differences.append(f"{name}: {text}")

    assert differences == []


def test_recogniser_stems_are_letters_and_apostrophes():
    # _DECISION_WORD and _ACTION_WORD find a stem at the start of a word by the look-behind
    # (?<![a-z']): right only while every stem is made of those characters.
    for stem in decisions._DECISION_STEMS + decisions._ACTION_STEMS:
        assert re.fullmatch(r"[a-z']+", stem), stem
    assert decisions._ACTION_WORD.search("the secretariat will circulate it")
    assert not decisions._DECISION_WORD.search("the information was shared")  # "form" inside a word


def test_starting_pattern_leaves_a_verbose_pattern_as_it_is():
    pattern = starting_pattern(r"agreed  # a comment to the end of the pattern", re.VERBOSE)

    assert pattern.pattern == r"agreed  # a comment to the end of the pattern"
    assert pattern.search("the MAG agreed").group() == "agreed"

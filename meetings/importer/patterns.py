"""Regular expressions tried only where a match can begin.

Python's matcher tries a pattern at every position of the text: for an alternation of words such as
the recogniser's ("agreed|decided|resolved|..."), that is every branch at every character, and most of
the importer's time. ``starting_pattern`` compiles a pattern behind a one-character look-ahead of the
characters its matches can begin with (worked out from the pattern itself), and behind "\\b" when
every match begins at a word boundary, so the other positions fail at once (about twice as fast on
the recogniser's patterns). The look-ahead holds at every place a match can begin, so the matches,
their groups and the pieces ``split`` leaves are exactly those of the pattern alone.

It pays for a pattern that begins with any of many words; one that begins with a single word or
character is quick already (the matcher looks for that first), and the look-ahead only slows it.

When the first characters cannot be worked out (a pattern that may match the empty string, or begins
with "." or a negated class), the pattern is compiled as it is.
"""

from __future__ import annotations

import re

try:  # the parser of the standard ``re`` module: private, so its absence only costs speed
    from re import _constants as _ops
    from re import _parser
except ImportError:  # pragma: no cover - a Python without them
    _ops = _parser = None

# The classes "\d", "\s", "\w" and their negations, as the parser names them.
_CATEGORIES = (
    {}
    if _ops is None
    else {
        _ops.CATEGORY_DIGIT: r"\d",
        _ops.CATEGORY_NOT_DIGIT: r"\D",
        _ops.CATEGORY_SPACE: r"\s",
        _ops.CATEGORY_NOT_SPACE: r"\S",
        _ops.CATEGORY_WORD: r"\w",
        _ops.CATEGORY_NOT_WORD: r"\W",
    }
)


class _Unknown(Exception):
    """The pattern holds something whose first characters are not worked out here."""


def starting_pattern(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, tried only at the characters its matches can begin with."""
    # Under re.VERBOSE a comment at the pattern's end would swallow the bracket that closes it.
    start = None if flags & re.VERBOSE else match_start(pattern, flags)
    if start is None:
        return re.compile(pattern, flags)
    first, at_word_boundary = start
    # The look-ahead without regard to case, whatever the pattern's flags: a (?i:...) inside a
    # case-sensitive pattern may begin with either case, and a wider look-ahead is never wrong.
    boundary = r"\b" if at_word_boundary else ""
    return re.compile(f"{boundary}(?i:(?=[{first}]))(?:{pattern})", flags)


def match_start(pattern: str, flags: int = 0) -> tuple[str, bool] | None:
    """The characters a match of ``pattern`` can begin with, as the inside of a character class
    ("a-z,\\d"), and whether every match begins at a word boundary ("\\b" before any character);
    None when that is not known (or a match may be empty)."""
    if _parser is None:
        return None
    try:
        pieces, can_be_empty, at_word_boundary = _sequence(list(_parser.parse(pattern, flags)))
    except _Unknown:
        return None
    if can_be_empty or not pieces:
        return None
    return "".join(dict.fromkeys(pieces)), at_word_boundary


def _sequence(items: list) -> tuple[list[str], bool, bool]:
    """For items matched one after the other: the characters the first of them to take one can begin
    with, whether all may take none, and whether a word boundary is asserted before that character."""
    pieces: list[str] = []
    boundary = False  # asserted where the sequence begins, before any item that may take a character
    skipped_boundaries = True  # every such item passed so far asserts one before its own character
    passed_one = False
    for op, value in items:
        if op is _ops.AT:
            # After an item that may take a character, "\b" stands after that character, not at the start.
            boundary = boundary or (value is _ops.AT_BOUNDARY and not passed_one)
            continue
        found, can_be_empty, item_boundary = _item(op, value)
        pieces += found
        if not can_be_empty:
            return pieces, False, boundary or (skipped_boundaries and item_boundary)
        skipped_boundaries = skipped_boundaries and item_boundary
        passed_one = passed_one or bool(found)
    return pieces, True, False


def _item(op, value) -> tuple[list[str], bool, bool]:
    if op is _ops.LITERAL:
        return [re.escape(chr(value))], False, False
    if op is _ops.IN:
        return _class(value), False, False
    if op in (_ops.ASSERT, _ops.ASSERT_NOT):
        return [], True, False  # takes no character: the first is the next item's
    if op is _ops.SUBPATTERN:
        return _sequence(list(value[-1]))
    if op is _ops.BRANCH:
        pieces: list[str] = []
        can_be_empty = False
        boundary = True
        for branch in value[1]:
            found, empty, branch_boundary = _sequence(list(branch))
            pieces += found
            can_be_empty = can_be_empty or empty
            boundary = boundary and branch_boundary
        return pieces, can_be_empty, boundary
    if op in (_ops.MAX_REPEAT, _ops.MIN_REPEAT, getattr(_ops, "POSSESSIVE_REPEAT", None)):
        low, _high, repeated = value
        found, empty, boundary = _sequence(list(repeated))
        return found, empty or low == 0, boundary
    raise _Unknown(op)  # ".", a negated literal, a back-reference...


def _class(items) -> list[str]:
    pieces = []
    for op, value in items:
        if op is _ops.LITERAL:
            pieces.append(re.escape(chr(value)))
        elif op is _ops.RANGE:
            pieces.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        elif op is _ops.CATEGORY and value in _CATEGORIES:
            pieces.append(_CATEGORIES[value])
        else:
            raise _Unknown(op)  # a negated class ([^...]), a category not listed
    return pieces

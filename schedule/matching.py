"""Tolerant matching of session titles, across schedule versions and in decision text.

Reports name sessions loosely: "the NRI main session" for "National and Regional IGFs (NRIs)",
"‘Shaping the Future of Internet Governance’ session", "(Contd.) Shaping the Future...". Everything
here is pure (strings in, indices out) so the importer can use it before anything is saved.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Sequence

#: How alike two normalised titles must be to be the same session.
SIMILAR = 0.75

_QUOTES = "‘’“”'\"`´"
_CONTINUED = re.compile(r"\(\s*cont(?:d|inued)?\.?\s*\)", re.IGNORECASE)
_PARENTHESES = re.compile(r"\([^)]*\)")
_SUFFIX = re.compile(r"(?:\s+(?:main|plenary|focus|thematic))?\s+sessions?$")
_QUOTED = re.compile(r"[‘“]([^’”]{3,200})[’”]|(?:(?<=\s)|^)['\"]([A-Z][^'\"]{2,200})['\"]")
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]*[A-Z]s?)\)")
_PUNCTUATION = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")

# The pure functions below are cached: one import compares the same few dozen titles many times over.
_CACHE_SIZE = 4096


@functools.lru_cache(maxsize=_CACHE_SIZE)
def normalise_title(title: str) -> str:
    """Lower case, no quotes, punctuation, "(Contd.)", parentheses or "main session" suffix."""
    text = _CONTINUED.sub(" ", title)
    text = _PARENTHESES.sub(" ", text)
    text = text.translate({ord(q): " " for q in _QUOTES}).lower()
    text = _PUNCTUATION.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    # "Trade Agreements and the Internet Main Session" is the session "Trade Agreements and the Internet".
    return _SUFFIX.sub("", text).strip() or text


def acronyms(title: str) -> list[str]:
    """The abbreviations a title defines, singular too: "(NRIs)" gives NRIs and NRI."""
    found = []
    for acronym in _ACRONYM.findall(title):
        found.append(acronym)
        if acronym.endswith("s"):
            found.append(acronym[:-1])
    return found


@functools.lru_cache(maxsize=_CACHE_SIZE)
def title_similarity(a: str, b: str) -> float:
    """0..1: the better of character similarity and word overlap of the normalised titles."""
    left, right = normalise_title(a), normalise_title(b)
    if not left or not right:
        return 0.0
    if left == right:
        return 1.0
    return max(difflib.SequenceMatcher(None, left, right).ratio(), _word_overlap(left, right))


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _similarity_bound(a: str, b: str) -> float:
    """At least ``title_similarity(a, b)``, and cheaper: difflib's quick_ratio bounds its ratio."""
    left, right = normalise_title(a), normalise_title(b)
    if not left or not right:
        return 0.0
    if left == right:
        return 1.0
    return max(difflib.SequenceMatcher(None, left, right).quick_ratio(), _word_overlap(left, right))


def _word_overlap(left: str, right: str) -> float:
    left_words, right_words = set(left.split()), set(right.split())
    return len(left_words & right_words) / len(left_words | right_words)


def best_match(name: str, titles: Sequence[str], *, threshold: float = SIMILAR) -> int | None:
    """Index of the title most like ``name`` if it is alike enough, else None."""
    best, best_score = None, threshold
    for index, title in enumerate(titles):
        if _similarity_bound(name, title) < best_score:
            continue  # cannot win: spares difflib's full comparison for most titles
        score = title_similarity(name, title)
        if score >= best_score and (best is None or score > best_score):
            best, best_score = index, score
    return best


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _title_pattern(title: str) -> re.Pattern | None:
    words = normalise_title(title).split()
    if len(words) < 2:
        return None
    return re.compile(r"\b" + r"\W+".join(re.escape(word) for word in words) + r"\b", re.IGNORECASE)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _acronym_patterns(title: str) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(rf"\b{re.escape(acronym)}\b") for acronym in acronyms(title))


def sessions_mentioned(text: str, titles: Sequence[str]) -> list[int]:
    """Indices of ``titles`` that ``text`` names, in the order it first names them.

    A session is named by a quoted title (‘…’, "…", '…'), by an abbreviation its title defines
    ("NRI" for "... (NRIs)"), or by its title written out.
    """
    first_seen: dict[int, int] = {}

    def seen(index: int | None, at: int) -> None:
        if index is not None and at < first_seen.get(index, len(text) + 1):
            first_seen[index] = at

    for match in _QUOTED.finditer(text):
        seen(best_match(match.group(1) or match.group(2), titles), match.start())
    for index, title in enumerate(titles):
        for acronym in _acronym_patterns(title):
            found = acronym.search(text)
            if found:
                seen(index, found.start())
        pattern = _title_pattern(title)
        found = pattern.search(text) if pattern else None
        if found:
            seen(index, found.start())
    return sorted(first_seen, key=first_seen.__getitem__)

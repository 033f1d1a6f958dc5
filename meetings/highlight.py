"""Imported text as safe HTML: links made clickable, decisions marked in their paragraph.

Every piece of imported text passes through ``conditional_escape`` (via
``format_html``) here; templates never mark imported text safe.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from meetings.models import Decision, Footnote

# Only these schemes become links; anything else stays text.
_URL = re.compile(r"(?:https?://|mailto:)[^\s<>\"]+", re.IGNORECASE)
# Punctuation that ends a sentence rather than the address it follows.
_TRAILING = ".,;:!?)]}'\"’”"


def _join(parts: Iterable[str]) -> SafeString:
    # Each part is already escaped or built by format_html.
    return mark_safe("".join(str(conditional_escape(part)) for part in parts))


def is_link(url: str) -> bool:
    """Whether ``url`` is an address this site will link to (http, https or mailto)."""
    return bool(_URL.fullmatch(url))


def external_link(url: str, label: str | None = None) -> SafeString:
    return format_html('<a href="{}" rel="noopener nofollow">{}</a>', url, label or url)


def linkify(text: str) -> SafeString:
    """``text`` escaped, with its http, https and mailto addresses as links."""
    if ":" not in text:
        return escape(text)  # no address: most of a report's text
    parts: list[str] = []
    cursor = 0
    for match in _URL.finditer(text):
        url = match.group().rstrip(_TRAILING)
        end = match.start() + len(url)
        parts.append(text[cursor : match.start()])
        parts.append(external_link(url))
        cursor = end
    parts.append(text[cursor:])
    return _join(parts)


@dataclass
class HighlightedText:
    html: SafeString
    #: Decisions whose text is not found verbatim in the paragraph (edited by staff, say).
    unplaced: list[Decision]


def highlight_decisions(
    *,
    text: str,
    decisions: Sequence[Decision],
    footnotes: Sequence[Footnote] = (),
    place_footnotes: bool = True,
    notes_page: str = "",
    link_decisions: bool = True,
) -> HighlightedText:
    """The paragraph ``text`` with each decision's sentence marked and, unless told not to, linked,
    and each footnote's mark where it stood in the report.

    A mark whose place is unknown (a note added by staff, or ``place_footnotes`` false because the
    text was edited since its import) follows the text. Marks link to the notes on this page, or on
    ``notes_page`` (the report's address) when the paragraph is shown elsewhere.
    """
    if not decisions and not footnotes:
        return HighlightedText(html=linkify(text), unplaced=[])  # most of a report's paragraphs
    spans: list[tuple[int, int, Decision]] = []
    unplaced: list[Decision] = []
    for decision in decisions:
        start = text.find(decision.text) if decision.text else -1
        end = start + len(decision.text)
        if start == -1 or any(start < other_end and other_start < end for other_start, other_end, _ in spans):
            unplaced.append(decision)
        else:
            spans.append((start, end, decision))
    placed = [
        footnote
        for footnote in footnotes
        if place_footnotes and footnote.offset is not None and footnote.offset <= len(text)
    ]
    marks = sorted(placed, key=lambda footnote: footnote.offset)
    parts: list[str] = []
    cursor = 0
    for start, end, decision in sorted(spans, key=lambda span: span[0]):
        # A mark at a decision's first or last character stands outside its highlight.
        parts += _with_marks(
            text, cursor, start, [f for f in marks if cursor <= f.offset <= start], notes_page
        )
        inside = _with_marks(text, start, end, [f for f in marks if start < f.offset < end], notes_page)
        mark = format_html('<mark class="decision" id="decision-{}">{}</mark>', decision.pk, _join(inside))
        parts.append(mark)
        if link_decisions:
            link = decision.get_absolute_url()
            parts.append(
                format_html(' <a class="decision-link" href="{}">{}</a>', link, decision.get_kind_display())
            )
        cursor = end
    parts += _with_marks(text, cursor, len(text), [f for f in marks if f.offset >= cursor], notes_page)
    parts += [
        footnote_mark(footnote, notes_page=notes_page) for footnote in footnotes if footnote not in placed
    ]
    return HighlightedText(html=_join(parts), unplaced=unplaced)


def _with_marks(text: str, start: int, end: int, marks: Sequence[Footnote], notes_page: str) -> list[str]:
    """``text[start:end]`` with links, and the footnote marks of ``marks`` at their offsets."""
    parts: list[str] = []
    for footnote in marks:
        parts.append(linkify(text[start : footnote.offset]))
        parts.append(footnote_mark(footnote, notes_page=notes_page))
        start = footnote.offset
    parts.append(linkify(text[start:end]))
    return parts


def footnote_mark(footnote: Footnote, *, notes_page: str = "") -> SafeString:
    """The note's mark in the text, linked to the note (on ``notes_page``, if not on this page)."""
    label = gettext("Note %(mark)s") % {"mark": footnote.mark}
    if notes_page:
        # Elsewhere than the report, no "back to the text" target: the mark has no id.
        return format_html(
            '<sup class="footnote-ref"><a href="{}#footnote-{}" aria-label="{}">{}</a></sup>',
            notes_page,
            footnote.pk,
            label,
            footnote.mark,
        )
    return format_html(
        '<sup class="footnote-ref" id="footnote-ref-{}"><a href="#footnote-{}" aria-label="{}">{}</a></sup>',
        footnote.pk,
        footnote.pk,
        label,
        footnote.mark,
    )


def footnote_html(footnote: Footnote) -> SafeString:
    """The note's text with its links, and any cited URL the text does not show."""
    missing = [url for url in footnote.urls if url not in footnote.text and is_link(url)]
    return _join([linkify(footnote.text), *(format_html(" {}", external_link(url)) for url in missing)])


# Words the English search configuration ignores, so they are not marked either (a short list:
# a missed stop word is only an extra mark).
_STOP_WORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is", "it"}
    | {"of", "on", "or", "that", "the", "this", "to", "was", "were", "will", "with"}
)
# Endings dropped to find a word's other forms, as the stemmer would ("working" finds "work", "worked").
_ENDINGS = ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s")


def search_terms(query: str) -> re.Pattern | None:
    """A pattern finding the words of a search ``query`` (websearch syntax) in any of their forms."""
    stems = set()
    for word in re.findall(r"-?\w+", query.lower()):
        if word.startswith("-") or word in _STOP_WORDS:
            continue  # a word the search excludes, or one it ignores
        for ending in _ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                word = word[: -len(ending)]
                break
        stems.add(re.escape(word))
    if not stems:
        return None
    # Longest first, so "working group" marks "working" whole rather than stopping at "work".
    return re.compile(r"\b(?:" + "|".join(sorted(stems, key=len, reverse=True)) + r")\w*", re.IGNORECASE)


def mark_terms(text: str, terms: re.Pattern | None) -> SafeString:
    """``text`` escaped, with the search's words marked."""
    if terms is None:
        return conditional_escape(text)
    parts: list[str] = []
    cursor = 0
    for match in terms.finditer(text):
        parts.append(text[cursor : match.start()])
        parts.append(format_html('<mark class="search-match">{}</mark>', match.group()))
        cursor = match.end()
    parts.append(text[cursor:])
    return _join(parts)


def search_excerpt(
    *, text: str, terms: re.Pattern | None, skip: str = "", width: int = 240
) -> SafeString | None:
    """About ``width`` characters of ``text`` around its first search word outside ``skip`` (the
    decision's own sentence, shown already), with the words marked; None if there is none."""
    if terms is None:
        return None
    skip_start = text.find(skip) if skip else -1
    skip_end = skip_start + len(skip) if skip_start >= 0 else -1
    outside = (m for m in terms.finditer(text) if not skip_start <= m.start() < skip_end)
    first = next(outside, None)
    if first is None:
        return None
    start = max(0, first.start() - width // 3)
    end = min(len(text), start + width)
    # Cut at spaces, so the excerpt starts and ends with whole words.
    if start > 0 and " " in text[start : first.start()]:
        start = text.index(" ", start) + 1
    if end < len(text) and " " in text[first.end() : end]:
        end = text.rindex(" ", first.end(), end)
    excerpt = mark_terms(text[start:end], terms)
    return _join(["…" if start > 0 else "", excerpt, "…" if end < len(text) else ""])

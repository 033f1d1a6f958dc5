"""Imported text as safe HTML: links made clickable, decisions marked in their paragraph.

Every piece of imported text passes through ``conditional_escape`` (via
``format_html``) here; templates never mark imported text safe.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

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
    *, text: str, decisions: Sequence[Decision], link_decisions: bool = True
) -> HighlightedText:
    """The paragraph ``text`` with each decision's sentence marked and, unless told not to, linked."""
    spans: list[tuple[int, int, Decision]] = []
    unplaced: list[Decision] = []
    for decision in decisions:
        start = text.find(decision.text) if decision.text else -1
        end = start + len(decision.text)
        if start == -1 or any(start < other_end and other_start < end for other_start, other_end, _ in spans):
            unplaced.append(decision)
        else:
            spans.append((start, end, decision))
    parts: list[str] = []
    cursor = 0
    for start, end, decision in sorted(spans, key=lambda span: span[0]):
        parts.append(linkify(text[cursor:start]))
        mark = linkify(text[start:end])
        parts.append(format_html('<mark class="decision" id="decision-{}">{}</mark>', decision.pk, mark))
        if link_decisions:
            link = decision.get_absolute_url()
            parts.append(
                format_html(' <a class="decision-link" href="{}">{}</a>', link, decision.get_kind_display())
            )
        cursor = end
    parts.append(linkify(text[cursor:]))
    return HighlightedText(html=_join(parts), unplaced=unplaced)


def footnote_html(footnote: Footnote) -> SafeString:
    """The note's text with its links, and any cited URL the text does not show."""
    missing = [url for url in footnote.urls if url not in footnote.text and is_link(url)]
    return _join([linkify(footnote.text), *(format_html(" {}", external_link(url)) for url in missing)])

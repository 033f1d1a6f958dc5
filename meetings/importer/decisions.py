"""Finding the decisions and actions recorded in an agenda item's text.

A sentence that records what the meeting agreed, approved or decided is a
"decision", even when what was agreed is that someone does some work ("It was
agreed that MAG working groups would send written updates"). A sentence that
assigns work without recording an agreement ("... were asked to send updates",
"The Secretariat will circulate ...", "volunteers ... agreed to work together
... and to report") is an "action". Proposals, reports, briefings and thanks
are neither, and neither is a decision mentioned only as background ("given
the MAG decided not to ...", "had agreed"). On the seed report: seven
decisions (paragraphs 5 twice, 6, 7, both 8s and 9) and three actions
(paragraphs 2, 6 and 7).
"""

from __future__ import annotations

import re

from meetings.importer.report import ParsedDecision

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "h.e",
    "approx",
    "e.g",
    "i.e",
    "cf",
    "contd",
    "cont'd",
    "no",
    "vs",
    "jr",
    "sr",
    "esp",
    "incl",
    "fig",
    "para",
    "paras",
}
# These end a sentence when a capital follows ("..., etc. The Secretariat ...").
_SOMETIMES_FINAL = {"etc"}

_BOUNDARY = re.compile(r"(?<=[.!?])[\"'’”)\]]*\s+(?=[\"'‘“(\[]*[A-Z0-9])")
_LAST_WORD = re.compile(r"([\w.'’]+)[.]\W*$")
# The last word is looked for in the last characters before a boundary only: searching the
# whole text before it again at every boundary made long paragraphs quadratic.
_TAIL = 80

_DECISION = re.compile(
    r"\b(?:it\s+was\s+(?:also\s+|further\s+|then\s+)?(?:agreed|decided|resolved)"
    r"|(?:was|were|been)\s+(?:also\s+|formally\s+|unanimously\s+)?(?:approved|adopted|endorsed|agreed\s+upon)"
    r"|agreed\s+upon"
    r"|(?:there\s+was|with)\s+(?:general\s+|broad\s+|common\s+|full\s+)?(?:agreement|consensus)\b"
    r"|common\s+agreement"
    r"|(?:the\s+)?(?:mag|meeting|group|secretariat|members)\s+(?:also\s+)?(?:agreed|decided|approved|endorsed)"
    r"|\bdecided\b"
    r"|\bagreed\s+that\b)",
    re.IGNORECASE,
)
# A decision mentioned as the reason for something else, or taken before.
_BACKGROUND = re.compile(
    r"\b(?:given|since|because|as|after|following|once)\s+(?:that\s+)?(?:the\s+)?(?:[\w-]+\s+){0,3}"
    r"(?:had\s+)?(?:decided|agreed|approved)\b"
    r"|\bhad\s+(?:been\s+)?(?:decided|agreed|approved)\b"
    r"|\bpreviously\s+(?:decided|agreed|approved)\b",
    re.IGNORECASE,
)
_NEITHER = re.compile(
    r"^\s*(?:it\s+was\s+(?:also\s+)?(?:proposed|suggested|reported|noted|said|recalled)\b"
    r"|.*\b(?:thanked|expressed\s+(?:its|their)\s+(?:appreciation|thanks|gratitude))\b)",
    re.IGNORECASE,
)
# Work given to someone: the seed's "were asked to", "will circulate" and
# "agreed to work together ... and to report". Only the active "will
# circulate": "details will be circulated" tells of logistics, not a task.
_ACTION = re.compile(
    r"\b(?:(?:was|were|are|is)\s+(?:also\s+)?(?:asked|requested|invited|tasked|mandated)\s+to"
    r"|(?:will|shall)\s+(?:also\s+)?(?:circulate|prepare|draft|submit|send|share|follow\s+up\s+on)"
    r"|agreed\s+to\s+(?:work\s+together|prepare|draft|circulate|report|follow\s+up|organi[sz]e|lead))\b",
    re.IGNORECASE,
)


def split_sentences(text: str) -> list[str]:
    """The sentences of a paragraph, keeping "Ms.", "approx.", "e.g.", decimals and URLs whole."""
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return []
    pieces = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        before = text[start : boundary.start()]
        last_word = _LAST_WORD.search(before, max(0, len(before) - _TAIL))
        if last_word and last_word.start() == len(before) - _TAIL:
            last_word = _LAST_WORD.search(before)  # the word may begin before the tail
        word = last_word.group(1).lower().replace("’", "'") if last_word else ""
        if word in _ABBREVIATIONS:
            continue
        if word in _SOMETIMES_FINAL and not text[boundary.end() :][:1].isupper():
            continue
        # A single capital ("Lynn St. Amour", "J. Smith") is an initial, not an end.
        if re.fullmatch(r"[A-Z]", last_word.group(1) if last_word else ""):
            continue
        pieces.append(before.strip())
        start = boundary.end()
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if piece]


def classify_sentence(sentence: str) -> str | None:
    """ "decision", "action" or None for one sentence."""
    if _NEITHER.search(sentence):
        return None
    if any(not _is_background(sentence, match) for match in _DECISION.finditer(sentence)):
        return "decision"
    if _ACTION.search(sentence):
        return "action"
    return None


def classify_sentences(text: str) -> list[ParsedDecision]:
    """Every sentence of ``text`` that records a decision or an action, in order."""
    found = []
    for sentence in split_sentences(text):
        kind = classify_sentence(sentence)
        if kind:
            found.append(ParsedDecision(kind=kind, text=sentence))
    return found


def _is_background(sentence: str, match: re.Match) -> bool:
    for background in _BACKGROUND.finditer(sentence):
        if background.start() <= match.start() < background.end() or (
            match.start() <= background.start() < match.end()
        ):
            return True
    return False

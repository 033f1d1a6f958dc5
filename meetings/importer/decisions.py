"""Finding the decisions and actions recorded in an agenda item's text.

Each sentence is read clause by clause, as a MAG member reads it: who did
what, in which tense and mood, and whether the report hedges it.

- A **decision** is an outcome of the group: the MAG (its members as a whole,
  the meeting, its Chair) agreed, decided, approved, adopted, endorsed,
  supported a proposal, appointed, chose or established something; there was
  agreement or consensus; or something was stated as changed ("the order of
  the sessions was reversed", "are given an extension of the deadline").
  "It was agreed that the Secretariat would circulate ..." is a decision, even
  though it gives someone work.
- An **action** is a future task with an owner: "The Secretariat will update
  ...", "MAG members were asked to ...", "the host country is to ...", "A list
  ... will be provided", "volunteers agreed to work together and report".
- **Neither**: proposals and views ("Some members suggested that ... agreed
  upon"), questions ("asked whether"), notes and reports, disagreement or no
  agreement, what could or should happen, announcements of meetings, and a
  decision reported from an earlier year, an earlier meeting or another body
  ("the General Assembly decided", "had agreed", "as agreed last year").

Sentences are split with the abbreviations of the reports in mind ("e.g.",
"Mr.", "No. 3", "U.N.", "Sept. 30").
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from meetings.importer.dates import MONTH, month_number, parse_date_range
from meetings.importer.patterns import starting_pattern
from meetings.importer.report import ParsedDecision, ParsedReport

# --- Sentences ----------------------------------------------------------------------------------

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "h.e",
    "amb",
    "hon",
    "messrs",
    "mmes",
    "approx",
    "e.g",
    "i.e",
    "cf",
    "viz",
    "contd",
    "cont'd",
    "vs",
    "jr",
    "sr",
    "esp",
    "incl",
    "al",
    "ca",
    "a.k.a",
    "u.n",
    "u.s",
    "u.k",
    "e.u",
}
# Ends a sentence unless a number follows: "No. 3", "para. 12", "Sept. 30".
_BEFORE_NUMBER = {
    "no",
    "nos",
    "para",
    "paras",
    "art",
    "fig",
    "p",
    "pp",
    "vol",
    "rev",
    "sec",
    "ch",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
# These end a sentence when a capital follows ("..., etc. The Secretariat ...").
_SOMETIMES_FINAL = {"etc", "a.m", "p.m"}

# A sentence's end and the gap after it, up to the next sentence's first character. The pattern begins
# with the full stop itself (not a look-behind) so that the matcher skips to the next ".", "!" or "?".
_BOUNDARY = re.compile(r"[.!?](?P<gap>[\"'’”)\]]*\s+)(?=[\"'‘“(\[]*[A-Z0-9])")
_LAST_WORD = re.compile(r"([\w.'’]+)[.]\W*$")
# The last word is looked for in the last characters before a boundary only: searching the
# whole text before it again at every boundary made long paragraphs quadratic.
_TAIL = 80
_DOTTED_INITIALS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_POINT_LETTER = re.compile(r"[a-z]|[ivx]{2,4}")
_POINT_MARK = re.compile(r"^\(?(?:[a-z]|[ivx]{2,4}|\d{1,2})[.)]\s+(?=[A-Z])")
_POINT_BEFORE = re.compile(r"(?:^|[:;.!?]\s+)$")


def split_sentences(text: str) -> list[str]:
    """The sentences of a paragraph, keeping "Ms.", "e.g.", "No. 3", "U.N.", decimals and URLs whole;
    of an item's text, paragraph by paragraph (a lead-in ending with a colon is no part of the point
    in the paragraph after it)."""
    if "\n\n" in text:
        return [sentence for block in _BLANK_LINE.split(text) for sentence in _paragraph_sentences(block)]
    return _paragraph_sentences(text)


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def _paragraph_sentences(text: str) -> list[str]:
    text = " ".join(text.split())  # runs of whitespace as one space: str.split's whitespace is re's \s
    if not text:
        return []
    pieces = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        before = text[start : boundary.start("gap")]
        last_word = _LAST_WORD.search(before, max(0, len(before) - _TAIL))
        if last_word and last_word.start() == len(before) - _TAIL:
            last_word = _LAST_WORD.search(before)  # the word may begin before the tail
        raw = last_word.group(1) if last_word else ""
        word = raw.lower().replace("’", "'")
        following = text[boundary.end() : boundary.end() + 1]
        if word in _ABBREVIATIONS:
            continue
        if word in _BEFORE_NUMBER and following.isdigit():
            continue
        if word in _SOMETIMES_FINAL and not following.isupper():
            continue
        # A single capital ("Lynn St. Amour", "J. Smith") is an initial, not an end; "U.N." initials.
        if (len(raw) == 1 and "A" <= raw <= "Z") or _DOTTED_INITIALS.fullmatch(raw):
            continue
        # A list's letter at a point's start ("were agreed: a. The Secretariat ..."), not an end.
        letter_at = boundary.start() - len(raw)
        if _POINT_LETTER.fullmatch(raw):
            before_letter = _POINT_BEFORE.search(text, max(0, letter_at - 2), letter_at)
            if before_letter:
                if letter_at > start:
                    # "... were agreed: a. The Secretariat ...", "... the schedule. b. Session
                    # organisers ...": the point starts a sentence.
                    pieces.append(text[start:letter_at].strip())
                    start = letter_at
                continue
        pieces.append(before.strip())
        start = boundary.end()
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if piece]


# --- Words --------------------------------------------------------------------------------------

_ADVERBS = (
    r"(?:also|further|then|finally|formally|unanimously|generally|broadly|collectively|ultimately|"
    r"subsequently|eventually|therefore|thus|tentatively|provisionally|accordingly|again|now|"
    r"already|hereby|duly|jointly|together|kindly|officially|fully|largely|in\s+principle|"
    r"by\s+consensus|by\s+acclamation|after\s+(?:some\s+)?discussion)"
)
_ADV = rf"(?:\s+{_ADVERBS},?)*"

# The group whose outcome is a decision: the MAG, its members as a whole, the meeting, its Chair; "we"
# in a summary the MAG wrote in the first person plural ("We agreed that ...").
_GROUP = starting_pattern(
    r"\b(?:MAG|Multistakeholder\s+Advisory\s+Group|Advisory\s+Group|meeting|members|group|"
    r"everyone|everybody|all|chairs?|chair(?:wo)?man|chairperson|co-?chairs?|plenary|participants|body|we)\b",
    re.IGNORECASE,
)
# A part of the group, or a view not the group's.
_MINORITY = starting_pattern(
    r"\b(?:some|several|few|a\s+few|one|two|three|many|other|others|certain|individual|various|"
    r"a\s+number\s+of|a\s+couple\s+of|a\s+member|a\s+MAG\s+member|one\s+MAG\s+member|"
    r"a\s+(?:participant|speaker|delegate)|most|majority|minority|number\s+of|handful|"
    r"another|more\s+than\s+\w+|at\s+least|a\s+group\s+of)\b",
    re.IGNORECASE,
)
# Bodies other than the MAG whose decisions a report mentions as background.
_OTHER_BODY = starting_pattern(
    r"\b(?:General\s+Assembly|UNGA|CSTD|ECOSOC|Commission\s+on\s+Science|Economic\s+and\s+Social|"
    r"Secretary[-\s]General|UN\s*DESA|DESA|WSIS|WGIG|Human\s+Rights\s+Council|ITU|UNESCO|ICANN|"
    r"Working\s+Group\s+on\s+(?:IGF\s+)?Improvements|Tunis\s+Agenda|Council|Commission|Parliament|"
    r"previous\s+MAG|former\s+MAG|last\s+year's|(?:19|20)\d\d\s+MAG|outgoing\s+MAG|"
    r"NRIs?|national\s+and\s+regional\s+(?:IGF\s+)?initiatives?)\b",
    re.IGNORECASE,
)
# A decision told as past history: from an earlier year or meeting.
_EARLIER = starting_pattern(
    r"\b(?:had\s+(?:also\s+|already\s+|previously\s+)?(?:been\s+)?(?:agreed|decided|approved|adopted|"
    r"endorsed|resolved|chosen|selected|established|appointed|accepted)"
    r"|previously|earlier\s+(?:in\s+the|this)\s+year|last\s+year|(?:the\s+)?previous\s+(?:year|cycle|MAG)|"
    r"past\s+(?:year|cycle)|prior\s+year|"
    r"at\s+(?:its|their|the)\s+(?:last|previous|earlier|prior|past|first|second|third|\w+\s+(?:virtual|"
    r"face-to-face|open))\s+(?:MAG\s+)?(?:meeting|call|session|consultations?)|"
    r"(?:in|during|since)\s+(?:19|20)\d\d\b(?!\s+(?:IGF|cycle|programme|meeting))|"
    r"as\s+(?:was\s+|had\s+been\s+|previously\s+|already\s+)?(?:agreed|decided|approved|adopted|"
    r"endorsed|requested|foreseen|planned|discussed)(?!\s+(?:by\s+the\s+(?:MAG|meeting|group)|today|"
    r"(?:during|at)\s+(?:this|the)\s+(?:meeting|call)))|"
    r"as\s+per\s+(?:the\s+)?(?:decision|agreement)|in\s+line\s+with\s+(?:the|its)\s+(?:decision|agreement)|"
    r"(?:decision|agreement)\s+(?:taken|made|reached)\s+(?:at|in|during|by)\s+(?:the|its|last|previous)\s+"
    r"(?:last|previous|earlier)?)",
    re.IGNORECASE,
)

# Verbs that put what follows them in someone's mouth, not the group's decision.
_PROPOSING = starting_pattern(
    r"\b(?<!\bthe\s)(?<!\ba\s)(?<!\bas\s)(?<!\bits\s)(?<!\btheir\s)(?<!\bthis\s)(?<!\bthese\s)"
    r"(?:(?:suggested|suggesting|suggests?|proposed|proposing|proposes?|recommended|recommending|"
    r"recommends?)(?=\s+(?:that|to|the|a|an|this|these|its|their|some|whether|if|it|\w+ing|(?-i:[A-Z])|[\"'])|\s*[,:])|"
    r"advocated|urged|called\s+for|put\s+forward|floated|requested\s+that|"
    r"preferred|favou?red|wished|would\s+(?:like|prefer|welcome)|hoped|wanted|"
    r"argued|felt|believed|thought|considered\s+(?:that|whether|if|it)|was\s+of\s+the\s+view|"
    r"expressed\s+(?:the\s+|a\s+|their\s+|its\s+|some\s+)?(?:view|concern|concerns|hope|preference|"
    r"wish|interest|doubts?|reservations?|opinion|thanks|gratitude|appreciation)|"
    r"raised\s+(?:the\s+)?(?:question|issue|idea|possibility)|questioned|queried|wondered|"
    r"asked\s+(?:whether|if|about|how|why|what|when)|enquired|inquired|"
    r"noted|took\s+note|recalled|reminded\s+(?:\w+\s+){0,3}?that|"
    r"reported|informed|briefed|explained|stated|said|mentioned|highlighted|"
    r"emphasi[sz]ed|stressed|underlined|underscored|pointed\s+out|observed|remarked|indicated|"
    r"acknowledged|recogni[sz]ed\s+that|commented|discussed|debated|deliberated|"
    r"it\s+would\s+be\s+(?:useful|good|helpful|important|better|best|advisable)|"
    r"options?\s+(?:was|were|is|are|included)|the\s+idea\s+(?:was|is|of)|one\s+idea|"
    r"not\s+clear|unclear|uncertain|undecided|open\s+question|whether)\b",
    re.IGNORECASE,
)
# What the group did not decide.
_NEGATION = starting_pattern(
    r"\b(?:no(?!\s+(?:objections?|further\s+(?:comments|objections?)|opposition|dissent))|not|never|without(?!\s+(?:objection|opposition|dissent|changes?|amendments?|further|a\s+vote))|neither|nor|lack|absence|failed|unable|cannot|couldn't|didn't|wasn't|"
    r"weren't|hasn't|haven't|disagreed|disagreement|objected|opposed|rejected|declined|refused|"
    r"divided|split|differing|diverging|divergent|mixed|yet\s+to|pending|remains?\s+to\s+be|"
    r"still\s+to\s+be|was\s+deferred|were\s+deferred)\b",
    re.IGNORECASE,
)
# Modality that makes an outcome a possibility, a plan or an obligation, not a fact.
_MODAL = (
    r"(?:will|would|shall|should|could|can|(?-i:may)|might|must|to|needs?\s+to|has\s+to|have\s+to|"
    r"ought\s+to|is\s+expected\s+to|are\s+expected\s+to|is\s+likely\s+to|is\s+to|are\s+to)"
)

_OUTCOME_PARTICIPLE = (
    r"(?:agreed(?:\s+(?:upon|on))?|decided(?:\s+(?:upon|on))?|resolved|settled|approved|adopted|endorsed|"
    r"accepted|confirmed|ratified|validated|upheld|chosen|selected|appointed|elected|designated|named|"
    r"nominated|established|set\s+up|created|formed|constituted|reversed|changed|amended|modified|"
    r"extended|postponed|cancell?ed|dropped|removed|deleted|merged|combined|renamed|retitled|"
    r"moved|shifted|rescheduled|swapped|reduced|increased|expanded|shortened|lengthened|"
    r"allotted|allocated|granted|retained|kept|maintained|finali[sz]ed|fixed|replaced|"
    r"reinstated|restored|discontinued|abolished|waived|lifted|signed\s+off|green-?lighted|"
    r"given\s+(?:an?\s+)?(?:extension|more\s+time|additional\s+time|until|priority|precedence|preference|"
    r"(?:\w+\s+)?slots?|the\s+(?:go-ahead|mandate|task))|assigned(?=\s+(?:an?|the|to\s+(?:the|day|room))\b)|"
    r"set\s+(?:as|at|for|to)|determined)"
)
_PAST_OR_PRESENT_BE = r"(?:was|were|is|are|has\s+been|have\s+been|got|get)"
_PASSIVE_OUTCOME = starting_pattern(
    rf"\b(?P<be>{_PAST_OR_PRESENT_BE}){_ADV}\s+"
    # "It was suggested and agreed that ...", "The proposal was discussed and approved."
    r"(?:(?:suggested|proposed|discussed|presented|reviewed|considered|put\s+forward|tabled)\s+and\s+"
    r"(?:then\s+|subsequently\s+|finally\s+)?)?"
    rf"(?P<verb>{_OUTCOME_PARTICIPLE})\b",
    re.IGNORECASE,
)
# "The changes agreed upon are listed": what was agreed, named as such.
_AGREED_UPON = re.compile(r"\b(?:agreed|decided)\s+upon\b|\bagreed[-\s](?:changes|upon)\b", re.IGNORECASE)

_GROUP_VERB = (
    r"(?:agreed|decided|resolved|approved|adopted|endorsed|accepted|confirmed|ratified|"
    r"chose|selected|appointed|elected|designated|named|nominated|established|set\s+up|created|"
    r"supported|backed|welcomed\s+and\s+(?:endorsed|approved|adopted|accepted)|opted|voted|"
    r"concluded\s+that|concurred|settled\s+on|reached\s+(?:a\s+|an\s+)?(?:\w+\s+)?(?:consensus|agreement|decision)|"
    r"took\s+(?:the|a)\s+(?:\w+\s+)?decision|"
    r"(?:came|reached)\s+(?:to\s+)?(?:a\s+|an\s+|the\s+)?(?:\w+\s+)?(?:consensus|agreement|decision|conclusion)|"
    r"expressed\s+(?:its\s+|their\s+)?(?:\w+\s+)?support|gave\s+(?:its\s+|their\s+)?(?:\w+\s+)?"
    r"(?:support|approval|endorsement|consent|go-ahead|green\s+light)|"
    r"(?:was|were)\s+in\s+(?:(?:full|general|broad|complete|unanimous)\s+)?agreement|"
    r"agreed\s+upon|finali[sz]ed|extended|reversed|changed|merged|renamed|postponed|"
    r"cancell?ed|dropped|retained|kept|allocated|granted|reduced|increased)"
)
_ACTIVE_OUTCOME = starting_pattern(rf"(?P<verb>\b{_GROUP_VERB})\b", re.IGNORECASE)

# There was agreement, consensus, a decision.
_NOMINAL_OUTCOME = starting_pattern(
    r"\b(?:there\s+(?:was|is)|with|by|following|after|on\s+the\s+basis\s+of|based\s+on)\s+"
    r"(?:(?:a|an|the|also|general|broad|full|common|unanimous|overall|wide|widespread|strong|clear|"
    r"complete|firm|overwhelming|total|large|and|MAG|MAG's)\s+){0,4}"
    r"(?:agreement|consensus|support|approval|endorsement)\b"
    r"|\b(?:consensus|agreement|a\s+(?:consensus\s+)?decision|the\s+decision|decision)\s+"
    # "Agreement on the themes was reached": what it was on, between
    r"(?:(?:on|about|regarding|over|for)\s+[^,;.]{1,60}?\s+)?"
    rf"(?:was|has\s+been|were){_ADV}\s+(?:reached|taken|made|achieved|found|arrived\s+at|adopted)\b"
    r"|\bconsensus\s+(?:emerged|decision)\b"
    r"|\bit\s+was\s+(?:the\s+)?(?:\w+\s+)?(?:consensus|view\s+of\s+the\s+MAG|decision|agreement)\b"
    r"|\bthe\s+(?:\w+\s+)?(?:consensus|decision|agreement|outcome)\s+(?:of|among|within)\s+(?:the\s+)?"
    r"(?:MAG|meeting|members|group)\s+(?:was|is)\b"
    r"|\bthe\s+MAG(?:'s|’s)\s+(?:decision|agreement|consensus)\s+(?:was|is)\b"
    # "The decision was to merge ...", "The final decision was that ..."
    r"|^\W*the\s+(?:final\s+)?decision\s+(?:was|is)\s+(?:to|that)\b(?!\s+be\b)"
    r"|\b(?:decision|agreement|consensus)\s*:"
    r"|,\s*as\s+(?:was\s+)?(?:agreed|decided|approved)\s+(?:by\s+the\s+(?:MAG|meeting|group)|today|"
    r"(?:during|at)\s+(?:this|the)\s+(?:meeting|call))\b",
    re.IGNORECASE,
)
# Qualifiers that make "support" someone's, not the group's.
_WEAK_SUPPORT = starting_pattern(
    r"\b(?:some|limited|little|mixed|less|partial|varying|certain|also\s+some|a\s+degree\s+of)\s+"
    r"(?:\w+\s+)?(?:support|agreement)\b",
    re.IGNORECASE,
)

# --- Actions ------------------------------------------------------------------------------------

# Who may be given work: the Secretariat, the Chair, the MAG and its members, working groups,
# the host country, facilitators, volunteers, named people ("Mr. Masango", "Chengetai").
_AGENT_WORDS = starting_pattern(
    r"\b(?i:secretariat|chair\w*|co-?chairs?|co-?facilitators?|facilitators?|MAG|members?|"
    r"working\s+groups?|WGs?|task\s+force|sub-?group|host(?:\s+country|\s+government)?|government|"
    r"volunteers?|organi[sz]ers?|coordinators?|rapporteurs?|leads?|proponents?|teams?|"
    r"DESA|UNDESA|IGF\s+Secretariat|staff|office|NRIs?|coalitions?|BPFs?|best\s+practice\s+forums?|"
    r"dynamic\s+coalitions?|it|they|he|she|we|each|all|anyone|those|who|"
    r"(?:Mr|Ms|Mrs|Dr|Prof|H\.E)\.?\s+[A-Z][\w'’-]+)\b"
    r"|^(?!(?:The|This|That|These|Those|A|An|In|At|On|It|Its|Their|Some|Each|All|Any)\b)[A-Z][a-z]+\s+[A-Z][a-z]+\b"
)
# Not agents: events and things whose future is an announcement, not a task.
_NOT_AGENT = re.compile(
    r"^(?:the\s+)?(?:(?:next|following|upcoming|first|second|third|annual|\d{4}|IGF)\s+)*"
    r"(?:meeting|call|session|IGF|forum|consultations?|webinar|retreat|event|theme|programme|"
    r"program|agenda|deadline|call\s+for|process|format|schedule|website|report|document|"
    r"paper|survey|platform|list|it\s+is|this|that|there|which)\b",
    re.IGNORECASE,
)
_STRONG_AGENT = starting_pattern(
    r"\b(?:secretariat|chair\w*|co-?chairs?|facilitators?|working\s+groups?|host\s+country|members|"
    r"volunteers|organi[sz]ers|coordinators|(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+[A-Z])",
    re.IGNORECASE,
)
_TASK_VERB_BLOCKLIST = (
    r"(?:be|have\s+been|take\s+place|meet|convene(?!\s+(?:a|an|the)\b)|start|begin|end|close|continue\s+to\s+be|remain|last|run|"
    r"have|need|include|focus|feature|cover|consist|comprise|see|allow|enable|help|mean|"
    r"depend|require|serve\s+as\s+(?:a|an|the)\s+(?:basis|reference)|apply|happen|occur|come|"
    r"coincide|take(?!\s+(?:the\s+lead|charge|forward|up|on|over|responsibility|stock\s+of))|fall|be\s+held|also\s+be|not|continue|the|a|an|this|that|these|those|its|their|it|them|his|her|our|any|all|some|such|which|what|return|resume|revert|look(?!\s+into\b)|reconvene)"
)
_FUTURE = (
    r"(?:(?:will|shall)\s+(?:need|have)\s+to|will|shall|is\s+to|are\s+to|would|is\s+going\s+to|are\s+going\s+to|'ll|must|has\s+to|have\s+to|"
    r"needs?\s+to|is\s+expected\s+to|are\s+expected\s+to|undert(?:ook|akes?|aken)\s+to|committed\s+to|"
    r"commits?\s+to|agreed\s+to|agrees\s+to|offered\s+to|volunteered\s+to|"
    r"promised\s+to|pledged\s+to|took\s+it\s+upon\s+(?:itself|themselves|himself|herself)\s+to|"
    r"took\s+(?:on\s+)?the\s+(?:task|action|responsibility)\s+(?:to|of))"
)
# "The Secretariat will: circulate ...; inform ...": a colon before the listed tasks.
_FUTURE_ACTIVE = starting_pattern(
    rf"\b(?P<modal>{_FUTURE}):?(?:\s+(?:also|further|then|again|kindly|soon|shortly|jointly|together|"
    rf"now|each|both|all|continue\s+to|work\s+(?:together|with\s+\S+)\s+to|try\s+to|seek\s+to))*"
    rf"\s+(?!{_TASK_VERB_BLOCKLIST}\b)(?P<verb>[a-z]+)\b",
    re.IGNORECASE,
)
# "The working group will meet every two weeks and report back": the task after an event verb.
_COORDINATED_TASK = re.compile(
    r"\b(?P<modal>will|shall|is\s+to|are\s+to)\s+(?:\w+\s+){1,8}?and\s+(?:then\s+|also\s+)?"
    r"(?P<verb>report|send|share|circulate|prepare|present|submit|provide|draft|update|inform|propose)\b",
    re.IGNORECASE,
)
_INSTRUCTED = starting_pattern(
    rf"\b(?P<modal>should|are\s+requested\s+to|are\s+kindly\s+requested\s+to)\s+(?!{_TASK_VERB_BLOCKLIST}\b)"
    r"(?P<verb>[a-z]+)\b",
    re.IGNORECASE,
)
_DELIVERABLE = (
    r"(?:circulated|provided|shared|sent(?:\s+out)?|distributed|prepared|drafted|published|posted|uploaded|"
    r"made\s+available|compiled|updated|revised|finali[sz]ed|organi[sz]ed|scheduled|set\s+up|established|"
    r"created|developed|produced|submitted|resubmitted|collected|reviewed|analy[sz]ed|translated|"
    r"announced|communicated|forwarded|issued|launched|opened|extended|sought|contacted|invited|"
    r"informed|notified|consulted|followed\s+up|explored|assessed|evaluated|convened|formed|"
    r"appointed|selected|identified|arranged|incorporated|amended|integrated|"
    r"asked|requested|tasked|reminded|approached|reached\s+out\s+to|put\s+(?:forward|together|in\s+place)|"
    r"addressed|presented|reported|launched)"
)
_FUTURE_PASSIVE = re.compile(
    rf"\b(?P<modal>will|shall|should|is\s+to|are\s+to|would|must|needs?\s+to|has\s+to|have\s+to|to)"
    rf"(?:\s+(?:also|then|again|soon|shortly|now|further|subsequently))*\s+be"
    rf"(?:\s+(?:also|then|again|soon|shortly|promptly|quickly|duly|further|subsequently|formally))*"
    rf"\s+(?P<verb>{_DELIVERABLE})\b",
    re.IGNORECASE,
)
_TASKED_PASSIVE = starting_pattern(
    r"\b(?:was|were|is|are|has\s+been|have\s+been|will\s+be|would\s+be|shall\s+be|had\s+been|be)"
    r"(?:\s+(?:also|further|again|kindly|strongly|therefore|then|now|all))*\s+"
    r"(?:asked|requested|invited|tasked|mandated|encouraged|urged|reminded|called\s+(?:up)?on|"
    r"expected|charged|instructed|entrusted|assigned|sought|given\s+the\s+task|requested\s+once\s+again)"
    r"\s+(?:with\s+\w+ing|to:?\s+(?!be\s+(?:held|present)\b)\w+)",
    re.IGNORECASE,
)
_TASKING_ACTIVE = starting_pattern(
    r"\b(?P<verb>asked|requested|invited|tasked|mandated|encouraged|urged|reminded|called\s+(?:up)?on|"
    r"instructed|charged|entrusted|commissioned|requests|asks|invites|encourages|urges)\s+"
    r"(?P<owner>(?!whether|if|about|how|why|what|when|that|to\b|for\s+(?!volunteers))"
    r"(?:(?!\b(?:that|is|are|was|were|being|been|which|whether|if)\b)[^,;]){2,80}?)\s+"
    r"(?:to\s+\w+|with\s+\w+ing)\b"
    r"|\b(?:asked|called)\s+for\s+(?P<volunteers>volunteers)\b",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"^\s*(?:(?P<action>action(?:\s+(?:item|point))?s?|follow[-\s]?up|to\s+do|next\s+steps?)"
    r"|(?P<decision>decisions?|agreed|agreement|outcome|conclusions?|decided))\s*[:\-–—]\s*",
    re.IGNORECASE,
)
# "Secretariat to circulate the draft by 30 June": the minutes' shorthand for an action.
_SHORTHAND_OWNER = (
    r"(?i:the\s+|all\s+|each\s+)?(?:IGF\s+)?(?:Secretariat|Chair|MAG(?:\s+members)?|members|host\s+country|"
    r"working\s+group(?:\s+on(?:\s+(?!(?:is|are|was|were|will|shall|would|has|have|had)\b)[\w-]+){1,5})?"
    r"|co-?facilitators|volunteers|(?:Mr|Ms|Mrs|Dr)\.?\s+[A-Z][\w'’-]+)"
)
# "Secretariat and Chair to prepare ...": two owners, the first named the owner.
_SHORTHAND_ACTION = re.compile(
    rf"^\s*(?P<owner>{_SHORTHAND_OWNER})(?:\s+(?i:and)\s+{_SHORTHAND_OWNER})?\s+to\s+(?!be\b)[a-z]+\b",
)
# "Agreed to extend ...", "Approved the revised agenda.": a note of the group's outcome, its subject
# left out; not a participle before a noun ("Confirmed speakers are listed ...").
_NOTE_OUTCOME = re.compile(
    r"^\W*(?:agreed|decided|approved|endorsed|adopted|resolved)"
    r"(?=\s+(?:to|that|on|upon\s+the|the|a|an|its|their|this|these|with|by\s+consensus)\b|\s*[,:])",
    re.IGNORECASE,
)

# Clauses: a sentence's main clause is read apart from its background ("Although ..., ").
_CLAUSE_BREAK = starting_pattern(
    r"\s*;\s*|\s*:\s+(?=(?-i:[A-Z]))|,?\s+(?:but|however|whereas|while|whilst|although|though)\s+(?=\S)|,\s+yet\s+"
    r"|,\s+(?:and\s+)?(?=(?:it\s+was|the\s+MAG\b|MAG\s+members|there\s+was|the\s+meeting\b))",
    re.IGNORECASE,
)
_SUBORDINATE_START = re.compile(
    r"^(?:although|though|while|whilst|whereas|given(?:\s+that)?|since|as|because|after|following|once|"
    r"when|if|unless|until|despite|in\s+light\s+of|in\s+view\s+of|recalling|noting|considering|"
    r"in\s+(?:19|20)\d\d|last\s+year|previously)\b[^,]*,\s*",
    re.IGNORECASE,
)


# Words without which a sentence records neither an outcome nor a task, by their beginnings:
# checked first, so that the rest of the reading is spent on the sentences that may.
_DECISION_STEMS = (
    "agree", "decid", "decision", "resolv", "approv", "adopt", "endors", "accept", "confirm", "ratif",
    "validat", "upheld", "chos", "select", "appoint", "elect", "design", "named", "nominat", "establish",
    "set", "creat", "form", "constitut", "revers", "chang", "amend", "modif", "extend", "postpon",
    "cancel", "drop", "remov", "delet", "merg", "combin", "renam", "retitl", "mov", "shift", "reschedul",
    "swap", "reduc", "increas", "expand", "shorten", "lengthen", "allot", "allocat", "grant", "retain",
    "kept", "maintain", "finali", "fix", "replac", "reinstat", "restor", "discontinu", "abolish", "waiv",
    "lift", "sign", "green", "given", "assign", "determin", "settl", "support", "back", "welcom", "opt",
    "vot", "conclu", "concur", "reach", "came", "consensus", "outcome", "took",
)  # fmt: skip
_ACTION_STEMS = (
    "will", "shall", "would", "must", "need", "expect", "undert", "commit", "agree", "offer", "volunteer",
    "promis", "pledg", "took", "ask", "request", "invit", "task", "mandat", "encourag", "urg", "remind",
    "call", "instruct", "charg", "entrust", "commission", "assign", "given", "should", "action", "follow",
    "sought",
    "next", "'ll",
)  # fmt: skip


# A word of the lowered sentence (a run of letters and apostrophes) that begins with one of the stems:
# one search, where a set of its words tried stem by stem took a tenth of the recogniser's time. The
# stems are letters and apostrophes only, so one not preceded by either begins such a run. Not
# starting_pattern: the look-behind, which fails at once inside a word, is the quicker guard here.
_DECISION_WORD = re.compile(r"(?<![a-z'])(?:" + "|".join(map(re.escape, _DECISION_STEMS)) + ")")
# A contraction joined to its subject is a task's word too: "Members'll send ...".
_ACTION_WORD = re.compile(r"(?<![a-z'])(?:" + "|".join(map(re.escape, _ACTION_STEMS)) + r")|'ll\b")
# "The host country is to confirm", "Secretariat to circulate": tasks without any of those words.
_TO_TASK = re.compile(r"\b(?:is|are|has|have|needs?)\s+to\b|^\W*(?:the\s+)?[\w.-]+(?:\s+[\w.-]+){0,6}\s+to\s")


def _may_record(sentence: str) -> tuple[bool, bool]:
    """Whether ``sentence`` has a word without which it records no outcome, and one without which it
    gives no task: checked first, word by word, so that the reading is spent on the few that may."""
    lowered = sentence.lower()
    may_decide = bool(_DECISION_WORD.search(lowered))
    may_task = bool(_ACTION_WORD.search(lowered)) or (" to " in lowered and bool(_TO_TASK.search(lowered)))
    return may_decide, may_task


@dataclass(frozen=True)
class Reading:
    """What a sentence records: its kind ("decision", "action" or None), an action's owner and due."""

    kind: str | None
    owner: str = ""
    due: str = ""  # the due date as written: "30 June", "the next meeting"


NEITHER = Reading(kind=None)


def classify_sentence(sentence: str) -> str | None:
    """ "decision", "action" or None for one sentence."""
    return read_sentence(sentence).kind


def read_sentence(sentence: str) -> Reading:
    """What one sentence records, read clause by clause."""
    sentence = _POINT_MARK.sub("", _normalise(sentence))  # "b. MAG members will ...": read without "b."
    label = _LABEL.match(sentence)
    if label:
        body = sentence[label.end() :]
        if label.group("decision"):
            return Reading(kind="decision")
        return Reading(kind="action", owner=_owner_of_action(body), due=find_due(body))
    may_decide, may_task = _may_record(sentence)
    if not (may_decide or may_task):
        return NEITHER  # most sentences: no word that could record an outcome or a task
    if may_decide and _NOTE_OUTCOME.match(sentence):
        return Reading(kind="decision")
    clauses = _clauses(sentence)
    if may_decide:
        for clause, background in clauses:
            if not background and _is_decision(clause):
                return Reading(kind="decision")
    if not may_task:
        return NEITHER
    for clause, background in clauses:
        owner = _action_owner(clause, sentence=sentence, background=background)
        if owner is not None:
            due = find_due(sentence)
            if not (owner and due):
                listed_owner, listed_due = _bracketed_owner_and_due(sentence)
                owner, due = owner or listed_owner, due or listed_due
            return Reading(kind="action", owner=owner, due=due)
    return NEITHER


def classify_sentences(text: str) -> list[ParsedDecision]:
    """Every sentence of ``text`` that records a decision or an action, in order."""
    found = []
    for sentence in split_sentences(text):
        reading = read_sentence(sentence)
        if reading.kind:
            found.append(
                ParsedDecision(kind=reading.kind, text=sentence, owner=reading.owner, due=reading.due)
            )
    return found


_LISTED_DETAILS = re.compile(r"\((?P<details>[^()]*:[^()]*)\)\s*$")
# The labels a list point or a table of actions gives an action's owner and its due date under
# ("Owner: Secretariat", a "Deadline" column); interpret.py reads the tables' columns by them too.
OWNER_LABELS = (
    r"owners?|responsib(?:le|ility)(?:\s+part(?:y|ies))?|lead(?:\s+by)?|who|by\s+whom|assigned\s+to"
    r"|focal\s+points?|person\s+responsible"
)
DUE_LABELS = r"deadlines?|due(?:\s+date)?|by\s+when|when|timelines?|time\s*frame|target\s+date|date"
_OWNER_LABEL = re.compile(rf"^(?:{OWNER_LABELS})$", re.IGNORECASE)
_DUE_LABEL = re.compile(rf"^(?:{DUE_LABELS})$", re.IGNORECASE)
# A note-form point: "Secretariat to circulate the template by 15 August".
_NOTE_OWNER = re.compile(r"^(?P<owner>[A-Z][^,;:()]{0,80}?)\s+to\s+[a-z]")


# "(Secretariat, 1 June)", "(Chair; by 10 May)": who and when in brackets, without labels.
_BRACKETED = re.compile(r"\((?P<details>[^():]{2,80})\)[\s.;]*$")


def _bracketed_owner_and_due(text: str) -> tuple[str, str]:
    """The owner and due date in brackets at the end of ``text``, when every part of them is one of
    the two (anything else, "(see the annex, page 3)", is not read as either)."""
    found = _BRACKETED.search(text)
    if not found:
        return "", ""
    owner = due = ""
    for part in re.split(r"[,;]", found.group("details")):
        part = part.strip()
        when = find_due(part) or (part if _is_date(part) else "")
        if when and not due:
            due = when
        elif (
            not owner
            and len(part.split()) <= 5
            and _AGENT_WORDS.search(part)
            and not _PRONOUN.fullmatch(part)
        ):
            owner = _owner_name(part)
        else:
            return "", ""
    return owner, due


_PRONOUN = re.compile(r"it|they|he|she|we|each|all|anyone|those|who", re.IGNORECASE)


def read_listed_point(text: str) -> Reading:
    """An action's owner and due date from a point of an "Action items" list or a row of a table of
    actions, which need not be a sentence: "Secretariat to circulate the template by 15 August",
    "Circulate the call (Owner: Secretariat; Deadline: 22 February)". The kind is the list's."""
    owner = due = ""
    details = _LISTED_DETAILS.search(text)
    if details:
        for part in details.group("details").split(";"):
            label, _colon, value = part.partition(":")
            if _OWNER_LABEL.match(label.strip()) and not owner:
                owner = _owner_name(value)
            elif _DUE_LABEL.match(label.strip()) and not due:
                due = value.strip().rstrip(".")
        text = text[: details.start()]
    else:
        owner, due = _bracketed_owner_and_due(text)
    if not owner:
        note = _NOTE_OWNER.match(_normalise(text).strip())
        # Someone who can do things, not a verb: "Circulate the call to all" names no owner.
        if note and _AGENT_WORDS.search(note.group("owner")):
            owner = _owner_name(note.group("owner"))
    return Reading(kind=None, owner=owner, due=due or find_due(text))


def apply_staff_kinds(report: ParsedReport, kinds: dict[tuple[int, int], str]) -> None:
    """Make the sentences the Secretariat set in the import preview what it says.

    ``kinds`` maps (item position, sentence index) to "decision", "action" or "neither". A kind
    that differs from what the import recorded for the sentence is staff work
    (``found_by="staff"``); "neither" for a sentence the import recorded as a decision or action is
    kept as the item's ``not_decisions``. A sentence left as recorded stays as it is: a summary
    point the import counted once, in the body, is not counted again.
    """
    meeting = report.meeting
    for item in report.items:
        chosen = {index: kind for (position, index), kind in kinds.items() if position == item.position}
        if not chosen:
            continue
        found = {decision.text: decision for decision in item.decisions}
        decisions = []
        for index, (sentence, reading) in enumerate(read_paragraph(item.text)):
            current = found.pop(sentence, None)
            recorded = current.kind if current is not None else "neither"
            kind = chosen.get(index, recorded)
            if kind == recorded:
                if current is not None:
                    decisions.append(current)
                continue
            if kind == "neither":
                if sentence not in item.not_decisions:
                    item.not_decisions.append(sentence)
                continue
            action = kind == "action"
            due = reading.due if action else ""
            decisions.append(
                ParsedDecision(
                    kind=kind,
                    text=sentence,
                    owner=reading.owner if action else "",
                    due=due,
                    due_date=due_date(
                        due,
                        meeting_date=meeting.date,
                        year=meeting.cycle_year,
                        next_meeting=meeting.next_meeting,
                    ),
                    found_by="staff",
                )
            )
        # What the import read from no single sentence (a decision with its listed points) stays.
        item.decisions = decisions + list(found.values())


def read_paragraph(text: str) -> list[tuple[str, Reading]]:
    """Every sentence of ``text`` with what it records (for the Secretariat to confirm)."""
    return [(sentence, read_sentence(sentence)) for sentence in split_sentences(text)]


def _normalise(sentence: str) -> str:
    return " ".join(sentence.replace("’", "'").replace("‘", "'").split())


def _clauses(sentence: str) -> list[tuple[str, bool]]:
    """(clause, is background) pairs: a leading "Although ...," or "As agreed last year," is background."""
    clauses = []
    for part in _CLAUSE_BREAK.split(sentence):
        if not part:
            continue
        lead = _SUBORDINATE_START.match(part)
        if lead:
            clauses.append((part[: lead.end()], True))
            part = part[lead.end() :]
        if part.strip():
            clauses.append((part, False))
    return clauses


def _is_decision(clause: str) -> bool:
    for match in _decision_cues(clause):
        before = clause[: match.start()]
        # Told as history ("In 2015 the MAG decided", "had agreed") or another body's ("the CSTD adopted").
        if _EARLIER.search(clause[: match.end()]) or _HAD_BEFORE.search(before[-40:]):
            continue
        if _OTHER_BODY.search(before) or _OTHER_BODY.search(_by_whom(clause[match.end() :])):
            continue
        if _BECAUSE.search(before):
            continue  # "... given the MAG decided not to ...": a reason, told in passing
        if (
            _PROPOSING.search(before)
            and not _own_predicate(match, before)
            and not _found_by_group(match, before)
        ) or _MODAL_BEFORE.search(before[-60:]):
            continue
        window = clause[max(0, match.start() - 40) : match.end()]
        if _NEGATION.search(window) or _WEAK_SUPPORT.search(
            clause[max(0, match.start() - 40) : match.end() + 25]
        ):
            continue
        if match.re is _ACTIVE_OUTCOME and _subject_is_minority(clause, match):
            continue
        if re.match(
            r"[^,;]{0,30}\bamong\s+(?:some|several|a\s+few|few|a\s+number|certain|many|a\s+group)\b",
            clause[match.end() :],
            re.IGNORECASE,
        ):
            continue
        agent = _by_whom(clause[match.end() :])
        if match.re is _PASSIVE_OUTCOME and _MINORITY.search(agent) and _PEOPLE.search(agent):
            continue
        return True
    return False


_AND_BEFORE = re.compile(rf"\band{_ADV}\s+$", re.IGNORECASE)


def _own_predicate(match: re.Match, before: str) -> bool:
    """ "The MAG discussed the proposal and agreed to ...": the group's verb after "and" is its own,
    not part of what was discussed or proposed, unless that was reported ("noted that ... and")."""
    return (
        match.re is _ACTIVE_OUTCOME
        and bool(_AND_BEFORE.search(before))
        and not re.search(r"\b(?:that|whether|if)\b", before, re.IGNORECASE)
    )


_FOUND_THAT = re.compile(
    r"\b(?P<verb>noted|said|stated|observed|summari[sz]ed|concluded|confirmed)\s+that\s+$", re.IGNORECASE
)


def _found_by_group(match: re.Match, before: str) -> bool:
    """ "The Chairman noted that there was consensus on ...": the group's outcome, found by it or
    its chair, not a view reported (unless a part of the group found it: "Some members noted")."""
    if match.re is not _NOMINAL_OUTCOME or not match.group(0).lower().startswith("there"):
        return False
    found = _FOUND_THAT.search(before)
    if not found:
        return False
    subject = before[: found.start()]
    return bool(_GROUP.search(subject)) and not _MINORITY.search(subject)


_BECAUSE = starting_pattern(
    r"\b(?:given|since|because|as|once)\s+(?:that\s+)?(?:the\s+)?(?:[\w-]+\s+){0,3}$", re.IGNORECASE
)
_MODAL_BEFORE = starting_pattern(
    rf"\b{_MODAL}\s+(?:(?:not|also|then|first|be|have\s+been|\w+ly)\s+)*$", re.IGNORECASE
)


def _decision_cues(clause: str):
    """The places in ``clause`` that may record an outcome, each read further by ``_is_decision``.

    Each pattern is tried only when a word it needs is in the clause: most clauses have none.
    """
    lowered = clause.lower()
    if _has(lowered, _NOMINAL_WORDS):
        yield from _NOMINAL_OUTCOME.finditer(clause)
    if "upon" in lowered or "agreed-" in lowered or "agreed " in lowered:
        yield from _AGREED_UPON.finditer(clause)
    for match in _PASSIVE_OUTCOME.finditer(clause):
        # "It was agreed" and "the proposal was adopted" are outcomes; a passive after a modal
        # ("should be agreed") is caught by the modal check, one in a question by the proposing one.
        if _RELATIVE_END.search(clause, max(0, match.start() - 10), match.start()) and match.group(
            "verb"
        ).lower().startswith("agreed"):
            continue
        yield match
    if not _GROUP.search(clause):
        return
    for match in _ACTIVE_OUTCOME.finditer(clause):
        if _DETERMINER_BEFORE.search(clause, max(0, match.start() - 8), match.start()):
            continue  # "comments on the merged proposals": a participle describing a thing
        # "The MAG agreed to hold a call": the group agreeing is a decision, whatever it agreed to.
        subject = _subject_before(clause, match.start()) or _clause_subject(clause)
        if subject and _GROUP.search(subject):
            yield match


_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|this|these|those|our|any)\s+$", re.IGNORECASE)


def _has(lowered: str, words: tuple[str, ...]) -> bool:
    return any(map(lowered.__contains__, words))


_NOMINAL_WORDS = (
    "agreement", "consensus", "support", "approval", "endorsement", "decision", "outcome", "as agreed",
    "as decided", "as approved",
)  # fmt: skip
_RELATIVE_END = re.compile(r"\b(?:who|which|that)\s*$", re.IGNORECASE)
_TASKING_WORDS = (
    "ask", "request", "invit", "task", "mandat", "encourag", "urge", "remind", "call", "instruct",
    "charge", "entrust", "commission", "expected", "assign", "given the task", "sought",
)  # fmt: skip
_FUTURE_WORDS = (
    "will", "shall", " is to", " are to", "would", "going to", "'ll", "must", "has to", "have to", "need",
    "expected",
    "undert", "commit", "agree", "offer", "volunteer", "promis", "pledg", "took", "should", "request",
)  # fmt: skip


_HAD_BEFORE = re.compile(r"\bhad\s+(?:\w+ly\s+|also\s+)?$", re.IGNORECASE)
_TRAILING_ADVERBS = starting_pattern(rf"(?:\s+{_ADVERBS},?)+\s*$", re.IGNORECASE)
_SUBJECT_START = starting_pattern(r"[,(]\s*|\b(?:that|and|whether|if|when|where)\s+", re.IGNORECASE)


def _subject_before(clause: str, end: int) -> str:
    """The words before a verb back to the start of its clause or a comma: its subject, roughly."""
    before = clause[:end]
    separators = list(_SUBJECT_START.finditer(before))
    subject = before[separators[-1].end() :] if separators else before
    trailing = _TRAILING_ADVERBS.search(" " + subject, max(0, len(subject) - 80))
    if trailing:
        subject = (" " + subject)[: trailing.start()]
    subject = subject.strip()
    return subject


def _clause_subject(clause: str) -> str:
    """The first words of a clause, its subject when a verb after "and" has none of its own."""
    return " ".join(clause.split()[:6])


def _subject_is_minority(clause: str, match: re.Match) -> bool:
    subject = _subject_before(clause, match.start()) or _clause_subject(clause)
    # "The MAG, after some discussion, decided": the "some" of an adverb is no part of the MAG.
    subject = re.sub(rf"\b{_ADVERBS}\b", " ", subject, flags=re.IGNORECASE)
    if _MINORITY.search(subject):
        return True
    # "Members who ..." or "those members who" still a part.
    return bool(re.search(r"\b(?:those|members\s+who|people\s+who)\b", subject, re.IGNORECASE))


# --- Actions ------------------------------------------------------------------------------------

_ACTION_HEDGE = starting_pattern(
    r"\b(?<!\bthe\s)(?<!\ba\s)(?<!\bas\s)(?<!\bits\s)"
    r"(?:(?:suggested|suggesting|proposed|proposing|recommended|recommending)"
    r"(?=\s+(?:that|to|the|a|an|this|these|its|their|some|whether|if|it|\w+ing)|\s*[,:])|wondered|questioned|"
    r"asked\s+(?:whether|if|about|how|why|what|when)|whether|if|unless|could|might|(?-i:may)|"
    r"would\s+(?:like|prefer|welcome|be\s+(?:useful|good|helpful|important|better|best|advisable))|"
    r"hoped|felt|believed|argued|preferred|considered\s+(?:that|whether|if)|"
    r"it\s+was\s+not\s+clear|options?|idea|possibly|perhaps|ideally)\b",
    re.IGNORECASE,
)
_REPORTING = starting_pattern(
    r"\b(?:said|stated|informed|confirmed|indicated|explained|noted|announced|agreed|undertook|offered|"
    r"promised|committed|added|assured|reported|mentioned|clarified|advised|replied|responded|"
    r"stressed|emphasi[sz]ed|highlighted|told)\b",
    re.IGNORECASE,
)


def _action_owner(clause: str, *, sentence: str, background: bool) -> str | None:
    """The owner of the task ``clause`` gives ("" when unnamed), or None when it gives none."""
    if background:
        return None
    shorthand = _SHORTHAND_ACTION.match(clause)
    if shorthand:
        return _owner_name(shorthand.group("owner"))
    for read in (_asked_by_someone, _asked_passive, _future_passive, _future_active):
        owner = read(clause, sentence)
        if owner is not None:
            return owner
    return None


def _asked_by_someone(clause: str, sentence: str) -> str | None:
    """ "The Chair asked MAG members to review ...": the one asked."""
    tasked = _TASKING_ACTIVE.search(clause) if _has(clause.lower(), _TASKING_WORDS) else None
    if not tasked or _hedged_action(clause[: tasked.start()]):
        return None
    if tasked.group("volunteers"):
        return "Volunteers"
    requester = _subject_before(clause, tasked.start())
    if _MINORITY.search(requester) or _OTHER_BODY.search(requester):
        return None
    return _owner_name(tasked.group("owner"))


def _asked_passive(clause: str, sentence: str) -> str | None:
    """ "MAG members were asked to ...": the subject."""
    passive = _TASKED_PASSIVE.search(clause) if _has(clause.lower(), _TASKING_WORDS) else None
    if not passive or _hedged_action(clause[: passive.start()]):
        return None
    return _owner_name(_owner_subject(clause, passive.start()))


_PASSIVE_AGENT = re.compile(
    r"\bby\s+(?!the\s+end\b|the\s+next\b|mid|\d|end\b"
    # the means, not who: "by e-mail", "by phone", "by consensus"
    r"|(?:e-?mail|email|mail|post|phone|telephone|videoconference|teleconference|zoom|webex|skype|consensus"
    r"|acclamation|silence\s+procedure|written\s+procedure|doodle)\b)((?:the\s+)?(?:(?:Mr|Ms|Mrs|Dr|Prof)\.\s+)?[^,;.]{2,60}?)"
    r"(?=\s+(?:by|before|on|in|at|no|until|after|within|to|and|for)\b|[,;.]|$)",
    re.IGNORECASE,
)


def _future_passive(clause: str, sentence: str) -> str | None:
    """ "A list ... will be provided (by the Secretariat)": the agent after "by", else unnamed."""
    futures = _FUTURE_PASSIVE.finditer(clause) if " be " in clause.lower() else ()
    # "A paper on how the work will be organised will be circulated": the task is the main clause's.
    future = next((match for match in futures if not _EMBEDDED.search(clause, 0, match.start())), None)
    if not future or _hedged_action(clause[: future.start()]):
        return None
    before = clause[: future.start()]
    modal = future.group("modal").lower()
    if modal == "should" and not find_due(clause):
        return None  # "should be published" is a view; "should be sent by 30 June", an instruction
    if modal == "would" and not _REPORTING.search(before):
        return None  # "would be circulated" outside reported speech is a condition, not a task
    if modal == "to" and not re.search(r"\b(?:is|are|was|were|has|have|need|needs|still)\s*$", before):
        return None
    if _EARLIER.search(_subject_before(clause, future.start())):
        return None
    agent = _PASSIVE_AGENT.search(clause, future.end())
    return _owner_name(agent.group(1)) if agent and not _is_date(agent.group(1)) else ""


_PERFECT_BEFORE = re.compile(r"\b(?:had|have|has)\s+$", re.IGNORECASE)
# "The Secretariat has undertaken to circulate ...": a task given now; "had undertaken", history.
_PRESENT_PERFECT_TASK = re.compile(r"^undertaken\s+to$", re.IGNORECASE)
# A task's verb inside a clause that names what was discussed or explained, not a task: "the
# languages in which it will be published", "how the NRIs will be involved".
_EMBEDDED = re.compile(
    r"\b(?:how|where|why|whom|(?:in|on|by|through|at|for|with|under|from)\s+which)"
    r"\s+(?:(?!(?:will|would|shall|should|be|is|are|was|were)\b)[\w'’.-]+\s+){0,5}$",
    re.IGNORECASE,
)


def _future_active(clause: str, sentence: str) -> str | None:
    """ "The Secretariat will update ...", "Ms. Okafor agreed to draft ...": the subject."""
    if not _has(clause.lower(), _FUTURE_WORDS):
        return None
    # "Ms. Okafor, who chairs the group, will draft ...": the subject is before the aside; and
    # "The Secretariat will, in consultation with the host country, prepare ...": the verb after it.
    clause = _ASIDE.sub("", clause)
    if "," in clause:
        clause = _MODAL_ASIDE.sub(r"\g<modal> ", clause)
    matches = list(_FUTURE_ACTIVE.finditer(clause))
    if "and" in clause.lower():  # what _COORDINATED_TASK cannot match without (and costly to try)
        matches += _COORDINATED_TASK.finditer(clause)
    instructed = list(_INSTRUCTED.finditer(clause))
    if instructed and find_due(clause):
        # "Members should send their scores by 28 June": an instruction with a date is a task.
        matches += instructed
    matches.sort(key=lambda match: match.start())
    for match in matches:
        before = clause[: match.start()]
        if _EMBEDDED.search(before):
            continue
        subject = _subject_before(clause, match.start())
        if not _AGENT_WORDS.search(subject):
            # "Volunteers to organize the session and other activities agreed to ...": the subject
            # reaches back past the "and" inside it.
            subject = _owner_subject(clause, match.start())
        modal = match.group("modal").lower()
        perfect = _PERFECT_BEFORE.search(before[-12:])
        if perfect and _PRESENT_PERFECT_TASK.match(match.group("modal")) and perfect.group(0)[:3] != "had":
            perfect = None
        if not subject or _hedged_action(before) or perfect:
            continue
        if not _AGENT_WORDS.search(subject) or (
            _NOT_AGENT.search(subject) and not _STRONG_AGENT.search(subject)
        ):
            continue
        if modal == "would" and not (_REPORTING.search(before) or _STRONG_AGENT.search(subject)):
            continue
        if modal.startswith("agree") and _GROUP.search(subject) and not _MINORITY.search(subject):
            continue  # the group agreeing is a decision, read before
        if _MINORITY.search(subject) and not modal.startswith(("volunteer", "offer", "agree")):
            continue
        if re.fullmatch(r"(?:it|they|he|she|we)", subject.strip(), re.IGNORECASE):
            return _owner_name(_main_subject(sentence))
        owner = _owner_subject(clause, match.start())
        if _after_another_task(clause, owner, match, matches):
            # "The MAG agreed to hold a call and the Secretariat will circulate ...": the second
            # task's owner starts after the "and" that ends the first.
            owner = subject
        # "They said they would circulate ...": the one who said so (no one, for a pronoun).
        reported = _REPORTED_PRONOUN.match(owner.strip())
        if not reported and _POSSESSIVE.match(owner.strip()) and _main_subject(sentence):
            # "Mr. Silva said that his government would host ...": the one who said so.
            return _owner_name(_main_subject(sentence))
        return _owner_name(reported.group("who") if reported else owner)
    return None


_POSSESSIVE = re.compile(r"^(?:his|her|their|its|our)\s", re.IGNORECASE)


def _after_another_task(clause: str, owner: str, match: re.Match, matches: list[re.Match]) -> bool:
    """Whether the words of ``owner`` reach back over another task's verb."""
    owner_start = clause.rfind(owner, 0, match.start())
    return any(owner_start <= other.start() < match.start() for other in matches if other is not match)


_ASIDE = re.compile(r",\s*(?:who|which|whose)\b[^,;]{1,80},")
_MODAL_ASIDE = re.compile(r"\b(?P<modal>will|shall|would|is\s+to|are\s+to)\s*,[^,;]{1,80},\s*", re.IGNORECASE)
_REPORTED_PRONOUN = re.compile(
    r"^(?P<who>.+?)\s+(?:said|stated|confirmed|indicated|explained|noted|announced|added|assured|"
    r"reported|clarified|advised)\s+(?:that\s+)?(?:it|they|he|she|we)$",
    re.IGNORECASE,
)


_PEOPLE = starting_pattern(
    r"\b(?:members?|participants?|speakers?|delegat\w+|those|others|stakeholders)\b", re.IGNORECASE
)


def _by_whom(after: str) -> str:
    """The agent of a passive: "... was adopted by several members" → "several members"."""
    match = re.match(r"\s+by\s+([^,;]{1,60})", after)
    return match.group(1) if match else ""


# "Members who would like to join ...": who the owner is, not a hedge on the task.
_INTERESTED = re.compile(
    r"\b(?:who|that)\s+(?:would\s+like|wish(?:es)?|want|are\s+interested)\b", re.IGNORECASE
)


_RELATIVE = re.compile(r"\s+(?:that|who|which|whose)\s+", re.IGNORECASE)


def _owner_subject(clause: str, end: int) -> str:
    """Who a task's verb at ``end`` has as its subject, without a relative clause: "Proponents of
    workshops that were not accepted will be asked" → "Proponents of workshops"."""
    segment = re.split(r"[,;(]", clause[:end])[-1]
    parts = _RELATIVE.split(segment, maxsplit=1)
    if (
        len(parts) == 2
        and _REPORTING.search(parts[0])
        or re.search(r"\b(?:told|informed|assured)\b", parts[0])
    ):
        return parts[-1]  # "The Secretariat informed the MAG that it would ...": what it said
    return parts[0]


def _hedged_action(before: str) -> bool:
    return bool(_ACTION_HEDGE.search(_INTERESTED.sub("who", before)))


def _main_subject(sentence: str) -> str:
    match = re.match(
        r"^(.{2,80}?)\s+(?:said|stated|informed|confirmed|indicated|explained|noted|announced|"
        r"agreed|undertook|offered|promised|committed|added|assured|reported|clarified|advised|told)\b",
        sentence,
    )
    return match.group(1) if match else ""


_OWNER_TAIL = re.compile(
    r"\s+(?:to\s+[a-z]+|who|which|that|aimed|working\s+(?:on|with)|leading|interested|responsible|in\s+charge)\b"
)
_OWNER_CANON = [
    (re.compile(r"\bsecretariat\b", re.IGNORECASE), "Secretariat"),
    (re.compile(r"\bhost\s+(?:country|government)\b|\bhost\b", re.IGNORECASE), "Host country"),
    # The MAG's co-chairs; a working group's ("WG co-chairs", "co-chairs of the BPF") are named as written.
    (
        re.compile(r"^(?:the\s+)?(?:MAG\s+|IGF\s+)?co-?chairs?(?:\s+of\s+the\s+MAG)?$", re.IGNORECASE),
        "Co-chairs",
    ),
    (re.compile(r"^(?:the\s+)?(?:MAG\s+)?(?:chair\w*|chairman|chairperson)\b", re.IGNORECASE), "Chair"),
    (re.compile(r"^(?:the\s+)?(?:MAG|Multistakeholder Advisory Group)$", re.IGNORECASE), "MAG"),
    (
        re.compile(
            r"^(?:all\s+|each\s+|the\s+|those\s+|interested\s+|individual\s+)?(?:MAG\s+)?members?"
            r"(?:\s+of\s+the\s+MAG)?$|^(?:each|all|every)\s+MAG\s+members?$",
            re.IGNORECASE,
        ),
        "MAG members",
    ),
]


def _owner_name(phrase: str) -> str:
    """The owner as the report names it, in the tracker's few words: "Secretariat", "MAG members"."""
    phrase = _normalise(phrase).strip(" ,.;:'\"")
    phrase = re.sub(
        r"^(?:and|then|also|in\s+addition|moreover|furthermore|finally|as\s+a\s+result)\s+",
        "",
        phrase,
        flags=re.IGNORECASE,
    )
    phrase = re.sub(r"^(?:that|who|which|for)\s+", "", phrase, flags=re.IGNORECASE)
    # The owner's head without what describes it: "MAG volunteers to organize ..." → "MAG volunteers".
    phrase = _OWNER_TAIL.split(phrase, maxsplit=1)[0]
    # "Several members then agreed to ...": an adverb before the verb is no part of who.
    phrase = _TRAILING_ADVERBS.sub("", phrase)
    for pattern, name in _OWNER_CANON:
        if pattern.search(phrase):
            return name
    phrase = re.sub(r"^the\s+", "", phrase, flags=re.IGNORECASE)
    if not phrase or phrase.lower() in {"it", "they", "he", "she", "we", "there", "this"}:
        return ""
    return (phrase[0].upper() + phrase[1:])[:200]


def _owner_of_action(body: str) -> str:
    reading = _action_owner(body, sentence=body, background=False)
    if not reading:
        # "Action: BPF co-facilitators to share ...": the note names whoever comes before "to".
        note = _NOTE_OWNER.match(body.strip())
        if note and _AGENT_WORDS.search(note.group("owner")):
            return _owner_name(note.group("owner"))
    return reading or ""


# --- Due dates ----------------------------------------------------------------------------------

_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DATE = (
    rf"(?:(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<month>{MONTH})"
    rf"|(?P<month2>{MONTH})\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<edge>(?:the\s+)?(?:end|middle|beginning|start|mid)(?:\s+of)?|mid-?)\s*(?P<month3>{MONTH})"
    # "15/06/2020", "15.06.2020", "2020-06-15": read as the report's header dates are.
    r"|(?P<numeric>(?<![\w./-])(?:\d{1,2}(?P<sep>[/.])\d{1,2}(?P=sep)(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)(?![\w/-]))"
    # "by Friday": the first Friday after the meeting.
    rf"|(?P<weekday>{_WEEKDAY})\b(?!,?\s+(?:the\s+)?\d|,?\s+{MONTH})"
    # "by the end of the week", "by the end of next week": that week's Friday.
    r"|(?P<week>(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(?P<next_week>next\s+)?week)\b)"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
)
# "the next MAG call on 24 June": the next meeting, dated.
_NEXT_MEETING_ON = (
    rf"(?:\s+(?:on|of)\s+(?:{_WEEKDAY},?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}|{MONTH}\s+\d{{1,2}}\b))?"
)
# "within two weeks", "within 10 working days": counted from the meeting.
_SPAN_NUMBER = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
_DUE = starting_pattern(
    r"\b(?:by|before|no\s+later\s+than|not\s+later\s+than|until|till|ahead\s+of|prior\s+to|in\s+time\s+for|"
    r"on\s+or\s+before|deadline(?:\s+(?:of|is)|\s*[:–—-])|due(?:\s*:)?|on|at|during)\s+"
    # "by COB 19 June", "by close of business on 19 June": the day is what is due.
    r"(?:(?:COB|EOD|close\s+of\s+business|(?:the\s+)?end\s+of\s+(?:the\s+)?day)(?:\s+on)?\s+)?"
    r"(?P<when>" + _DATE + r"|(?:the|its)\s+next\s+"
    r"(?:(?:virtual|face-to-face|online|MAG|IGF|open|monthly|regular)\s+)*(?:MAG\s+)?(?:meeting|call)\b"
    + _NEXT_MEETING_ON
    + r")"
    rf"|\b(?P<span>within\s+(?:the\s+)?(?:next\s+)?{_SPAN_NUMBER}\s+(?:(?:working|business)\s+)?(?:days?|weeks?|months?))\b",
    re.IGNORECASE,
)
_DATE_ONLY = re.compile(_DATE, re.IGNORECASE)
_SPAN = re.compile(
    rf"within\s+(?:the\s+)?(?:next\s+)?(?P<count>{_SPAN_NUMBER})\s+(?P<working>(?:working|business)\s+)?"
    r"(?P<unit>day|week|month)s?",
    re.IGNORECASE,
)
_SPAN_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10}  # fmt: skip
_MAY_BE_DUE = starting_pattern(
    r"\d|\bnext\b|\b(?:end|middle|beginning|start|mid)\b|mid-|\bwithin\b|day\b", re.IGNORECASE
)
_EVENT_BEFORE = starting_pattern(
    r"\b(?:take|takes|took|be|is|was|were|are)\s+(?:place|held|convened)\s*$|\bmeet\s*$", re.IGNORECASE
)


def date_actions(
    items: list, *, meeting_date: datetime.date | None, year: int | None, next_meeting: datetime.date | None
) -> None:
    """Give each action of ``items`` (ParsedItem) the date its due phrase names."""
    for item in items:
        for decision in item.decisions:
            decision.due_date = due_date(
                decision.due, meeting_date=meeting_date, year=year, next_meeting=next_meeting
            )


def find_due(sentence: str) -> str:
    """The due date as the sentence writes it ("30 June", "the next meeting"), or ""."""
    if not _MAY_BE_DUE.search(sentence):
        return ""
    for match in _DUE.finditer(sentence):
        before = sentence[max(0, match.start() - 30) : match.start()]
        if match.group(0).lower().startswith("on ") and _EVENT_BEFORE.search(before):
            continue  # "will take place on 13 September": when a meeting is, not when a task is due
        return (match.group("when") or match.group("span")).strip().rstrip(".")
    return ""


_WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def _after_span(span: re.Match, meeting_date: datetime.date | None) -> datetime.date | None:
    """The day a span after the meeting ends: "within two weeks" of 10 June is 24 June; working
    days skip the weekends."""
    if meeting_date is None:
        return None
    count = span.group("count").lower()
    number = int(count) if count.isdigit() else _SPAN_NUMBERS[count]
    unit = span.group("unit").lower()
    if unit == "week":
        return meeting_date + datetime.timedelta(weeks=number)
    if unit == "month":
        month = meeting_date.month - 1 + number
        year, month = meeting_date.year + month // 12, month % 12 + 1
        return meeting_date.replace(
            year=year, month=month, day=min(meeting_date.day, calendar.monthrange(year, month)[1])
        )
    if not span.group("working"):
        return meeting_date + datetime.timedelta(days=number)
    day = meeting_date
    while number:
        day += datetime.timedelta(days=1)
        number -= day.weekday() < 5
    return day


def _is_date(phrase: str) -> bool:
    return bool(_DATE_ONLY.fullmatch(phrase.strip()))


def due_date(
    due: str, *, meeting_date: datetime.date | None, year: int | None, next_meeting: datetime.date | None
) -> datetime.date | None:
    """The date ``due`` names: in the meeting's year unless written (a day before the meeting
    falls in the next year), "the next meeting" when that meeting's date is known."""
    if not due:
        return None
    match = _DATE_ONLY.search(due)
    span = _SPAN.match(due)
    if span:
        return _after_span(span, meeting_date)
    if match is None and re.search(r"\bnext\b", due, re.IGNORECASE):
        return next_meeting
    if not match:
        return None
    if match.group("numeric"):
        found = parse_date_range(match.group("numeric"), default_year=None)
        return found[0] if found else None
    if match.group("week"):
        if meeting_date is None:
            return None
        friday = meeting_date + datetime.timedelta(days=(4 - meeting_date.weekday()) % 7)
        return friday + datetime.timedelta(weeks=1 if match.group("next_week") else 0)
    if match.group("weekday"):
        if meeting_date is None:
            return None
        weekday = _WEEKDAYS.index(match.group("weekday").lower()[:3])
        return meeting_date + datetime.timedelta(days=(weekday - meeting_date.weekday() - 1) % 7 + 1)
    month = month_number(match.group("month") or match.group("month2") or match.group("month3"))
    written_year = match.group("year")
    base_year = int(written_year) if written_year else (year or (meeting_date.year if meeting_date else None))
    if month is None or base_year is None:
        return None
    edge = (match.group("edge") or "").lower()
    if match.group("month3"):
        last = calendar.monthrange(base_year, month)[1]
        day = 1 if re.search(r"beginning|start", edge) else 15 if "mid" in edge or "middle" in edge else last
    else:
        day = int(match.group("day") or match.group("day2"))
    try:
        found = datetime.date(base_year, month, day)
    except ValueError:
        return None
    if not written_year and meeting_date and found < meeting_date:
        try:
            found = found.replace(year=found.year + 1)
        except ValueError:
            return None
    return found

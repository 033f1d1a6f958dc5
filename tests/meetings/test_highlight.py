from meetings.highlight import highlight_decisions, mark_terms, search_excerpt, search_terms
from meetings.models import Decision, Footnote

TEXT = "It was agreed to meet again. The Secretariat will write to the MAG."


def decision(pk: int, text: str) -> Decision:
    return Decision(pk=pk, text=text, kind=Decision.Kind.DECISION)


def note(pk: int, mark: str, offset: int | None) -> Footnote:
    return Footnote(pk=pk, mark=mark, text="A note.", offset=offset)


def sup(pk: int, mark: str) -> str:
    return (
        f'<sup class="footnote-ref" id="footnote-ref-{pk}">'
        f'<a href="#footnote-{pk}" aria-label="Note {mark}">{mark}</a></sup>'
    )


def test_highlight_decisions_places_marks_inside_and_after_a_decision():
    agreed = decision(7, "It was agreed to meet again.")
    inside = note(1, "1", TEXT.index(" again"))
    after = note(2, "2", len("It was agreed to meet again."))

    html = highlight_decisions(
        text=TEXT, decisions=[agreed], footnotes=[after, inside], link_decisions=False
    ).html

    assert html == (
        f'<mark class="decision" id="decision-7">It was agreed to meet{sup(1, "1")} again.</mark>'
        f"{sup(2, '2')} The Secretariat will write to the MAG."
    )


def test_highlight_decisions_mark_at_the_end_of_the_text():
    html = highlight_decisions(text=TEXT, decisions=[], footnotes=[note(3, "3", len(TEXT))]).html

    assert html == TEXT + sup(3, "3")


def test_highlight_decisions_marks_without_a_place_follow_the_text():
    notes = [note(4, "4", 5), note(5, "*", None), note(6, "6", len(TEXT) + 1)]

    placed = highlight_decisions(text=TEXT, decisions=[], footnotes=notes).html
    edited = highlight_decisions(text=TEXT, decisions=[], footnotes=notes, place_footnotes=False).html

    assert placed == TEXT[:5] + sup(4, "4") + TEXT[5:] + sup(5, "*") + sup(6, "6")
    assert edited == TEXT + sup(4, "4") + sup(5, "*") + sup(6, "6")


def test_highlight_decisions_escapes_the_mark():
    html = highlight_decisions(text=TEXT, decisions=[], footnotes=[note(8, "<b>", 2)]).html

    assert html == TEXT[:2] + sup(8, "&lt;b&gt;") + TEXT[2:]


def test_search_terms_finds_other_forms_and_skips_stop_and_excluded_words():
    terms = search_terms('the "working groups" -draft')

    assert [match.group() for match in terms.finditer("The Working Group works on drafts; a group.")] == [
        "Working",
        "Group",
        "works",
        "group",
    ]


def test_search_terms_of_a_query_of_stop_words_only_is_none():
    assert search_terms("the and -of") is None


def test_mark_terms_escapes_the_text_and_marks_the_words():
    assert mark_terms("<b>Fundraising</b> & funds", search_terms("fundraising")) == (
        '&lt;b&gt;<mark class="search-match">Fundraising</mark>&lt;/b&gt; &amp; funds'
    )


def test_search_excerpt_is_the_passage_around_the_first_word_outside_the_decision():
    decision = "It was agreed that the schedule stands."
    text = f"{decision} The fundraising strategy was then discussed by the working group at length."

    excerpt = search_excerpt(text=text, terms=search_terms("fundraising"), skip=decision, width=40)

    assert excerpt == '…stands. The <mark class="search-match">fundraising</mark> strategy was…'


def test_search_excerpt_cuts_at_spaces_around_a_word_far_into_the_text():
    text = "one two three four five six seven eight nine ten fundraising eleven twelve thirteen fourteen"

    excerpt = search_excerpt(text=text, terms=search_terms("fundraising"), width=30)

    # A third of the width before the word, the rest after it.
    assert excerpt == '…nine ten <mark class="search-match">fundraising</mark> eleven…'


def test_search_excerpt_is_none_when_the_words_are_only_in_the_decision():
    decision = "The fundraising strategy was approved."

    assert search_excerpt(text=decision, terms=search_terms("fundraising"), skip=decision) is None

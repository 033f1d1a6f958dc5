from meetings.highlight import highlight_decisions
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

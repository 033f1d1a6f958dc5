import datetime
import hashlib
from importlib import import_module

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.db import IntegrityError

from magportal import freshness
from meetings.importer import ImportRefused, save
from meetings.importer.decisions import classify_sentences
from meetings.importer.interpret import interpret_document
from meetings.importer.save import event_slug, meeting_slug, save_report, session_kind
from meetings.models import AgendaItem, Annotation, Decision, Footnote, Meeting, Origin
from meetings.selectors import content_digest
from schedule.caching import SCOPE as GRID_SCOPE
from schedule.models import Event, Session, Slot
from tests.factories import (
    make_agenda_item,
    make_annotation,
    make_decision,
    make_event,
    make_session,
    make_slot,
)
from tests.meetings.importer.documents import seed_document

SEED_SLUG = "igf-virtual-multistakeholder-advisory-group-mag-meeting-vi-2016-08-30"
MODELS = [Meeting, AgendaItem, Decision, Annotation, Footnote, Event, Session, Slot]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def seed_report():
    return interpret_document(seed_document())


def row_counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.django_db
def test_save_report_seed_creates_meeting_with_all_rows():
    outcome = save_report(seed_report(), data=b"seed bytes", source_name="/tmp/reports/seed.docx")

    meeting = Meeting.objects.get()
    assert outcome.status == "created"
    assert outcome.meeting == meeting
    assert meeting.slug == SEED_SLUG
    assert meeting.status == Meeting.Status.DRAFT
    assert meeting.source_name == "seed.docx"
    assert meeting.source_sha256 == hashlib.sha256(b"seed bytes").hexdigest()
    assert meeting.source_file.read() == b"seed bytes"
    assert meeting.imported_at is not None
    assert (meeting.number, meeting.cycle_year, meeting.chair) == (6, 2016, "Ms. Lynn St. Amour")
    assert outcome.counts == {
        "items": 10,
        "decisions": 7,
        "actions": 5,
        "annotations": 2,
        "footnotes": 2,
        "sessions": 13,
        "slots": 14,
    }
    assert row_counts() == {
        "Meeting": 1,
        "AgendaItem": 10,
        "Decision": 12,
        "Annotation": 2,
        "Footnote": 2,
        "Event": 1,
        "Session": 13,
        "Slot": 14,
    }
    assert list(meeting.items.values_list("number", flat=True)) == [
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "8",
        "9",
    ]
    assert set(Annotation.objects.values_list("visibility", flat=True)) == {Annotation.Visibility.SECRETARIAT}
    for model in [AgendaItem, Decision, Annotation, Footnote]:
        for row in model.objects.all():
            assert (row.origin, row.import_digest) == (Origin.IMPORT, content_digest(row))
    assert meeting.event.slug == "igf-2016"
    assert meeting.event.is_published is False
    assert meeting.event.time_zone == "America/Mexico_City"


@pytest.mark.django_db
def test_save_report_seed_sessions_have_kinds_and_continued_slot():
    save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")

    kinds = dict(Session.objects.values_list("title", "kind"))
    assert kinds["Setting the Scene: Newcomers Orientation"] == Session.Kind.ORIENTATION
    assert kinds["11th IGF - Opening Ceremony"] == Session.Kind.CEREMONY
    assert kinds["Human Rights: Broadening the Conversation"] == Session.Kind.MAIN
    shaping = Session.objects.get(title="Shaping the Future of Internet Governance")
    assert [(s.date.day, s.start_time, s.end_time, s.continued, s.note) for s in shaping.slots.all()] == [
        (9, datetime.time(11, 30), datetime.time(13, 0), False, ""),
        (9, datetime.time(15, 0), datetime.time(15, 30), True, "Youth Open Mic"),
    ]


@pytest.mark.django_db
def test_save_report_publish_publishes_meeting_and_event():
    save_report(seed_report(), data=b"seed bytes", source_name="seed.docx", publish=True)

    meeting = Meeting.objects.get()
    assert (meeting.status, meeting.event.is_published) == (Meeting.Status.PUBLISHED, True)


@pytest.mark.django_db
def test_save_report_seed_event_takes_the_annex_details():
    save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")

    event = Event.objects.get()
    assert (event.slug, event.title, event.time_zone, event.start_date, event.end_date) == (
        "igf-2016",
        "2016 Internet Governance Forum (IGF)",
        "America/Mexico_City",
        datetime.date(2016, 12, 6),
        datetime.date(2016, 12, 9),
    )
    assert (event.theme, event.venue) == ("Enabling Inclusive and Sustainable Growth", "Guadalajara, Mexico")


@pytest.mark.django_db
def test_save_report_event_without_time_zone_or_end_date_is_utc_and_one_day():
    report = seed_report()
    report.schedule.time_zone = ""
    report.schedule.end_date = None
    save_report(report, data=b"seed bytes", source_name="seed.docx")

    event = Event.objects.get()
    assert (event.time_zone, event.start_date, event.end_date) == (
        "UTC",
        datetime.date(2016, 12, 6),
        datetime.date(2016, 12, 6),
    )


@pytest.mark.django_db
def test_save_report_draft_leaves_the_grid_unpublished_until_a_published_reimport():
    save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")
    assert Event.objects.get().is_published is False

    save_report(seed_report(), data=b"revised bytes", source_name="seed-v2.docx", publish=True, replace=True)
    assert Event.objects.get().is_published is True


@pytest.mark.django_db
def test_save_report_draft_reimport_leaves_an_unpublished_grid_unpublished():
    save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")

    save_report(seed_report(), data=b"revised bytes", source_name="seed-v2.docx", replace=True)

    assert Event.objects.get().is_published is False


@pytest.mark.django_db
def test_save_report_replace_keeps_edited_children_once_in_their_places():
    save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")
    meeting = Meeting.objects.get()
    decision = meeting.items.get(position=6).decisions.get(position=1)
    decision.text = "With common agreement, the main session schedule was approved (as corrected)."
    decision.save()
    annotation = Annotation.objects.get(agenda_item__position=7)
    annotation.text = "Really just a standard conference format (noted by the Secretariat)."
    annotation.save()
    footnote = Footnote.objects.get(agenda_item__position=1, mark="1")
    footnote.text = "Summary Report of July, as the Secretariat corrected it."
    footnote.save()
    # An imported paragraph the report no longer has, unedited, but annotated by staff.
    last = meeting.items.get(position=10)
    make_annotation(agenda_item=last, author="Secretariat", text="Keep this paragraph.")
    shorter = seed_report()
    shorter.items = shorter.items[:9]

    outcome = save_report(shorter, data=b"revised bytes", source_name="seed-v2.docx", replace=True)

    # Items first (the one the report no longer has is kept for its annotation), then each item's rows.
    assert outcome.kept == [
        "agenda item 9 (edited by staff, not in the report)",
        "footnote 1 of item 1 (edited by staff)",
        "decision 1 of item 6 (edited by staff)",
        "annotation by Lynn St Amour on item 7 (edited by staff)",
        "annotation by Secretariat on item 9 (added by staff)",
    ]
    item_6 = meeting.items.get(position=6)
    assert list(item_6.decisions.order_by("position").values_list("position", "pk", "kind")) == [
        (1, decision.pk, "decision"),
        (2, item_6.decisions.get(kind="action").pk, "action"),
    ]
    assert list(Annotation.objects.filter(agenda_item__position=7).values_list("pk", flat=True)) == [
        annotation.pk
    ]
    assert sorted(Footnote.objects.filter(agenda_item__position=1).values_list("mark", "text")) == [
        ("1", "Summary Report of July, as the Secretariat corrected it."),
        ("2", Footnote.objects.get(agenda_item__position=1, mark="2").text),
    ]
    assert meeting.items.get(position=10).pk == last.pk


@pytest.mark.django_db
def test_save_report_same_file_twice_changes_nothing():
    first = save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")
    before = row_counts()

    again = save_report(seed_report(), data=b"seed bytes", source_name="seed.docx", replace=True)

    assert again.status == "unchanged"
    assert again.meeting == first.meeting
    assert again.summary() == f"seed.docx: unchanged: already imported as {first.meeting} ({SEED_SLUG})"
    assert row_counts() == before


@pytest.mark.django_db
def test_save_report_revised_report_without_replace_is_refused():
    save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")
    before = row_counts()

    with pytest.raises(ImportRefused) as refused:
        save_report(seed_report(), data=b"revised bytes", source_name="seed-v2.docx")

    assert str(refused.value) == (
        f"meeting '{SEED_SLUG}' already exists (imported from seed.docx); use --replace to update it"
    )
    assert row_counts() == before


@pytest.mark.django_db
def test_save_report_replace_keeps_staff_edited_decision_and_added_annotation():
    save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")
    meeting = Meeting.objects.get()
    item_6 = meeting.items.get(position=6)
    edited = item_6.decisions.get(kind=Decision.Kind.DECISION)
    edited.text = "The main session schedule was approved (edited by the Secretariat)."
    edited.save()
    item_9 = meeting.items.get(position=10)
    added = make_annotation(agenda_item=item_9, author="Secretariat", text="Check the dates.")
    revised = seed_report()
    revised.items[4].text = "A revised paragraph 5. It was agreed that the NRI session moves to Day 3."
    revised.items[4].decisions = revised.items[4].decisions[:1]

    outcome = save_report(revised, data=b"revised bytes", source_name="seed-v2.docx", replace=True)

    assert outcome.status == "replaced"
    assert outcome.kept == [
        "decision 1 of item 6 (edited by staff)",
        "annotation by Secretariat on item 9 (added by staff)",
    ]
    assert Meeting.objects.get().source_name == "seed-v2.docx"
    assert Decision.objects.get(pk=edited.pk).text == edited.text
    assert list(item_9.annotations.values_list("pk", "origin")) == [(added.pk, Origin.STAFF)]
    assert list(
        Annotation.objects.filter(origin=Origin.IMPORT).values_list("agenda_item__position", flat=True)
    ) == [
        7,
        9,
    ]
    assert AgendaItem.objects.get(meeting=meeting, position=5).text == revised.items[4].text
    assert Decision.objects.count() == 11
    assert item_6.decisions.count() == 2
    assert Annotation.objects.count() == 3
    assert (AgendaItem.objects.count(), Footnote.objects.count(), Slot.objects.count()) == (10, 2, 14)


@pytest.mark.django_db
def test_save_report_replace_outcome_counts_publishes_and_swaps_the_stored_file(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        first = save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")
    old_file = first.meeting.source_file.name
    revised = seed_report()
    revised.warnings = ["paragraph 4 has no full stop"]

    with django_capture_on_commit_callbacks(execute=True):
        outcome = save_report(
            revised, data=b"revised bytes", source_name="reports/seed-v2.docx", replace=True, publish=True
        )

    meeting = Meeting.objects.get()
    assert (outcome.status, outcome.kept, outcome.warnings) == (
        "replaced",
        [],
        ["paragraph 4 has no full stop"],
    )
    assert {
        key: outcome.counts[key] for key in ("items", "decisions", "actions", "annotations", "footnotes")
    } == {
        "items": 10,
        "decisions": 7,
        "actions": 5,
        "annotations": 2,
        "footnotes": 2,
    }
    assert (meeting.status, meeting.source_name) == (Meeting.Status.PUBLISHED, "seed-v2.docx")
    assert meeting.source_file.read() == b"revised bytes"
    assert meeting.source_file.name != old_file
    assert not default_storage.exists(old_file)


@pytest.mark.django_db
def test_save_report_replace_keeps_agenda_item_text_edited_by_staff():
    save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")
    meeting = Meeting.objects.get()
    edited = meeting.items.get(position=3)
    edited.text = "Paragraph 3 as the Secretariat corrected it."
    edited.save()
    revised = seed_report()
    revised.items[2].text = "Paragraph 3 as the revised report words it."
    revised.items[3].text = "Paragraph 4 as the revised report words it."

    outcome = save_report(revised, data=b"revised bytes", source_name="seed-v2.docx", replace=True)

    assert outcome.kept == ["agenda item 3 (edited by staff)"]
    assert list(meeting.items.order_by("position").values_list("pk", "text")[2:4]) == [
        (edited.pk, "Paragraph 3 as the Secretariat corrected it."),
        (meeting.items.get(position=4).pk, "Paragraph 4 as the revised report words it."),
    ]
    assert outcome.counts["items"] == 9


@pytest.mark.django_db
@pytest.mark.parametrize(
    "edit",
    [
        {"status": Decision.Status.DONE},
        {"owner": "The Chair"},
        {"text": "The Secretariat will circulate its provisional schedule, as staff reworded it."},
        {"due_date": datetime.date(2016, 9, 30)},
    ],
    ids=["closed", "owner", "text", "due date"],
)
def test_save_report_replace_keeps_an_action_staff_edited_or_closed(edit):
    """The seed's action of item 2 has an owner and no due date: each field staff change is theirs."""
    save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")
    action = Decision.objects.get(agenda_item__position=2, kind=Decision.Kind.ACTION)
    assert (action.owner, action.due_date, action.status) == ("Secretariat", None, Decision.Status.OPEN)
    for name, value in edit.items():
        setattr(action, name, value)
    action.save()

    outcome = save_report(seed_report(), data=b"revised bytes", source_name="seed-v2.docx", replace=True)

    assert outcome.kept == ["decision 1 of item 2 (edited by staff)"]
    kept = Decision.objects.get(agenda_item__position=2, kind=Decision.Kind.ACTION)
    assert kept.pk == action.pk
    assert {name: getattr(kept, name) for name in edit} == edit


@pytest.mark.django_db
def test_save_report_replace_moves_a_staff_added_decision_after_the_reports_new_one():
    save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")
    item = AgendaItem.objects.get(position=6)
    added = make_decision(
        agenda_item=item, position=3, text="Staff's own record of a decision.", origin=Origin.STAFF
    )
    revised = seed_report()
    sentence = "The MAG agreed to hold an extra call on main sessions."
    revised.items[5].text += " " + sentence
    revised.items[5].decisions = classify_sentences(revised.items[5].text)

    outcome = save_report(revised, data=b"revised bytes", source_name="seed-v2.docx", replace=True)

    assert outcome.kept == ["decision 3 of item 6 (added by staff)"]
    rows = list(item.decisions.order_by("position").values_list("position", "kind", "text"))
    assert [row[:2] for row in rows] == [(1, "decision"), (2, "action"), (3, "decision"), (4, "decision")]
    assert [row[2] for row in rows[2:]] == [sentence, added.text]
    assert Decision.objects.get(pk=added.pk).position == 4


@pytest.mark.django_db
def test_save_report_replace_keeps_staff_items_the_report_no_longer_has():
    save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")
    meeting = Meeting.objects.get()
    added = make_agenda_item(meeting=meeting, position=11, number="", text="Secretariat's note on the venue.")
    edited = meeting.items.get(position=10)
    edited.text = "Paragraph 9 as the Secretariat corrected it."
    edited.save()
    shorter = seed_report()
    shorter.items = shorter.items[:8]

    outcome = save_report(shorter, data=b"shorter", source_name="seed-v2.docx", replace=True)

    assert outcome.kept == [
        "agenda item 9 (edited by staff, not in the report)",
        "agenda item 11 (added by staff, not in the report)",
    ]
    assert list(meeting.items.order_by("position").values_list("pk", "position")[8:]) == [
        (edited.pk, 9),
        (added.pk, 10),
    ]
    assert AgendaItem.objects.get(pk=edited.pk).text == "Paragraph 9 as the Secretariat corrected it."


@pytest.mark.django_db
def test_save_report_replace_keeps_meeting_fields_edited_by_staff_and_updates_the_rest():
    save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")
    meeting = Meeting.objects.get()
    meeting.chair = "Lynn St. Amour (MAG Chair)"
    meeting.end_date = datetime.date(2016, 8, 31)
    meeting.save()
    revised = seed_report()
    revised.meeting.chair = "Mr. Chengetai Masango"
    revised.meeting.recording_url = "https://example.org/recording"

    outcome = save_report(revised, data=b"revised bytes", source_name="seed-v2.docx", replace=True)

    meeting.refresh_from_db()
    assert outcome.kept == [
        "the meeting's end date (edited by staff)",
        "the meeting's chair (edited by staff)",
    ]
    assert (meeting.chair, meeting.end_date, meeting.recording_url) == (
        "Lynn St. Amour (MAG Chair)",
        datetime.date(2016, 8, 31),
        "https://example.org/recording",
    )
    assert meeting.import_values["chair"] == "Mr. Chengetai Masango"


@pytest.mark.django_db
def test_save_report_replace_of_a_meeting_made_by_hand_keeps_its_fields():
    made = Meeting.objects.create(
        title="Virtual MAG meeting VI, as the Secretariat entered it",
        slug=SEED_SLUG,
        kind=Meeting.Kind.OTHER,
        date=datetime.date(2016, 8, 30),
        cycle_year=2016,
    )

    outcome = save_report(seed_report(), data=b"seed bytes", source_name="seed.docx", replace=True)

    meeting = Meeting.objects.get()
    assert (meeting.pk, meeting.title, meeting.kind, meeting.chair) == (made.pk, made.title, "other", "")
    assert outcome.kept == [
        f"the meeting's {Meeting._meta.get_field(name).verbose_name} (edited by staff)"
        for name in Meeting.IMPORTED_FIELDS
    ]
    assert meeting.items.count() == 10


@pytest.mark.django_db
def test_record_imported_values_migration_takes_imported_meetings_as_they_stand():
    migration = import_module("meetings.migrations.0008_meeting_import_values")
    save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")
    Meeting.objects.update(import_values={}, chair="Edited before the migration")

    migration.record_imported_values(apps, None)

    assert Meeting.objects.get().import_values == {
        "title": "IGF Virtual Multistakeholder Advisory Group (MAG) Meeting VI",
        "kind": "virtual",
        "number": 6,
        "date": "2016-08-30",
        "end_date": None,
        "cycle_year": 2016,
        "chair": "Edited before the migration",
        "recording_url": "https://we.tl/DG7i3EoMR8",
    }


@pytest.mark.django_db
def test_save_report_replace_drops_items_no_longer_in_report():
    save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")
    shorter = seed_report()
    shorter.items = shorter.items[:3]

    outcome = save_report(shorter, data=b"shorter", source_name="seed-v2.docx", replace=True)

    assert outcome.kept == []
    assert list(AgendaItem.objects.values_list("number", flat=True)) == ["1", "2", "3"]
    # The actions of paragraphs 2 ("The Secretariat will circulate ...") and 3 ("... will be
    # circulated to the MAG") stay with their paragraphs.
    assert (Decision.objects.count(), Annotation.objects.count(), Footnote.objects.count()) == (2, 0, 2)


@pytest.mark.django_db
def test_save_report_failure_midway_leaves_no_rows(monkeypatch, settings):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(save, "_apply_annex", broken)
    before = row_counts()

    with pytest.raises(RuntimeError):
        save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")

    assert row_counts() == before
    assert list(settings.MEDIA_ROOT.rglob("*.docx")) == []


@pytest.mark.django_db
def test_save_report_concurrent_import_of_same_file_is_unchanged(monkeypatch):
    first = save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")
    # The second import looked before the first committed: it saw no meeting.
    monkeypatch.setattr(save, "_existing", lambda **kwargs: (None, None))

    second = save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")

    assert (second.status, second.meeting) == ("unchanged", first.meeting)
    assert Meeting.objects.count() == 1


@pytest.mark.django_db
def test_save_report_other_integrity_error_is_raised(monkeypatch):
    def clash(*args, **kwargs):
        raise IntegrityError("something else")

    monkeypatch.setattr(save, "_create", clash)

    with pytest.raises(IntegrityError):
        save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")
    assert Meeting.objects.count() == 0


@pytest.mark.django_db
def test_save_report_existing_hand_made_grid_is_kept_with_warning():
    event = make_event(slug="igf-2016", title="IGF 2016")
    make_slot(session=make_session(event=event, title="Hand-made session"))

    outcome = save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")

    assert outcome.meeting.event == event
    assert list(Session.objects.values_list("title", flat=True)) == ["Hand-made session"]
    assert outcome.warnings == [
        "the grid of IGF 2016 was made or edited by hand since its last import; "
        "it was kept as it is and this report's annex was not applied to it"
    ]


@pytest.mark.django_db
def test_save_report_without_date_is_refused():
    report = seed_report()
    report.meeting.date = None

    with pytest.raises(ImportRefused, match="date was not found"):
        save_report(report, data=b"x", source_name="x.docx")
    assert Meeting.objects.count() == 0


def test_meeting_slug_title_and_date():
    assert meeting_slug("IGF Virtual MAG Meeting VI", datetime.date(2016, 8, 30)) == (
        "igf-virtual-mag-meeting-vi-2016-08-30"
    )


def test_event_slug_igf_year():
    schedule = seed_report().schedule
    assert event_slug(schedule) == "igf-2016"


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("11th IGF Closing Ceremony", "ceremony"),
        ("Setting the Scene: Newcomers Orientation", "orientation"),
        ("Newcomers Track", "orientation"),
        ("National and Regional IGFs (NRIs)", "main"),
    ],
)
def test_session_kind_from_title(title, kind):
    assert session_kind(title) == kind


@pytest.mark.django_db
def test_save_report_without_title_is_refused():
    report = seed_report()
    report.meeting.title = ""

    with pytest.raises(
        ImportRefused, match="^the report has no title line above its first numbered paragraph$"
    ):
        save_report(report, data=b"x", source_name="x.docx")
    assert Meeting.objects.count() == 0


@pytest.mark.django_db
def test_import_outcome_summary_lists_kept_rows_and_warnings():
    outcome = save.ImportOutcome(
        meeting=Meeting(title="MAG Meeting", slug="mag-meeting-2016-08-30"),
        status="replaced",
        source_name="v2.docx",
        counts={
            "items": 2,
            "decisions": 1,
            "actions": 0,
            "annotations": 0,
            "footnotes": 0,
            "sessions": 0,
            "slots": 0,
        },
        kept=["decision 1 of item 6 (edited by staff)"],
        warnings=["one"],
    )

    assert outcome.summary() == (
        "v2.docx: replaced MAG Meeting (mag-meeting-2016-08-30): 2 agenda items, 1 decisions, "
        "0 actions, 0 annotations, 0 footnotes, 0 slots in 0 sessions; "
        "kept 1 staff rows: decision 1 of item 6 (edited by staff); 1 warnings"
    )


@pytest.mark.django_db
def test_save_report_seed_decisions_are_created_already_linked_in_one_history_record():
    save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")

    history = Decision.history.order_by("id", "history_id")
    records = [(record.id, record.history_type, record.session_id) for record in history]
    decisions = [(decision.pk, "+", decision.session_id) for decision in Decision.objects.order_by("id")]
    assert records == decisions
    assert sum(1 for _pk, _type, session in decisions if session is not None) == 4


@pytest.mark.django_db
def test_save_report_seed_footnotes_have_their_creation_history():
    save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")

    history = Footnote.history.order_by("id").values_list("id", "history_type", "mark")
    footnotes = [(footnote.pk, "+", footnote.mark) for footnote in Footnote.objects.order_by("id")]
    assert (list(history), len(footnotes)) == (footnotes, 2)


@pytest.mark.django_db
def test_save_report_seed_footnote_is_created_citing_the_meeting_already_in():
    planning = Meeting.objects.create(
        title="MAG Virtual Meeting on Main Session Planning",
        slug="mag-virtual-meeting-on-main-session-planning-2016-08-24",
        kind=Meeting.Kind.TOPICAL,
        date=datetime.date(2016, 8, 24),
        cycle_year=2016,
    )

    save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")

    cited = Footnote.objects.order_by("mark").values_list("mark", "cited_meeting")
    history = Footnote.history.order_by("mark").values_list("mark", "history_type", "cited_meeting")
    assert list(cited) == [("1", None), ("2", planning.pk)]
    assert list(history) == [("1", "+", None), ("2", "+", planning.pk)]


@pytest.mark.django_db
def test_save_report_decisions_linked_to_a_grid_left_as_it_is_mark_the_event_changed():
    first = save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")
    event = first.meeting.event
    before = freshness.version(GRID_SCOPE)
    # A later meeting's report with the same annex: the grid is not written again, but its
    # decisions now show on the grid's sessions.
    later = seed_report()
    later.meeting.title = "IGF Virtual MAG Meeting VII"
    later.meeting.date = datetime.date(2016, 9, 20)

    outcome = save_report(later, data=b"later bytes", source_name="later.docx")

    event.refresh_from_db()
    linked = Decision.objects.filter(agenda_item__meeting=outcome.meeting, session__isnull=False)
    assert (outcome.meeting.event, Slot.objects.count(), linked.count()) == (event, 14, 4)
    assert freshness.version(GRID_SCOPE) != before


@pytest.mark.django_db
@pytest.mark.parametrize("copied_in_the_database", [True, False])
@pytest.mark.parametrize("model", [AgendaItem, Decision, Annotation, Footnote, Session, Slot])
def test_save_report_seed_history_records_each_row_as_created(model, copied_in_the_database, monkeypatch):
    if not copied_in_the_database:
        # As for a historical table that is not a plain copy: simple_history writes the records.
        monkeypatch.setattr(save, "_history_copy", lambda model: None)
    save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")

    fields = [field.attname for field in model.history.model.tracked_fields]
    history = model.history.order_by("id").values_list(
        *fields, "history_type", "history_change_reason", "history_user"
    )
    rows = [(*row, "+", None, None) for row in model.objects.order_by("id").values_list(*fields)]
    assert (list(history), len(rows) > 0) == (rows, True)


@pytest.mark.django_db
def test_save_report_paragraph_number_too_long_to_keep_whole_is_a_warning():
    report = seed_report()
    report.items[1].number = "1" * 20

    outcome = save_report(report, data=b"seed bytes", source_name="seed.docx")

    item = AgendaItem.objects.get(position=2)
    assert item.number == "1" * 16
    assert "paragraph 2's number 1111111111111111... has 20 characters; its first 16 are kept" in (
        outcome.warnings
    )
    assert AgendaItem.objects.count() == 10


@pytest.mark.django_db
def test_save_report_replace_inserts_decisions_linked_to_the_settled_grid_and_footnotes_citing():
    planning = Meeting.objects.create(
        title="MAG Virtual Meeting on Main Session Planning",
        slug="mag-virtual-meeting-on-main-session-planning-2016-08-24",
        kind=Meeting.Kind.TOPICAL,
        date=datetime.date(2016, 8, 24),
        cycle_year=2016,
    )
    save_report(seed_report(), data=b"seed bytes", source_name="seed.docx", publish=True)
    first = list(Decision.objects.values_list("pk", flat=True))

    outcome = save_report(
        seed_report(), data=b"revised bytes", source_name="seed-v2.docx", publish=True, replace=True
    )

    # The grid is settled before the new rows go in: each decision is inserted with its session, and
    # each footnote with the meeting it cites, in one "created" record, never updated afterwards.
    decisions = [(d.pk, "+", d.session_id) for d in Decision.objects.order_by("id")]
    records = Decision.history.exclude(id__in=first).order_by("id", "history_id")
    assert [(r.id, r.history_type, r.session_id) for r in records] == decisions
    assert (len(decisions), sum(1 for _pk, _type, session in decisions if session is not None)) == (12, 4)
    assert set(Decision.history.filter(id__in=first).values_list("history_type", flat=True)) == {"+", "-"}
    footnotes = Footnote.objects.order_by("mark")
    cited = Footnote.history.filter(id__in=footnotes.values("pk")).order_by("mark")
    assert list(cited.values_list("mark", "history_type", "cited_meeting")) == [
        ("1", "+", None),
        ("2", "+", planning.pk),
    ]
    assert list(footnotes.values_list("mark", "cited_meeting")) == [("1", None), ("2", planning.pk)]
    assert (outcome.status, outcome.counts["sessions"], outcome.counts["slots"]) == ("replaced", 13, 14)

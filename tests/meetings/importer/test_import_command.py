import datetime
import json

import pytest
from django.core.management import CommandError, call_command

from meetings.models import AgendaItem, Annotation, Decision, Footnote, Meeting
from schedule.models import Event, Session, Slot
from tests.factories import make_secretariat_user
from tests.meetings.importer.command_output import closing_table, run, summary
from tests.meetings.importer.documents import SEED_DOCX
from tests.meetings.importer.docx_builders import (
    build_docx,
    num,
    numbering_levels,
    p,
    table,
    tc,
    tr,
)
from tests.services import shared_corpus_file

MODELS = [Meeting, AgendaItem, Decision, Annotation, Footnote, Event, Session, Slot]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def row_counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.django_db
def test_import_report_dry_run_json_seed_keys_and_values():
    status, stdout, stderr = run(SEED_DOCX, "--dry-run", "--json")

    assert (status, stderr) == (0, "")
    assert len(stdout.splitlines()) == 1
    document = json.loads(stdout)
    assert list(document) == ["meeting", "items", "schedule", "warnings"]
    assert document["meeting"] == {
        "title": "IGF Virtual Multistakeholder Advisory Group (MAG) Meeting VI",
        "kind": "virtual",
        "number": 6,
        "date": "2016-08-30",
        "end_date": None,
        "chair": "Ms. Lynn St. Amour",
        "recording_url": "https://we.tl/DG7i3EoMR8",
    }
    assert list(document["items"][0]) == [
        "position",
        "number",
        "section",
        "text",
        "footnotes",
        "annotations",
        "decisions",
    ]
    assert [item["number"] for item in document["items"]] == [
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
    assert [len(item["decisions"]) for item in document["items"]] == [0, 1, 1, 0, 2, 2, 2, 1, 1, 2]
    footnote = document["items"][0]["footnotes"][1]
    assert list(footnote) == ["mark", "text", "urls"]
    assert footnote["urls"] == [
        "https://www.intgovforum.org/cms/documents/igf-meeting/igf-2016/magmeetings/"
        "899-summary-report-mag-virtual-meeting-main-session-planning-24-august-2"
    ]
    annotation = document["items"][6]["annotations"][0]
    assert list(annotation) == ["author", "initials", "date", "text", "anchor"]
    assert (annotation["author"], annotation["date"]) == ("Lynn St Amour", "2016-08-31T09:00:00+00:00")
    schedule = document["schedule"]
    assert list(schedule) == [
        "title",
        "event",
        "theme",
        "venue",
        "time_zone",
        "start_date",
        "end_date",
        "slots",
    ]
    assert (schedule["start_date"], schedule["end_date"], len(schedule["slots"])) == (
        "2016-12-06",
        "2016-12-09",
        14,
    )
    assert schedule["slots"][11] == {
        "date": "2016-12-09",
        "start": "15:00",
        "end": "15:30",
        "title": "Shaping the Future of Internet Governance",
        "minutes": 30,
        "continued": True,
        "note": "Youth Open Mic",
    }
    assert document["warnings"] == []
    assert row_counts() == dict.fromkeys(row_counts(), 0)


@pytest.mark.django_db
def test_import_report_dry_run_json_several_files_one_line_each(tmp_path):
    copy = write(tmp_path, "copy.docx", SEED_DOCX.read_bytes())

    status, stdout, _ = run(SEED_DOCX, copy, "--dry-run", "--json")

    assert status == 0
    assert [json.loads(line)["meeting"]["number"] for line in stdout.splitlines()] == [6, 6]


@pytest.mark.django_db
def test_import_report_seed_end_to_end():
    status, stdout, stderr = run(SEED_DOCX, "--publish")

    assert (status, stderr) == (0, "")
    meeting = Meeting.objects.get()
    assert summary(stdout) == (
        f"{SEED_DOCX.name}: created {meeting} ({meeting.slug}): 10 agenda items, 7 decisions, 5 actions, "
        "2 annotations, 2 footnotes, 14 slots in 13 sessions\n"
    )
    assert closing_table(stdout) == (
        [[str(SEED_DOCX), f"{meeting.title} (2016-08-30)", "created"]],
        "1 files: 1 created, 0 unchanged, 0 replaced, 0 refused",
    )
    assert meeting.status == Meeting.Status.PUBLISHED
    items = list(meeting.items.all())
    assert [item.number for item in items] == ["1", "2", "3", "4", "5", "6", "7", "8", "8", "9"]
    assert list(items[0].footnotes.values_list("mark", flat=True)) == ["1", "2"]
    assert items[0].footnotes.get(mark="1").urls == [
        "http://www.intgovforum.org/cms/documents/igf-meeting/igf-2016/magmeetings/"
        "811-summary-2nd-oc-and-mag-meeting-12-14july-finalv2/file"
    ]
    assert list(Annotation.objects.values_list("agenda_item__position", "author")) == [
        (7, "Lynn St Amour"),
        (9, "Lynn St Amour"),
    ]
    assert list(Decision.objects.values_list("agenda_item__number", "kind")) == [
        ("2", "action"),
        ("3", "action"),
        ("5", "decision"),
        ("5", "decision"),
        ("6", "decision"),
        ("6", "action"),
        ("7", "decision"),
        ("7", "action"),
        ("8", "decision"),
        ("8", "decision"),
        ("9", "decision"),
        ("9", "action"),
    ]
    slots = Slot.objects.filter(date=datetime.date(2016, 12, 6), start_time__gte=datetime.time(15))
    assert [(s.start_time, s.end_time) for s in slots] == [
        (datetime.time(15), datetime.time(16)),
        (datetime.time(16), datetime.time(16, 30)),
        (datetime.time(16, 30), datetime.time(18)),
    ]
    assert (Session.objects.count(), Slot.objects.count(), meeting.event.slug) == (13, 14, "igf-2016")


@pytest.mark.django_db
def test_import_report_twice_is_unchanged():
    run(SEED_DOCX)
    before = row_counts()

    status, stdout, stderr = run(SEED_DOCX)

    meeting = Meeting.objects.get()
    assert (status, stderr) == (0, "")
    assert summary(stdout) == f"{SEED_DOCX.name}: unchanged: already imported as {meeting} ({meeting.slug})\n"
    assert closing_table(stdout)[1] == "1 files: 0 created, 1 unchanged, 0 replaced, 0 refused"
    assert row_counts() == before


@pytest.mark.django_db
def test_import_report_revised_without_replace_fails_and_with_replace_updates(tmp_path):
    run(SEED_DOCX)
    revised = write(tmp_path, "revised.docx", SEED_DOCX.read_bytes() + b"\0")  # same report, other bytes
    before = row_counts()

    status, stdout, stderr = run(revised)

    slug = Meeting.objects.get().slug
    why = f"meeting '{slug}' already exists (imported from {SEED_DOCX.name}); use --replace to update it"
    assert (status, summary(stdout)) == (1, "")
    assert stderr == f"{revised}: {why}\n"
    assert closing_table(stdout) == (
        [[str(revised), f"{Meeting.objects.get().title} (2016-08-30)", "refused", why]],
        "1 files: 0 created, 0 unchanged, 0 replaced, 1 refused",
    )
    assert row_counts() == before

    status, stdout, stderr = run(revised, "--replace")

    assert (status, stderr) == (0, "")
    assert stdout.startswith(f"revised.docx: replaced {Meeting.objects.get()} ({slug}): 10 agenda items")
    assert row_counts() == before
    assert Meeting.objects.get().source_name == "revised.docx"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a zip", ""),
        (
            build_docx(p("Minutes"), title="Minutes"),
            "the document has a heading ('Minutes') but no paragraph",
        ),
    ],
)
def test_import_report_bad_file_exit_1_one_line_no_rows(tmp_path, data, message):
    bad = write(tmp_path, "bad.docx", data)

    status, stdout, stderr = run(bad, SEED_DOCX)

    assert status == 1
    assert len(stderr.splitlines()) == 1
    assert stderr.startswith(f"{bad}: ")
    assert message in stderr
    assert "Traceback" not in stderr
    # The good file after the bad one is still imported.
    assert stdout.startswith(f"{SEED_DOCX.name}: created ")
    assert Meeting.objects.get().source_name == SEED_DOCX.name


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "problem"),
    [("missing.docx", "no such file"), ("folder", "the folder holds no report to import")],
)
def test_import_report_missing_path_or_empty_folder_is_refused(tmp_path, name, problem):
    (tmp_path / "folder").mkdir()
    path = tmp_path / name

    status, stdout, stderr = run(path)

    assert (status, summary(stdout)) == (1, "")
    assert stderr == f"{path}: {problem}\n"
    assert closing_table(stdout) == (
        [[str(path), "refused", problem]],
        "1 files: 0 created, 0 unchanged, 0 replaced, 1 refused",
    )
    assert row_counts() == dict.fromkeys(row_counts(), 0)


@pytest.mark.django_db
def test_import_report_json_without_dry_run_is_a_usage_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--json needs --dry-run"):
        call_command("import_report", str(SEED_DOCX), "--json")


NUMBERING = numbering_levels(("decimal", "%1.")) + num(1)


@pytest.mark.django_db
def test_import_report_word_list_numbering_without_annex(tmp_path):
    body = (
        p("IGF Virtual MAG Meeting III")
        + p("14 March 2017")
        + p("The third virtual MAG meeting of the 2017 IGF preparatory cycle took place.", num_id=1, ilvl=0)
        + p("It was agreed that the call for workshops opens on 1 April.", num_id=1, ilvl=0)
        + p("The Secretariat thanked the MAG.", num_id=1, ilvl=0)
    )
    path = write(tmp_path, "numbered.docx", build_docx(body, numbering_xml=NUMBERING))

    status, stdout, stderr = run(path, "--dry-run", "--json")
    document = json.loads(stdout)

    assert (status, stderr) == (0, "")
    assert [(i["number"], i["text"][:20]) for i in document["items"]] == [
        ("1", "The third virtual MA"),
        ("2", "It was agreed that t"),
        ("3", "The Secretariat than"),
    ]
    assert document["schedule"] is None
    assert (document["meeting"]["number"], document["meeting"]["date"]) == (3, "2017-03-14")

    status, stdout, _ = run(path)

    meeting = Meeting.objects.get()
    assert (status, meeting.event, meeting.items.count(), Decision.objects.count()) == (0, None, 3, 1)


@pytest.mark.django_db
def test_import_report_separate_header_row_grid_with_merged_cells(tmp_path):
    body = (
        p("IGF Virtual MAG Meeting IX")
        + p("20 October 2019")
        + p("1.\tThe schedule in Annex I was approved.")
        + p("Annex I")
        + p("2019 IGF Main Session Schedule")
        + p("The 2019 Internet Governance Forum (IGF): ‘One World. One Net. One Vision.’")
        + p("25-29 November 2019, Berlin, Germany")
        + table(
            tr(tc("Time"), tc("Day 2 – 26 November"), tc("Day 3 – 27 November"), header=True),
            tr(
                tc("10:00 – 13:00", vmerge="restart"),
                tc("Opening Ceremony (1 hour)"),
                tc("Data (3 hours)", vmerge="restart"),
            ),
            tr(tc(vmerge="continue"), tc("Security (2 hours)"), tc(vmerge="continue")),
            tr(tc("15:00 – 16:30"), tc("Closing Ceremony (90 minutes)", span=2)),
            grid=3,
        )
    )
    path = write(tmp_path, "grid.docx", build_docx(body))

    status, stdout, stderr = run(path, "--publish")

    assert (status, stderr) == (0, "")
    event = Event.objects.get()
    assert (event.slug, event.time_zone, event.is_published) == ("igf-2019", "Europe/Berlin", True)
    slots = [
        (s.date.day, f"{s.start_time:%H:%M}", f"{s.end_time:%H:%M}", s.session.title, s.session.kind)
        for s in Slot.objects.select_related("session")
    ]
    assert slots == [
        (26, "10:00", "11:00", "Opening Ceremony", "ceremony"),
        (26, "11:00", "13:00", "Security", "main"),
        (26, "15:00", "16:30", "Closing Ceremony", "ceremony"),
        (27, "10:00", "13:00", "Data", "main"),
        (27, "15:00", "16:30", "Closing Ceremony", "ceremony"),
    ]
    assert Session.objects.count() == 4


@pytest.mark.django_db
def test_import_report_corpus_libreoffice_file_is_refused_in_one_line():
    path = shared_corpus_file("pandoc__lists.docx")

    status, stdout, stderr = run(path)

    # Its list-numbered paragraphs are read as items, but a meeting needs a date and it has none.
    assert (status, summary(stdout)) == (1, "")
    assert stderr == f"{path}: the meeting's date was not found in the report's heading or first paragraph\n"
    assert row_counts() == dict.fromkeys(row_counts(), 0)


@pytest.mark.django_db
def test_import_report_several_files_one_summary_line_each_and_warnings_on_stderr(tmp_path):
    body = (
        p("IGF Virtual MAG Meeting IV")
        + p("2 June 2030")
        + p("1.\tIt was agreed that the schedule in Annex I stands.")
        + p("Annex I")
        + p("2030 IGF Main Session Schedule")
        + p("1-2 December 2030, Atlantis")
        + table(
            tr(tc("Time"), tc("Day 1 – 1 December")), tr(tc("10:00 – 11:00"), tc("Plenary (1 hour)")), grid=2
        )
    )
    other = write(tmp_path, "atlantis.docx", build_docx(body))

    status, stdout, stderr = run(SEED_DOCX, other)

    assert status == 0
    assert [line.split(": ")[:2] for line in summary(stdout).splitlines()] == [
        [
            SEED_DOCX.name,
            "created IGF Virtual Multistakeholder Advisory Group (MAG) Meeting VI (igf-virtual-"
            "multistakeholder-advisory-group-mag-meeting-vi-2016-08-30)",
        ],
        ["atlantis.docx", "created IGF Virtual MAG Meeting IV (igf-virtual-mag-meeting-iv-2030-06-02)"],
    ]
    assert (
        stderr
        == f"{other}: warning: schedule: the time zone of 'Atlantis' is not known; set it on the event\n"
    )
    assert Event.objects.get(slug="igf-2030").time_zone == "UTC"


@pytest.mark.django_db
def test_import_report_dry_run_without_json_says_what_it_would_do():
    status, stdout, stderr = run(SEED_DOCX, "--dry-run")

    assert (status, stderr) == (0, "")
    assert summary(stdout) == (
        f"{SEED_DOCX}: would import IGF Virtual Multistakeholder Advisory Group (MAG) Meeting VI "
        "(10 agenda items, 0 warnings)\n"
    )
    assert closing_table(stdout)[1] == "1 files: 1 would be imported, 0 refused"
    assert Meeting.objects.count() == 0


@pytest.mark.django_db
def test_import_report_with_user_records_the_user_in_every_rows_history():
    user = make_secretariat_user(username="anja")

    status, _stdout, stderr = run(SEED_DOCX, "--user", "anja")

    models = [Meeting, AgendaItem, Decision, Annotation, Slot]
    users = {model.__name__: set(model.history.values_list("history_user", flat=True)) for model in models}
    assert (status, stderr) == (0, "")
    assert users == {model.__name__: {user.pk} for model in models}


@pytest.mark.django_db
def test_import_report_says_in_every_rows_history_which_file_and_command_imported_it():
    run(SEED_DOCX)

    models = [Meeting, AgendaItem, Decision, Annotation, Footnote, Event, Session, Slot]
    reasons = {
        model.__name__: set(model.history.values_list("history_change_reason", flat=True)) for model in models
    }
    expected = f"Imported from {SEED_DOCX.name} by manage.py import_report"
    assert reasons == {model.__name__: {expected} for model in models}


@pytest.mark.django_db
def test_import_report_with_an_unknown_user_is_a_usage_error_and_saves_nothing():
    with pytest.raises(CommandError, match="--user nobody: no active user of that name"):
        run(SEED_DOCX, "--user", "nobody")

    assert Meeting.objects.count() == 0

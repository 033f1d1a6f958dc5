"""import_report with folders and .zip archives of reports: date order, refusals named, a closing table."""

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from meetings.importer import ImportRefused
from meetings.importer.sources import ArchiveLimits, _member_reader, collect
from meetings.models import AgendaItem, Meeting
from schedule.models import Slot
from tests.factories import make_secretariat_user
from tests.meetings.importer.command_output import closing_table, run
from tests.meetings.importer.documents import SEED_DOCX

SHAPES = Path(__file__).resolve().parents[3] / "fixtures" / "reports" / "shapes"
# The reports by their meetings' dates, as the import must take them.
BY_DATE = [
    (
        "mag-issue-specific-call-2013-04-17.docx",
        "Summary of the MAG Issue-Specific Call on Remote Participat… (2013-04-17)",
    ),
    (
        "mag-virtual-meeting-6-2015-05-05.docx",
        "Multistakeholder Advisory Group (MAG) Virtual Meeting 6 (2015-05-05)",
    ),
    (SEED_DOCX.name, "IGF Virtual Multistakeholder Advisory Group (MAG) Meeting VI (2016-08-30)"),
    ("mag-meeting-geneva-2017-06-13.docx", "Second MAG Meeting of the 2017 Cycle (2017-06-13)"),
    (
        "mag-virtual-meeting-xxi-2018-08-08.docx",
        "IGF Multistakeholder Advisory Group (MAG) Virtual Meeting -… (2018-08-08)",
    ),
]
WARNINGS = {
    "mag-issue-specific-call-2013-04-17.docx": "1 warning (on stderr)",
    "mag-virtual-meeting-6-2015-05-05.docx": "1 warning (on stderr)",
}


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def report_files():
    """The reports BY_DATE names: the folder's other shapes are read by their own tests."""
    names = {name for name, _meeting in BY_DATE}
    return [*sorted(path for path in SHAPES.glob("*.docx") if path.name in names), SEED_DOCX]


def expected_rows(prefix, status):
    return [
        [f"{prefix}/{name}", meeting, status, *([WARNINGS[name]] if name in WARNINGS else [])]
        for name, meeting in BY_DATE
    ]


@pytest.mark.django_db
def test_import_report_folder_imports_every_report_in_date_order_and_refuses_other_files(tmp_path):
    folder = tmp_path / "reports"
    (folder / "2016").mkdir(parents=True)
    for path in report_files():
        target = folder / ("2016" if "2016" in path.name else "") / path.name
        shutil.copy(path, target)
    (folder / "notes.txt").write_text("minutes to file")
    (folder / "~$g-meeting-geneva.docx").write_bytes(b"Word's lock file")
    (folder / ".DS_Store").write_bytes(b"\0")

    status, stdout, stderr = run(folder)

    assert status == 1
    rows = expected_rows(str(folder), "created")
    rows[2][0] = f"{folder}/2016/{SEED_DOCX.name}"
    assert closing_table(stdout) == (
        [*rows, [f"{folder}/notes.txt", "refused", "not a .docx report (.txt file)"]],
        "6 files: 5 created, 0 unchanged, 0 replaced, 1 refused",
    )
    assert [line.split(":")[0] for line in stdout.split("\nfile ")[0].splitlines()] == [
        name for name, _ in BY_DATE
    ]
    assert f"{folder}/notes.txt: not a .docx report (.txt file)\n" in stderr
    assert list(Meeting.objects.order_by("pk").values_list("date", flat=True)) == sorted(
        Meeting.objects.values_list("date", flat=True)
    )

    status, stdout, _stderr = run(folder)

    assert closing_table(stdout)[1] == "6 files: 0 created, 5 unchanged, 0 replaced, 1 refused"
    assert Meeting.objects.count() == 5


def hostile_archive(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for report in report_files():
            archive.write(report, f"reports/{report.name}")
        archive.writestr("../escape.docx", SEED_DOCX.read_bytes())
        archive.writestr("/absolute.docx", SEED_DOCX.read_bytes())
        archive.writestr("inner.zip", b"PK\x05\x06" + b"\0" * 18)
        archive.writestr("bomb.docx", b"\0" * (4 * 1024 * 1024))
        archive.writestr("old.doc", b"\xd0\xcf\x11\xe0")
        archive.writestr("__MACOSX/reports/._meeting.docx", b"resource fork")
    return path


@pytest.mark.django_db
def test_import_report_zip_refuses_traversal_nested_archives_and_bombs_and_imports_the_rest(tmp_path):
    archive = hostile_archive(tmp_path / "archive.zip")

    status, stdout, stderr = run(archive)

    assert status == 1
    assert closing_table(stdout) == (
        [
            *expected_rows(f"{archive}/reports", "created"),
            [
                f"{archive}/../escape.docx",
                "refused",
                "a path outside the archive (absolute or with ..); refused",
            ],
            [
                f"{archive}//absolute.docx",
                "refused",
                "a path outside the archive (absolute or with ..); refused",
            ],
            [
                f"{archive}/inner.zip",
                "refused",
                "an archive inside an archive is not opened; import it on its own",
            ],
            [f"{archive}/bomb.docx", "refused", "packed 1028 times, more than 200: refused as a zip bomb"],
            [
                f"{archive}/old.doc",
                "refused",
                "an old Word (.doc) file; open it in Word and save it as .docx",
            ],
        ],
        "10 files: 5 created, 0 unchanged, 0 replaced, 5 refused",
    )
    assert Meeting.objects.count() == 5
    assert not (tmp_path / "escape.docx").exists()
    assert "Traceback" not in stderr


def test_collect_archive_over_its_limits_is_refused_whole_or_by_member(tmp_path):
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zipped:
        for number in range(4):
            zipped.writestr(f"report-{number}.docx", b"x" * 2000)

    too_many = collect([str(archive)], limits=ArchiveLimits(members=3))
    too_big = collect([str(archive)], limits=ArchiveLimits(member_bytes=1000))
    too_much = collect([str(archive)], limits=ArchiveLimits(total_bytes=5000))

    assert [(s.name, s.problem) for s in too_many] == [
        (str(archive), "the archive holds 4 files, more than the 3 an archive may hold; split it")
    ]
    assert {s.problem for s in too_big} == {"0 MB unpacked, more than the 0 MB a report may be"}
    assert [s.problem for s in too_much] == [
        "",
        "",
        "the archive unpacks to more than 0 MB; the rest is not read",
        "the archive unpacks to more than 0 MB; the rest is not read",
    ]


def test_collect_archive_member_that_lies_about_its_size_is_refused_on_read(tmp_path):
    archive = tmp_path / "liar.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zipped:
        zipped.writestr("report.docx", b"x" * 5000)
    with zipfile.ZipFile(archive) as zipped:
        info = zipped.getinfo("report.docx")
    info.file_size = 10  # what a crafted archive would declare

    with pytest.raises(
        ImportRefused, match="^cannot be read from the archive: Bad CRC-32 for file 'report.docx'$"
    ):
        _member_reader(archive, info, ArchiveLimits(member_bytes=100))()


@pytest.mark.django_db
def test_import_report_dry_run_json_of_an_archive_one_line_a_report_in_archive_order(tmp_path):
    archive = tmp_path / "two.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(SEED_DOCX, "b.docx")
        zipped.write(SHAPES / "mag-virtual-meeting-6-2015-05-05.docx", "a.docx")

    status, stdout, stderr = run(archive, "--dry-run", "--json")

    assert (status, stderr) == (0, "")
    documents = [json.loads(line) for line in stdout.splitlines()]
    assert [list(document) for document in documents] == [["meeting", "items", "schedule", "warnings"]] * 2
    assert [document["meeting"]["date"] for document in documents] == ["2016-08-30", "2015-05-05"]
    assert Meeting.objects.count() == 0


@pytest.mark.django_db
def test_import_report_on_a_terminal_shows_a_progress_bar_and_the_table(tmp_path, monkeypatch):
    from meetings.management.commands import import_report

    monkeypatch.setattr(import_report, "_is_terminal", lambda stream: True)
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(SEED_DOCX, folder)
    shutil.copy(SHAPES / "mag-virtual-meeting-6-2015-05-05.docx", folder)

    status, stdout, stderr = run(folder)

    assert status == 0
    # The bar stands in for the lines of each file: stdout is the table alone.
    assert stdout.startswith("\nfile ")
    assert closing_table(stdout)[1] == "2 files: 2 created, 0 unchanged, 0 replaced, 0 refused"
    assert "importing: 100%" in stderr
    assert "4/4" in stderr
    assert stderr.rstrip().endswith("the line '2' looks like a page number and was not imported")


@pytest.mark.django_db
def test_import_report_zip_with_user_records_the_user_and_each_reports_own_file_in_its_history(tmp_path):
    user = make_secretariat_user(username="anja")
    archive = tmp_path / "reports.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in report_files():
            zipped.write(path, f"2016/{path.name}")

    status, _stdout, _stderr = run(archive, "--user", "anja")

    assert status == 0
    history = {
        (row.history_user_id, row.history_change_reason, row.history_type) for row in Meeting.history.all()
    }
    assert history == {
        (user.pk, f"Imported from {name} by manage.py import_report", "+") for name, _meeting in BY_DATE
    }
    for model in (AgendaItem, Slot):
        assert set(model.history.values_list("history_user", flat=True)) == {user.pk}

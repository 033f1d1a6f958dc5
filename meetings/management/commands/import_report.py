import json
import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from meetings.importer.services import BatchRow, collect_sources, import_reports, read_reports

STATUSES = ("created", "unchanged", "replaced", "refused")


class Command(BaseCommand):
    help = (
        "Import Word (.docx) summary reports, given as files, folders (read recursively) or .zip archives of "
        "reports: each becomes a meeting with its agenda items, decisions, annotations, footnotes and annex "
        "schedule. All are read first, then imported in the order of their meetings' dates, each in its own "
        "transaction. A file that cannot be imported is refused alone, with its reason, and the exit status "
        "is 1. The output ends with a table: file, meeting, created / unchanged / replaced / refused and why."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files",
            nargs="+",
            metavar="PATH",
            help="a .docx summary report, a folder of them, or a .zip of them",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="read and interpret only; write nothing to the database"
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="with --dry-run: print what each file says as one JSON document per line",
        )
        parser.add_argument("--publish", action="store_true", help="publish the meeting and its schedule")
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="the portal user who imports, recorded in the history of every row the import writes",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="update a meeting imported before from an earlier version of the report, "
            "keeping what staff added or edited by hand",
        )

    def handle(self, *args, files, dry_run, publish, replace, user, **options):
        as_json = options["json"]
        if as_json and not dry_run:
            raise CommandError("--json needs --dry-run: a saving import prints one summary line per file")
        importer = None
        if user is not None:
            importer = get_user_model()._default_manager.filter(username=user, is_active=True).first()
            if importer is None:
                raise CommandError(f"--user {user}: no active user of that name")
        sources = collect_sources(files)
        # On a terminal a progress bar stands in for the lines of each file; piped or in a log,
        # each file has its line as it is done.
        interactive = _is_terminal(self.stderr) and not as_json
        bar = tqdm(
            total=len(sources) * (1 if dry_run else 2),
            unit="step",
            desc="reading",
            file=getattr(self.stderr, "_out", sys.stderr),  # the stream itself: OutputWrapper ends lines
            disable=not interactive,
            dynamic_ncols=True,
        )

        def step(_name: str) -> None:
            bar.update(1)
            if bar.n >= len(sources):
                bar.set_description("importing")

        with bar:
            if dry_run:
                rows = read_reports(sources, step=step)
                if not interactive:
                    for row in rows:
                        self._dry_run_line(row, as_json=as_json)
            else:
                rows = import_reports(
                    sources,
                    publish=publish,
                    replace=replace,
                    user=importer,
                    via="manage.py import_report",
                    step=step,
                    done=None if interactive else self._import_line,
                )
        if interactive:
            for row in rows:
                self._warnings(row)
        if not as_json:
            self.stdout.write(render_table(rows, dry_run=dry_run))
        if any(row.status == "refused" for row in rows):
            # Each refusal already has its line; a CommandError would add another.
            sys.exit(1)

    def _dry_run_line(self, row: BatchRow, *, as_json: bool) -> None:
        if row.report is None:
            self.stderr.write(f"{row.file}: {row.why}")
        elif as_json:
            self.stdout.write(json.dumps(row.report.as_json(), ensure_ascii=False))
        else:
            report = row.report
            self.stdout.write(
                f"{row.file}: would import {report.meeting.title} ({len(report.items)} agenda items, "
                f"{len(report.warnings)} warnings)"
            )

    def _import_line(self, row: BatchRow) -> None:
        if row.status == "refused":
            self.stderr.write(f"{row.file}: {row.why}")
            return
        self.stdout.write(row.outcome.summary())
        self._warnings(row)

    def _warnings(self, row: BatchRow) -> None:
        # Warnings go to stderr so stdout stays one summary line per file.
        for warning in row.warnings:
            self.stderr.write(f"{row.file}: warning: {warning}")


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def render_table(rows: list[BatchRow], *, dry_run: bool) -> str:
    """The closing table: one row a file, in the order the files were imported."""
    header = ("file", "meeting", "result", "why")
    lines = []
    for row in rows:
        status = row.status
        if dry_run and status == "read":
            status = "would import"
        why = row.why
        if not why and row.outcome is not None and row.outcome.kept:
            why = f"kept {len(row.outcome.kept)} staff rows"
        if not why and row.warnings:
            why = f"{len(row.warnings)} warning{'' if len(row.warnings) == 1 else 's'} (on stderr)"
        lines.append((row.file, _meeting(row), status, why))
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(3)]
    counts = {status: sum(row.status == status for row in rows) for status in STATUSES}
    out = ["", "  ".join(h.ljust(w) for h, w in zip(header, [*widths, 0], strict=True)).rstrip()]
    out.append("  ".join("-" * w for w in [*widths, len(header[3])]))
    for line in lines:
        out.append("  ".join(value.ljust(w) for value, w in zip(line, [*widths, 0], strict=True)).rstrip())
    if dry_run:
        read = sum(row.status == "read" for row in rows)
        out.append(f"{len(rows)} files: {read} would be imported, {counts['refused']} refused")
    else:
        out.append(f"{len(rows)} files: " + ", ".join(f"{counts[status]} {status}" for status in STATUSES))
    return "\n".join(out)


def _meeting(row: BatchRow) -> str:
    if row.report is None:
        return ""
    meeting = row.report.meeting
    return f"{_cut(meeting.title, 60)} ({meeting.date.isoformat() if meeting.date else 'no date'})"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

import json
import logging
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from meetings.importer import ImportRefused
from meetings.importer.services import import_report, parse_report

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Import Word (.docx) summary reports: each file becomes a meeting with its agenda items, decisions, "
        "annotations, footnotes and annex schedule, in one transaction per file. A file that cannot be "
        "imported is reported on stderr and left out; the other files are still processed, and the exit "
        "status is 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="a .docx summary report")
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
        failed = 0
        for name in files:
            try:
                data = self._read(name)
                if dry_run:
                    report = parse_report(data)
                    if as_json:
                        self.stdout.write(_json_line(report.as_json()))
                    else:
                        self.stdout.write(
                            f"{name}: would import {report.meeting.title} ({len(report.items)} agenda items, "
                            f"{len(report.warnings)} warnings)"
                        )
                    continue
                outcome = import_report(
                    data,
                    source_name=Path(name).name,
                    publish=publish,
                    replace=replace,
                    user=importer,
                    via="manage.py import_report",
                )
                self.stdout.write(outcome.summary())
                # Warnings go to stderr so stdout stays one summary line per file.
                for warning in outcome.warnings:
                    self.stderr.write(f"{name}: warning: {warning}")
            except ImportRefused as error:
                failed += 1
                self.stderr.write(f"{name}: {_one_line(error)}")
            except Exception as error:
                # Never a traceback for one bad file: the others are still imported.
                logger.exception("importing %s failed", name)
                failed += 1
                self.stderr.write(f"{name}: unexpected error: {_one_line(error)}")
        if failed:
            # Each failure already has its line on stderr; a CommandError would add another.
            sys.exit(1)

    def _read(self, name: str) -> bytes:
        path = Path(name)
        if not path.exists():
            raise ImportRefused("no such file")
        if path.is_dir():
            raise ImportRefused("is a directory, not a .docx file")
        try:
            return path.read_bytes()
        except OSError as error:
            raise ImportRefused(f"cannot be read: {error.strerror or error}") from None


def _json_line(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False)


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__

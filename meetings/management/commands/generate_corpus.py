import sys
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.corpus import CorpusOutcome, write_corpus

PROGRESS_EVERY = 100


class Command(BaseCommand):
    help = (
        "Write a synthetic archive of N summary reports as .docx files (deterministic for a seed, spread "
        "over the 2016-2025 cycles) and import each through the importer, one transaction per file. "
        "For load and scaling tests: never run it against the production database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reports", type=int, required=True, metavar="N", help="how many reports")
        parser.add_argument("--seed", type=int, default=0, metavar="S", help="corpus seed (default 0)")
        parser.add_argument(
            "--out", metavar="DIR", help="where to write the .docx files (default: a temporary folder)"
        )
        parser.add_argument("--no-import", action="store_true", help="only write the files")

    def handle(self, *args, reports, seed, out, no_import, **options):
        if reports < 1:
            raise CommandError("--reports must be at least 1")
        if no_import and not out:
            raise CommandError("--no-import needs --out: the files would be written and thrown away")
        if out and Path(out).exists() and not Path(out).is_dir():
            raise CommandError(f"--out {out}: exists and is not a directory")
        if out:
            outcome = self._write(reports, seed, Path(out), not no_import)
        else:
            with tempfile.TemporaryDirectory(prefix="magportal-corpus-") as folder:
                outcome = self._write(reports, seed, Path(folder), True)
        self.stdout.write(outcome.summary())
        for failure in outcome.failed:
            self.stderr.write(failure)
        if outcome.failed:
            sys.exit(1)

    def _write(self, reports: int, seed: int, out: Path, import_reports: bool) -> CorpusOutcome:
        def progress(outcome: CorpusOutcome) -> None:
            if outcome.written % PROGRESS_EVERY == 0 and outcome.written < reports:
                self.stdout.write(f"{outcome.written}/{reports} reports, {outcome.seconds:.1f} s")

        try:
            return write_corpus(
                count=reports, seed=seed, out=out, import_reports=import_reports, progress=progress
            )
        except OSError as error:
            raise CommandError(f"--out {out}: {error.strerror or error}") from None

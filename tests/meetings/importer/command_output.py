"""Running import_report in a test and reading its output: the lines of each file, the closing table."""

import io
import re

from django.core.management import call_command


def run(*args):
    """(exit status, stdout, stderr) of import_report."""
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        call_command("import_report", *map(str, args), stdout=stdout, stderr=stderr)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return status, stdout.getvalue(), stderr.getvalue()


def summary(stdout):
    """The output before the closing table: one line a file."""
    return stdout.split("\nfile ")[0]


def closing_table(stdout):
    """The closing table's rows (file, meeting, result, why) and its last line."""
    lines = stdout.split("\nfile ")[1].splitlines()[2:]
    return [re.split(r" {2,}", line) for line in lines[:-1]], lines[-1]

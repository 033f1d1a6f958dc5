"""make loadtest: gunicorn with the production settings, driven from this process.

    python -m loadtest [--duration 60] [--concurrency 32] [--url /path/ ...]

URLs default to the session grid, a meeting report and the decision search,
with slugs taken from the database (DATABASE_URL, or a fresh SQLite file with
the sample data). Any answer other than 2xx counts as an error; the exit
status is 1 when there was any.
"""

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from loadtest.client import report, run_load
from loadtest.server import ROOT, SEED_REPORT, free_port, gunicorn, manage, production_env

DEFAULT_URLS = ["/schedule/{event}/", "/meetings/{meeting}/", "/decisions/?q=schedule"]

_SLUGS = (
    "import json; from meetings.models import Meeting; from schedule.models import Event; "
    "m = Meeting.objects.published().order_by('-date').first(); "
    "e = Event.objects.published().order_by('-start_date').first(); "
    "print(json.dumps({'meeting': m and m.slug, 'event': e and e.slug}))"
)


def discover_slugs(env: dict[str, str]) -> dict[str, str]:
    output = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", _SLUGS],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {name: slug or f"no-published-{name}" for name, slug in json.loads(output).items()}


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m loadtest", description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (default 60)")
    parser.add_argument("--concurrency", type=int, default=32, help="open connections (default 32)")
    parser.add_argument("--warmup", type=float, default=3, help="seconds of uncounted load first (default 3)")
    parser.add_argument("--max-requests", type=int, default=500_000, help="stop after this many requests")
    parser.add_argument(
        "--url",
        action="append",
        dest="urls",
        help="a path to request, repeatable; {event} and {meeting} become published slugs "
        f"(default: {' '.join(DEFAULT_URLS)})",
    )
    parser.add_argument(
        "--workers", type=int, help="gunicorn workers (default: WEB_CONCURRENCY or 2×cores+1)"
    )
    parser.add_argument(
        "--database-url",
        help="database to serve (default: DATABASE_URL from the environment, else a fresh SQLite file)",
    )
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    try:
        return run(args)
    except subprocess.CalledProcessError as error:
        print(f"loadtest: {' '.join(error.cmd[1:])} failed (exit {error.returncode})", file=sys.stderr)
    except RuntimeError as error:
        print(f"loadtest: {error}", file=sys.stderr)
    return 1


def run(args: argparse.Namespace) -> int:
    if not 0 < args.duration <= 600 or not 0 < args.concurrency <= 256 or not 0 <= args.warmup <= 60:
        limits = "--duration must be in (0, 600] s, --warmup in [0, 60] s, --concurrency in (0, 256]"
        print(f"loadtest: {limits}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="magportal-loadtest-") as scratch:
        database_url = (
            args.database_url
            or os.environ.get("DATABASE_URL")
            or f"sqlite:///{Path(scratch) / 'loadtest.sqlite3'}"
        )
        env = production_env(database_url=database_url, STATIC_ROOT=str(Path(scratch) / "static"))
        print(f"Preparing {database_url.split('@')[-1]}: migrate, sample data, collectstatic")
        manage("migrate", "--noinput", "-v0", env=env)
        manage("import_report", SEED_REPORT, "--publish", "--replace", env=env)
        manage("collectstatic", "--noinput", "-v0", env=env)
        paths = [url.format(**discover_slugs(env)) for url in (args.urls or DEFAULT_URLS)]
        with gunicorn(env=env, port=free_port(), workers=args.workers) as base_url:
            print(
                f"Load: {args.concurrency} connections for {args.duration:g} s against {base_url} "
                f"({args.workers or os.environ.get('WEB_CONCURRENCY') or 2 * os.cpu_count() + 1} workers)"
            )
            # Each worker imports and compiles templates on its first requests; not what is measured.
            warmup = run_load(
                base_url, paths, duration=args.warmup, concurrency=args.concurrency, max_requests=10_000
            )
            asyncio.run(warmup)
            stats, elapsed = asyncio.run(
                run_load(
                    base_url,
                    paths,
                    duration=args.duration,
                    concurrency=args.concurrency,
                    max_requests=args.max_requests,
                )
            )
    print(report(stats, elapsed))
    errors = sum(row.errors for row in stats.values())
    requests = sum(row.requests for row in stats.values())
    return 0 if requests and not errors else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

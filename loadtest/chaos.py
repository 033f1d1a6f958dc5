"""make chaos: restart PostgreSQL under load and measure how the app recovers.

    python -m loadtest.chaos [--concurrency 8] [--warmup 5] [--after 10]

Runs against a private PostgreSQL cluster "magchaos" on port 5433, created on
first use (Debian's pg_createcluster; loopback connections trusted, as it
holds only sample data), never against the shared server on 5432. Gunicorn
serves the production settings from it while this process sends requests;
halfway, the cluster is restarted. The report gives the errors seen while
it was down and how long after the restart began the app answered normally
again. Exit status 1 when any answer was a 500 or the app did not recover.
"""

import argparse
import asyncio
import dataclasses
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from loadtest.client import fetch
from loadtest.server import SEED_REPORT, free_port, gunicorn, manage, production_env

VERSION, CLUSTER, PORT, DATABASE = "15", "magchaos", 5433, "magchaos"
PATHS = ["/", "/meetings/igf-virtual-multistakeholder-advisory-group-mag-meeting-vi-2016-08-30/", "/health/"]


def _run(*command: str) -> None:
    subprocess.run(command, check=True, capture_output=True, text=True)


def ensure_cluster() -> str:
    """Create (once) and start the private cluster and its database; returns DATABASE_URL."""
    listed = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True)
    if not any(line.split()[:2] == [VERSION, CLUSTER] for line in listed.stdout.splitlines()):
        print(f"Creating PostgreSQL cluster {VERSION}/{CLUSTER} on port {PORT}")
        _run(
            "pg_createcluster", VERSION, CLUSTER, "--port", str(PORT),
            "--", "--auth-local=trust", "--auth-host=trust",
        )  # fmt: skip
    status = subprocess.run(["pg_ctlcluster", VERSION, CLUSTER, "status"], capture_output=True)
    if status.returncode != 0:
        _run("pg_ctlcluster", "--skip-systemctl-redirect", VERSION, CLUSTER, "start")
    exists = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-p", str(PORT), "-U", "postgres", "-tAc",
         f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    if exists.stdout.strip() != "1":
        _run("createdb", "-h", "127.0.0.1", "-p", str(PORT), "-U", "postgres", DATABASE)
    return f"postgres://postgres@127.0.0.1:{PORT}/{DATABASE}"


@dataclasses.dataclass(frozen=True)
class Answer:
    """One request: when it started and ended (seconds from the drill's start) and its status."""

    started: float
    ended: float
    status: str


async def drive(
    base_url: str, *, concurrency: int, warmup: float, after: float
) -> tuple[list[Answer], float, float]:
    """Requests from ``concurrency`` connections; restarts the cluster after ``warmup`` seconds.

    Returns every answer, and when the restart began and ended. Stops ``after``
    seconds after the restart, and in any case after 120 seconds.
    """
    answers: list[Answer] = []
    origin = time.monotonic()
    restart: dict[str, float] = {}
    hard_stop = origin + 120

    def now() -> float:
        return time.monotonic() - origin

    def done() -> bool:
        ended = restart.get("ended")
        return time.monotonic() > hard_stop or (ended is not None and now() > ended + after)

    async def worker(offset: int) -> None:
        turn = offset
        while not done():
            began = now()
            status = await fetch(base_url, PATHS[turn % len(PATHS)], timeout=10)
            answers.append(Answer(began, now(), status))
            turn += 1

    async def restarter() -> None:
        await asyncio.sleep(warmup)
        restart["began"] = now()
        command = ["pg_ctlcluster", "--skip-systemctl-redirect", VERSION, CLUSTER, "restart"]
        process = await asyncio.create_subprocess_exec(*command)
        await process.wait()
        restart["ended"] = now()

    await asyncio.gather(restarter(), *(worker(offset) for offset in range(concurrency)))
    return answers, restart["began"], restart["ended"]


def summarise(answers: list[Answer], began: float, ended: float) -> tuple[str, bool]:
    failed = [a for a in answers if not a.status.startswith("2")]
    before = [a for a in answers if a.ended < began]
    last_failure = max((a.ended for a in failed), default=None)
    recovered_at = last_failure if last_failure is not None else began
    tail = [a for a in answers if a.started > recovered_at]
    lines = [
        f"restart of {VERSION}/{CLUSTER} took {ended - began:.2f} s (from {began:.2f} s to {ended:.2f} s)",
        f"requests: {len(answers)} in all, {len(before)} before the restart, "
        f"{len(tail)} after the last error",
        f"answers: {dict(sorted(Counter(a.status for a in answers).items()))}",
        f"errors: {len(failed)}"
        + (
            f", from {min(a.started for a in failed) - began:+.2f} s to {last_failure - began:+.2f} s "
            "relative to the restart's start"
            if failed
            else ""
        ),
        f"recovered (every later answer 2xx) {recovered_at - began:.2f} s after the restart began "
        f"(pg_ctlcluster, which waits for the server to be ready, returned after {ended - began:.2f} s)",
    ]
    healthy = "500" not in {a.status for a in answers} and len(tail) > 0 and bool(before)
    return "\n".join(lines), healthy


def main(argv: list[str]) -> int:
    try:
        return drill(argv)
    except subprocess.CalledProcessError as error:
        # The command's own last line of complaint, when it was captured.
        complaint = (error.stderr or "").strip().splitlines() if isinstance(error.stderr, str) else []
        detail = complaint[-1] if complaint else ""
        print(f"chaos: {' '.join(error.cmd)} failed (exit {error.returncode}) {detail}", file=sys.stderr)
    except RuntimeError as error:
        print(f"chaos: {error}", file=sys.stderr)
    return 1


def drill(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtest.chaos", description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=8, help="open connections (default 8)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--warmup", type=float, default=5, help="seconds of load before the restart")
    parser.add_argument("--after", type=float, default=10, help="seconds of load after the restart")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="magportal-chaos-") as scratch:
        # Production settings serve hashed static files: the pages need a collected manifest.
        env = production_env(database_url=ensure_cluster(), STATIC_ROOT=str(Path(scratch) / "static"))
        manage("migrate", "--noinput", "-v0", env=env)
        manage("import_report", SEED_REPORT, "--publish", "--replace", env=env)
        manage("collectstatic", "--noinput", "-v0", env=env)
        with gunicorn(env=env, port=free_port(), workers=args.workers) as base_url:
            print(f"Load: {args.concurrency} connections against {base_url}; restart after {args.warmup:g} s")
            answers, began, ended = asyncio.run(
                drive(base_url, concurrency=args.concurrency, warmup=args.warmup, after=args.after)
            )
    _run("pg_ctlcluster", "--skip-systemctl-redirect", VERSION, CLUSTER, "stop")
    text, healthy = summarise(answers, began, ended)
    print(text)
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""MAG Portal benchmark: `make bench` runs this, prints the table and writes benchmarks/results.md.

Each measurement runs in its own subprocess (``run.py --step NAME``) with its own
DATABASE_URL, and prints one JSON line; this script orders them, keeps within
the time bound, and writes the results. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import hashlib
import io
import json
import os
import platform
import posixpath
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "benchmarks"
CACHE_DIR = HERE / ".cache"
PYTHON = sys.executable
SAMPLE = ROOT / "fixtures" / "reports" / "mag-virtual-meeting-vi-2016-08-30.docx"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
SEED = 0
SMALL, LARGE = 300, 3000
BUDGET_SECONDS = 9 * 60
SEARCH_WORDS = ["fundraising", "working group", "january"]
GRID_EVENT = "igf-2025"
REPORT_INDEX = 150  # a report of both archives, its page measured
BASE_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "benchmark-only-secret-key-not-used-anywhere-else",
    "ALLOWED_HOSTS": "testserver,127.0.0.1",
    "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
    "LOG_LEVEL": "ERROR",
    "SECURE_SSL_REDIRECT": "false",
}


# -- helpers used inside steps -----------------------------------------------------------------


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _median_ms(function, *, runs: int, warmup: int = 2, clock=time.perf_counter) -> float:
    for _ in range(warmup):
        function()
    times = []
    for _ in range(runs):
        started = clock()
        function()
        times.append((clock() - started) * 1000)
    return statistics.median(times)


def _emit(result: dict) -> None:
    print("RESULT " + json.dumps(result), flush=True)


# -- steps (each runs in a subprocess) ---------------------------------------------------------


def step_parse(args) -> None:
    """Reading the sample: ours (read + interpret) against mammoth and against bare zip + lxml."""
    import io
    import zipfile

    import mammoth
    from lxml import etree

    _setup_django()
    from meetings.importer.decisions import classify_sentences
    from meetings.importer.interpret import interpret_document
    from meetings.importer.reader import read_document

    data = SAMPLE.read_bytes()
    texts = [item.text for item in interpret_document(read_document(data)).items]

    def recognise():
        for text in texts:
            classify_sentences(text)

    def ours():
        interpret_document(read_document(data))

    def theirs():
        mammoth.convert_to_html(io.BytesIO(data))

    def floor():
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if name.endswith((".xml", ".rels")):
                    etree.fromstring(archive.read(name))

    # Interleaved rounds, so a burst of load on the shared machine hits all three alike.
    rounds = {"ours": [], "mammoth": [], "floor": [], "recognise": []}
    theirs()  # mammoth takes a second a call here: one warm-up and one call per round
    for _ in range(args.rounds):
        rounds["ours"].append(_median_ms(ours, runs=5, warmup=1))
        rounds["mammoth"].append(_median_ms(theirs, runs=1, warmup=0))
        rounds["floor"].append(_median_ms(floor, runs=5, warmup=1))
        rounds["recognise"].append(_median_ms(recognise, runs=5, warmup=1))
    _emit({name: statistics.median(values) for name, values in rounds.items()})


SHAPES_DIR = ROOT / "fixtures" / "reports"
CORPUS_DIR = ROOT / "fixtures" / "corpus"
SEED_TEXT = ROOT.parent / "shared" / "seed" / "mag-virtual-meeting-vi-2016-08-30.txt"


def shape_files() -> list[tuple[str, bytes]]:
    """Every report shape (fixtures/reports/, subfolders included), every file of fixtures/corpus/,
    and, where pandoc is installed, the seed's text written as .docx by pandoc."""
    files = [(str(path.relative_to(ROOT)), path.read_bytes()) for path in sorted(SHAPES_DIR.rglob("*.docx"))]
    files += [(str(path.relative_to(ROOT)), path.read_bytes()) for path in sorted(CORPUS_DIR.rglob("*.docx"))]
    if shutil.which("pandoc") and SEED_TEXT.exists():
        with tempfile.TemporaryDirectory() as folder:
            output = Path(folder) / "seed.docx"
            done = subprocess.run(
                ["pandoc", str(SEED_TEXT), "-f", "markdown", "-t", "docx", "-o", str(output)],
                capture_output=True,
                timeout=60,
            )
            if done.returncode == 0:
                files.append(("the seed's text written by pandoc", output.read_bytes()))
    return files


def step_parse_shapes(args) -> None:
    """Each shape and corpus file: ours (read + interpret, CPU time) against mammoth (CPU time)."""
    import io

    import mammoth

    _setup_django()
    from meetings.importer import ImportRefused
    from meetings.importer.interpret import interpret_document
    from meetings.importer.reader import read_document

    def ours(data):
        # A corpus file that is no report is read all the same, then refused.
        with contextlib.suppress(ImportRefused):
            interpret_document(read_document(data))

    def theirs(data):
        mammoth.convert_to_html(io.BytesIO(data))

    files = shape_files()
    failures = {}
    for name, data in files:
        ours(data)
        try:
            theirs(data)
        except Exception as error:  # mammoth cannot read it: measured for us only
            failures[name] = type(error).__name__
    # Interleaved rounds, every file in each, so a burst of load on the shared machine falls on all
    # files alike rather than on the few measured while it lasts.
    rounds: dict[str, dict[str, list[float]]] = {name: {"ours": [], "mammoth": []} for name, _data in files}
    for _ in range(args.rounds):
        for name, data in files:
            rounds[name]["ours"].append(
                _median_ms(lambda data=data: ours(data), runs=args.runs, warmup=1, clock=time.process_time)
            )
            if name not in failures:
                rounds[name]["mammoth"].append(
                    _median_ms(lambda data=data: theirs(data), runs=1, warmup=0, clock=time.process_time)
                )

    def text_kb(data) -> float:
        document = read_document(data)
        paragraphs = [
            paragraph
            for block in document.blocks
            for paragraph in (
                [block]
                if hasattr(block, "text")
                else [p for row in block.rows for c in row for p in c.paragraphs]
            )
        ]
        return max(sum(len(p.text) for p in paragraphs) + sum(len(n.text) for n in document.notes), 1) / 1024

    results = [
        {
            "name": name,
            "kb": len(data) / 1024,
            "text_kb": text_kb(data),
            "xml_kb": own_xml_kb(data),
            "ours": statistics.median(rounds[name]["ours"]),
            "mammoth": statistics.median(rounds[name]["mammoth"]) if name not in failures else None,
            "failure": failures.get(name, ""),
        }
        for name, data in files
    ]
    _emit({"files": results, "at": _now(), "load": " ".join(f"{value:.2f}" for value in os.getloadavg())})


#: The parts that hold a report's own content, by relationship type: what grows with the report.
OWN_PARTS = ("/footnotes", "/endnotes", "/comments", "/numbering")


def own_xml_kb(data: bytes) -> float:
    """Kilobytes of the report's own XML, unpacked: its document part and the notes, comments and
    list numbering it links to. Not the styles, theme, fonts and settings a template brings, which
    are alike in every document a tool writes (python-docx's template: 790 KB unpacked)."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = set(archive.namelist())

    def targets(rels_name: str, folder: str, wanted) -> list[str]:
        if rels_name not in names:
            return []
        found = []
        for relationship in ElementTree.fromstring(archive.read(rels_name)):
            kind, target = relationship.get("Type", ""), relationship.get("Target", "")
            if wanted(kind) and relationship.get("TargetMode") != "External":
                found.append(posixpath.normpath(posixpath.join(folder, target)).lstrip("/"))
        return found

    documents = targets("_rels/.rels", "", lambda kind: kind.endswith("/officeDocument"))
    parts = list(documents)
    for document in documents:
        folder, base = posixpath.split(document)
        parts += targets(f"{folder}/_rels/{base}.rels", folder, lambda kind: kind.endswith(OWN_PARTS))
    return max(sum(archive.getinfo(part).file_size for part in set(parts) if part in names), 1) / 1024


def step_import_sample(args) -> None:
    """A full import of the sample, each run in a transaction rolled back afterwards."""
    _setup_django()
    from django.core.management import call_command
    from django.db import connection, transaction

    from meetings.importer.services import import_report

    call_command("migrate", verbosity=0)
    data = SAMPLE.read_bytes()

    class Rollback(Exception):
        pass

    def once():
        try:
            with transaction.atomic():
                outcome = import_report(data, source_name=SAMPLE.name, publish=True)
                assert outcome.status == "created", outcome.summary()
                raise Rollback
        except Rollback:
            pass

    # CPU time of this process too: on a shared machine wall time includes waiting for a core.
    cpu = _median_ms(once, runs=args.runs, warmup=3, clock=time.process_time)
    _emit({"ms": _median_ms(once, runs=args.runs), "cpu_ms": cpu, "vendor": connection.vendor})


def step_export_sample(args) -> None:
    """The sample report as a Word document through its view: the Secretariat's copy (with its
    comments) and the public's, with the sample imported in a transaction rolled back afterwards."""
    _setup_django()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client

    from meetings.importer.services import import_report
    from meetings.roles import SECRETARIAT

    call_command("migrate", verbosity=0)
    results = {}
    with transaction.atomic():
        meeting = import_report(SAMPLE.read_bytes(), source_name=SAMPLE.name, publish=True).meeting
        user = User.objects.create_user("bench-secretariat", is_staff=True)
        user.groups.add(Group.objects.get(name=SECRETARIAT))
        secretariat = Client()
        secretariat.force_login(user)
        for label, client in (("secretariat", secretariat), ("public", Client())):

            def get(client=client):
                response = client.get(f"/meetings/{meeting.slug}.docx")
                assert response.status_code == 200, response.status_code

            results[label] = {
                "ms": _median_ms(get, runs=args.runs),
                "cpu_ms": _median_ms(get, runs=args.runs, clock=time.process_time),
            }
        transaction.set_rollback(True)
    _emit(results)


#: Paragraphs of the long reports; the larger is four times the smaller.
LONG_REPORTS = (500, 2_000)


def step_import_long(args) -> None:
    """Imports of long reports (benchmarks/long_report.py), rolled back: does the time grow linearly?"""
    _setup_django()
    from django.core.management import call_command
    from django.db import connection, transaction

    from benchmarks.long_report import long_report
    from meetings.importer.services import import_report

    call_command("migrate", verbosity=0)

    class Rollback(Exception):
        pass

    result = {"vendor": connection.vendor}
    for paragraphs in LONG_REPORTS:
        data = long_report(paragraphs)

        def once(data=data, paragraphs=paragraphs):
            try:
                with transaction.atomic():
                    outcome = import_report(data, source_name=f"long-{paragraphs}.docx")
                    assert outcome.counts["items"] == paragraphs, outcome.summary()
                    raise Rollback
            except Rollback:
                pass

        result[str(paragraphs)] = _median_ms(once, runs=args.runs, warmup=1)
    _emit(result)


def step_migrate(args) -> None:
    _setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    _emit({"migrated": True})


def step_build(args) -> None:
    """Import the corpus (its part ``--part`` of ``--parts``) into a migrated database; times the import.

    Parts split by year, so parallel parts never share an annual meeting's event.
    """
    _setup_django()
    from benchmarks.corpus import YEARS, generate_reports
    from meetings.importer.services import import_report

    folder = Path(tempfile.mkdtemp(prefix="magportal-bench-corpus-"))
    try:
        names = []
        for report in generate_reports(count=args.reports, seed=SEED):
            if (report.index % YEARS) % args.parts != args.part:
                continue
            (folder / report.name).write_bytes(report.data)
            names.append((report.name, report.publish))
        started = time.perf_counter()
        cpu_started = time.process_time()
        for name, publish in names:
            outcome = import_report((folder / name).read_bytes(), source_name=name, publish=publish)
            assert outcome.status == "created", outcome.summary()
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    _emit({"reports": len(names), "seconds": seconds, "cpu_seconds": cpu_seconds, "peak_mb": peak_kb / 1024})


def build_corpus(database: str, reports: int, *, parts: int, media: str) -> dict:
    """A fresh database ``database`` holding the corpus, imported by ``parts`` processes at once."""
    recreate_database(database)
    env = {"DATABASE_URL": pg_url(database), "MEDIA_ROOT": media}
    run_step("migrate", env=env)
    commands = [
        [PYTHON, str(HERE / "run.py"), "--step", "build", "--reports", str(reports)]
        + ["--part", str(part), "--parts", str(parts)]
        for part in range(parts)
    ]
    started = time.perf_counter()
    results = _run_parallel(commands, env=env, timeout=900)
    seconds = time.perf_counter() - started
    vacuum_analyze(database)
    # One process's own import time is the single-process rate; parallel parts count by wall time.
    if parts == 1:
        seconds = results[0]["seconds"]
    return {
        "cpu_seconds": sum(result.get("cpu_seconds", 0) for result in results),
        "reports": sum(result["reports"] for result in results),
        "seconds": seconds,
        "peak_mb": max(result["peak_mb"] for result in results),
        "processes": parts,
        **run_step("sizes", env=env),
    }


def _run_parallel(commands: list[list[str]], *, env: dict, timeout: float) -> list[dict]:
    processes = [
        subprocess.Popen(
            command,
            env={**os.environ, **BASE_ENV, **env},
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for command in commands
    ]
    results = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=timeout)
        results.append(_result_of(stdout, stderr, "build"))
    return results


def step_sizes(args) -> None:
    _setup_django()
    _emit(_sizes())


def _sizes() -> dict:
    from meetings.models import AgendaItem, Decision, Meeting

    return {
        "meetings": Meeting.objects.count(),
        "items": AgendaItem.objects.count(),
        "decisions": Decision.objects.count(),
    }


def step_pages(args) -> None:
    """Server-side time and query count of the public pages, through Django's test client."""
    _setup_django()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from benchmarks.corpus import FIRST_YEAR, generate_report
    from meetings.importer.save import meeting_slug

    report = generate_report(index=REPORT_INDEX, seed=SEED)
    pages = [
        ("grid, cache cold", f"/schedule/{GRID_EVENT}/", True),
        ("grid, cache warm", f"/schedule/{GRID_EVENT}/", False),
        # Rendered each time (cache cleared): anonymous visitors get these from the page cache.
        ("report page", f"/meetings/{meeting_slug(report.title, report.date)}/", True),
        ("decisions list", "/decisions/", True),
        # Beyond the four: the other pages of a visit, and the filter that walks furthest.
        ("home", "/", True),
        ("meetings list", "/meetings/", True),
        ("decisions of the oldest cycle", f"/decisions/?cycle_year={FIRST_YEAR}", True),
        *(
            (f"decisions search '{word}'", f"/decisions/?q={word.replace(' ', '+')}", True)
            for word in SEARCH_WORDS
        ),
    ]
    client = Client()
    results = {}
    search_sql = {}
    for word in SEARCH_WORDS:
        # The SQL the search page runs, for its plans.
        with CaptureQueriesContext(connection) as queries:
            client.get(f"/decisions/?q={word.replace(' ', '+')}")
        search_sql[word] = [query["sql"] for query in queries.captured_queries if "@@" in query["sql"]]
    for label, url, cold in pages:

        def get(url=url, cold=cold):
            if cold:
                cache.clear()
            return client.get(url)

        response = get()
        if response.status_code != 200:
            results[label] = {"status": response.status_code}
            continue
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            get()
            first_ms = (time.perf_counter() - started) * 1000
        # Counted now: captured_queries reads the connection's log, which each request resets.
        count = len(queries.captured_queries)
        # A page far off its target gets fewer runs, so the run stays within its time bound.
        runs = args.runs if first_ms < 200 else 5
        results[label] = {"ms": _median_ms(get, runs=runs, warmup=1), "queries": count, "runs": runs}
    _emit({"pages": results, "plans": _search_plans(search_sql), **_sizes()})


def _search_plans(search_sql: dict[str, list[str]]) -> dict:
    """The indexes in the plans of the queries each search page ran (its count, then its page)."""
    from django.db import connection

    plans = {}
    with connection.cursor() as cursor:
        for word, statements in search_sql.items():
            plans[word] = []
            for sql in statements:
                cursor.execute(f"EXPLAIN {sql}")
                plan = "\n".join(row[0] for row in cursor.fetchall())
                indexes = re.findall(
                    r"(?:Index Scan(?: Backward)? using|Index Only Scan using|Index Scan on) (\w+)", plan
                )
                plans[word].append(sorted(set(indexes)))
    return plans


#: The anonymous pages of the throughput targets: (key, label, ratio to the trivial view's rate).
PUBLIC_PAGES = [
    ("grid", f"grid `/schedule/{GRID_EVENT}/`", 0.5),
    ("report", "a report page", 0.5),
    ("home", "home `/`", 0.5),
    ("meetings", "meetings list `/meetings/`", 0.5),
    ("decision", "a decision's page", 0.5),
    ("search", f"decisions search '{SEARCH_WORDS[0]}', asked again (from the page cache)", 0.25),
    ("search-new", f"decisions search '{SEARCH_WORDS[0]}', a new address each time (rendered)", None),
]
#: wrk's requests for "search-new": the same search, with a parameter the page ignores made new for
#: each request, so that none is served from the page cache.
WRK_NEW_ADDRESS_LUA = """
local thread_id = tostring({}):sub(8)
local count = 0
request = function()
  count = count + 1
  return wrk.format("GET", wrk.path .. "&n=" .. thread_id .. "-" .. count)
end
"""
LATENCY_CONNECTIONS = 64
PAGE_ROUNDS = 3


def step_page_urls(args) -> None:
    """The addresses of the throughput test's pages in this database."""
    _setup_django()
    from benchmarks.corpus import generate_report
    from meetings.importer.save import meeting_slug
    from meetings.models import Decision

    report = generate_report(index=REPORT_INDEX, seed=SEED)
    slug = meeting_slug(report.title, report.date)
    decisions = Decision.objects.filter(agenda_item__meeting__slug=slug)
    decision = decisions.order_by("agenda_item__position", "position").first()
    _emit(
        {
            "trivial": "/bench/trivial/",
            "grid": f"/schedule/{GRID_EVENT}/",
            "report": f"/meetings/{slug}/",
            "home": "/",
            "meetings": "/meetings/",
            "decision": decision.get_absolute_url(),
            "search": f"/decisions/?q={SEARCH_WORDS[0].replace(' ', '+')}",
            "search-new": f"/decisions/?q={SEARCH_WORDS[0].replace(' ', '+')}",
        }
    )


def step_render(args) -> None:
    """Server-side time of the sample's pages, rendered (the page cache emptied before each request)
    and served from the cache, with the sample imported in a transaction rolled back afterwards."""
    _setup_django()
    from django.core.cache import cache
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from meetings.importer.services import import_report
    from meetings.models import Decision

    results = {}
    with transaction.atomic():
        outcome = import_report(SAMPLE.read_bytes(), source_name=SAMPLE.name, publish=True, replace=True)
        meeting = outcome.meeting
        decisions = Decision.objects.filter(agenda_item__meeting=meeting)
        decision = decisions.order_by("agenda_item__position", "position").first()
        pages = [
            ("the sample's report page", meeting.get_absolute_url()),
            ("home", "/"),
            ("meetings list", "/meetings/"),
            ("the sample's first decision's page", decision.get_absolute_url()),
            ("decisions feed", "/decisions/feed/"),
        ]
        client = Client()
        for label, url in pages:

            def rendered(url=url):
                cache.clear()
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)

            def cached(url=url):
                client.get(url)

            measured = {}
            for name, get in (("rendered", rendered), ("cached", cached)):
                for _ in range(3):
                    get()
                wall, cpu = [], []
                for _ in range(args.runs):
                    started, cpu_started = time.perf_counter(), time.process_time()
                    get()
                    wall.append((time.perf_counter() - started) * 1000)
                    cpu.append((time.process_time() - cpu_started) * 1000)
                with CaptureQueriesContext(connection) as queries:
                    get()
                measured[name] = {
                    "ms": statistics.median(wall),
                    "worst_ms": max(wall),
                    "cpu_ms": statistics.median(cpu),
                    "queries": len(queries.captured_queries),
                }
            results[label] = measured
        transaction.set_rollback(True)
    _emit({"pages": results, "runs": args.runs, "load": _load_average(), **_sizes()})


def _load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


# -- the orchestrator ------------------------------------------------------------------------


def run_step(step: str, *, env: dict, extra: list[str] | None = None, timeout: float = 300) -> dict:
    command = [PYTHON, str(HERE / "run.py"), "--step", step, *(extra or [])]
    completed = subprocess.run(
        command,
        env={**os.environ, **BASE_ENV, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return _result_of(completed.stdout, completed.stderr, step)


def _result_of(stdout: str, stderr: str, step: str) -> dict:
    for line in reversed(stdout.splitlines()):
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT ") :])
    raise RuntimeError(f"step {step} failed:\n{stdout[-2000:]}\n{stderr[-4000:]}")


def pg_url(name: str) -> str:
    return f"{PG}/{name}"


def recreate_database(name: str) -> None:
    import psycopg

    with psycopg.connect(pg_url("postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def vacuum_analyze(name: str) -> None:
    """What autovacuum does soon after a bulk load: statistics, and the GIN indexes' pending lists
    merged. Without it the planner skips the full-text indexes of a freshly loaded archive."""
    import psycopg

    with psycopg.connect(pg_url(name), autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def database_exists(name: str) -> bool:
    import psycopg

    with psycopg.connect(pg_url("postgres"), autocommit=True) as connection:
        row = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return row is not None


def fingerprint(reports: int) -> str:
    """What the cached corpus database holds: the generator's output as the importer saves it.

    Migrations are not part of it: a reused database is migrated forward instead.
    """
    digest = hashlib.sha256(f"{reports}:{SEED}".encode())
    sources = [
        ROOT / "benchmarks" / "corpus.py",
        SAMPLE,
        ROOT / "fixtures" / "reports" / "build_seed_report.py",
    ]
    sources.extend(sorted((ROOT / "meetings" / "importer").glob("*.py")))
    for path in sources:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cached_corpus(name: str, reports: int, log) -> dict:
    """The corpus database ``name``, reused when its fingerprint matches, else rebuilt."""
    CACHE_DIR.mkdir(exist_ok=True)
    record = CACHE_DIR / f"{name}.json"
    wanted = fingerprint(reports)
    if record.exists() and database_exists(name):
        stored = json.loads(record.read_text())
        if stored.get("fingerprint") == wanted:
            log(f"reusing database {name} (built {stored['built_at']}, fingerprint {wanted[:12]})")
            run_step("migrate", env={"DATABASE_URL": pg_url(name)})
            return {**stored, "reused": True}
    log(f"building database {name}: {reports} reports in 2 processes (cached for later runs)")
    media = tempfile.mkdtemp(prefix="magportal-bench-media-")
    try:
        result = build_corpus(name, reports, parts=2, media=media)
    finally:
        shutil.rmtree(media, ignore_errors=True)
    stored = {"fingerprint": wanted, "built_at": _now(), **result}
    record.write_text(json.dumps(stored, indent=2))
    return {**stored, "reused": False}


#: Production's cache, which all workers share (README: CACHE_URL); its own database, emptied first.
BENCH_REDIS = ("127.0.0.1", 6379, 3)


def _bench_cache_url() -> str | None:
    """Redis (emptied) when it runs here, else None: the workers then fall back to local memory."""
    import redis

    host, port, db = BENCH_REDIS
    try:
        redis.Redis(host=host, port=port, db=db, socket_connect_timeout=0.5).flushdb()
    except redis.exceptions.ConnectionError:
        return None
    return f"redis://{host}:{port}/{db}"


def gunicorn_rates(database: str, log, *, seconds: int, pages: dict[str, str] | None = None) -> dict:
    """Requests per second under gunicorn (2 workers, production settings) for the grid and a trivial view,
    and for ``pages`` (name -> path) too if given, each with its p99 latency under 64 connections.

    Production settings include a cache shared by the workers (Redis) when one runs on this machine.
    """
    static_root = tempfile.mkdtemp(prefix="magportal-bench-static-")
    media_root = tempfile.mkdtemp(prefix="magportal-bench-media-")
    env = {
        **os.environ,
        **BASE_ENV,
        "DATABASE_URL": pg_url(database),
        "STATIC_ROOT": static_root,
        "MEDIA_ROOT": media_root,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "BENCH_MANIFEST_STATIC": "1",
    }
    cache_url = _bench_cache_url()
    if cache_url:
        env["CACHE_URL"] = cache_url
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True, timeout=120
    )
    port = _free_port()
    server = subprocess.Popen(
        [str(Path(PYTHON).with_name("gunicorn")), "magportal.wsgi:application", "--workers", "2"]
        + ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        paths = {"trivial": "/bench/trivial/", "grid": f"/schedule/{GRID_EVENT}/", **(pages or {})}
        urls = {name: base + path for name, path in paths.items()}
        _wait_for(urls["trivial"])
        for url in urls.values():
            for _ in range(5):
                with urllib.request.urlopen(url, timeout=10) as response:
                    assert response.status == 200, url
        load_before = _load_average()
        # With the pages: more, shorter rounds, so that a burst of other work on the shared machine
        # falls on every page alike.
        rounds, seconds = (PAGE_ROUNDS, max(3, seconds * 2 // 3)) if pages else (2, seconds)
        rates = {name: [] for name in urls}
        for _ in range(rounds):
            for name, url in urls.items():
                rates[name].append(_load(url, seconds=seconds, new_address=name.endswith("-new")))
        p99 = {}
        if pages:
            for name, url in urls.items():
                p99[name] = _p99(url, seconds=seconds, new_address=name.endswith("-new"))
        log("load client: " + ("wrk" if shutil.which("wrk") else "python threads"))
        return {
            **{name: statistics.median(values) for name, values in rates.items()},
            "rounds": rates,
            "p99_ms": p99,
            "load": f"{load_before} at the start, {_load_average()} at the end",
            "cache": "Redis" if cache_url else "local memory (no Redis here)",
        }
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(static_root, ignore_errors=True)
        shutil.rmtree(media_root, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer at {url}")


def _load(url: str, *, seconds: int, new_address: bool = False) -> float:
    """Requests per second from 8 concurrent connections for ``seconds`` (each to a new address of
    ``url`` if ``new_address``: wrk only)."""
    if shutil.which("wrk"):
        output = _wrk(["-t2", "-c8", f"-d{seconds}s", url], new_address=new_address)
        if re.search(r"Non-2xx or 3xx responses", output):
            raise RuntimeError(f"errors under load at {url}:\n{output}")
        return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    if new_address:
        return float("nan")  # the Python client always asks for the same address
    return _python_load(url, seconds=seconds)


def _wrk(arguments: list[str], *, new_address: bool = False) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_NEW_ADDRESS_LUA)
        script.flush()
        extra = ["-s", script.name] if new_address else []
        return subprocess.run(["wrk", *extra, *arguments], capture_output=True, text=True, check=True).stdout


def _p99(url: str, *, seconds: int, new_address: bool = False) -> float | None:
    """The 99th percentile of latency, in ms, from LATENCY_CONNECTIONS connections (wrk only)."""
    if not shutil.which("wrk"):
        return None
    output = _wrk(
        # A longer timeout than wrk's 2 s: a slow page's latency is counted, not dropped as an error.
        ["-t2", f"-c{LATENCY_CONNECTIONS}", f"-d{seconds}s", "--timeout", "30s", "--latency", url],
        new_address=new_address,
    )
    if re.search(r"Non-2xx or 3xx responses", output):
        raise RuntimeError(f"errors under load at {url}:\n{output}")
    value, unit = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def _python_load(url: str, *, seconds: int) -> float:
    import http.client
    import threading
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    done = []
    stop = time.monotonic() + seconds

    def worker():
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        count = 0
        while time.monotonic() < stop:
            connection.request("GET", parts.path)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{url}: HTTP {response.status}")
            count += 1
        done.append(count)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / seconds


def machine() -> dict:
    import django
    import psycopg

    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = "unknown"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    with psycopg.connect(pg_url("postgres")) as connection:
        postgres = connection.execute("SHOW server_version").fetchone()[0]
    import sqlite3

    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "load average at start": " ".join(f"{value:.2f}" for value in os.getloadavg()),
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "PostgreSQL": postgres,
        "SQLite": sqlite3.sqlite_version,
        "date": _now(),
    }


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")


def recogniser_report() -> str:
    """The decision recogniser on the labelled sentences: confusion matrix and misread sentences."""
    if str(ROOT) not in sys.path:  # run as a script, the project is not on the path
        sys.path.insert(0, str(ROOT))
    from benchmarks.recogniser import LABELLED, load, render, score

    return render(
        score(load(LABELLED)), title="Decision recogniser on fixtures/decisions/labelled_sentences.tsv"
    )


def orchestrate(args) -> int:
    started = time.monotonic()

    def log(message: str) -> None:
        print(f"[{time.monotonic() - started:6.1f}s] {message}", flush=True)

    facts = machine()
    recogniser = recogniser_report()
    print(recogniser, flush=True)
    log("reading the sample .docx")
    parse = run_step("parse", env={"DATABASE_URL": "sqlite://:memory:"}, extra=["--rounds", str(args.rounds)])
    log("reading every report shape and corpus file")
    shapes = run_shapes(args)

    log("importing the sample on SQLite and PostgreSQL (rolled back)")
    sqlite_dir = tempfile.mkdtemp(prefix="magportal-bench-sqlite-")
    media = tempfile.mkdtemp(prefix="magportal-bench-media-")
    try:
        sqlite = run_step(
            "import-sample",
            env={"DATABASE_URL": f"sqlite:///{sqlite_dir}/bench.sqlite3", "MEDIA_ROOT": media},
            extra=["--runs", str(args.runs)],
        )
        recreate_database("mag_bench")
        postgres = run_step(
            "import-sample",
            env={"DATABASE_URL": pg_url("mag_bench"), "MEDIA_ROOT": media},
            extra=["--runs", str(args.runs)],
        )
        log("the sample as a Word document, PostgreSQL")
        export = run_step(
            "export-sample",
            env={"DATABASE_URL": pg_url("mag_bench"), "MEDIA_ROOT": media},
            extra=["--runs", str(args.runs)],
        )

        log(f"long reports ({' and '.join(map(str, LONG_REPORTS))} paragraphs) on SQLite and PostgreSQL")
        long_imports = import_long(sqlite_dir=sqlite_dir, media=media)

        log(f"bulk import of the {SMALL}-report corpus into a fresh database")
        small = build_corpus("mag_bench_300", SMALL, parts=1, media=media)
        large = cached_corpus("mag_bench_3000", LARGE, log) if not args.skip_large else None

        log(f"pages at {SMALL} reports")
        pages_small = run_step(
            "pages", env={"DATABASE_URL": pg_url("mag_bench_300")}, extra=["--runs", str(args.runs)]
        )
        pages_large = None
        if large:
            log(f"pages at {LARGE} reports")
            pages_large = run_step(
                "pages", env={"DATABASE_URL": pg_url("mag_bench_3000")}, extra=["--runs", str(args.runs)]
            )
        databases = [sample_only(), "mag_bench_300", *(["mag_bench_3000"] if large else [])]
        log("the sample's public pages, rendered and from the page cache")
        renders = public_page_renders(databases, media=media)
        rates = None
        if time.monotonic() - started < BUDGET_SECONDS - 60:
            log("gunicorn: the public pages and the trivial view under load")
            rates = gunicorn_rates(
                databases[-1],
                log,
                seconds=args.load_seconds,
                pages=run_step("page-urls", env=_db(databases[-1])),
            )
        else:
            log("skipping the gunicorn load test: the time budget is spent")
    finally:
        shutil.rmtree(sqlite_dir, ignore_errors=True)
        shutil.rmtree(media, ignore_errors=True)

    elapsed = time.monotonic() - started
    report = render(
        facts,
        parse,
        sqlite,
        postgres,
        long_imports,
        small,
        large,
        pages_small,
        pages_large,
        rates,
        elapsed,
        export=export,
    )
    report = with_shapes_section(report, shapes)
    report = with_public_pages_section(report, render_public_pages(renders, rates))
    report += "\n" + recogniser + "\n"
    print(report)
    (HERE / "results.md").write_text(report)
    log(f"wrote {HERE / 'results.md'}")
    return 0


def _db(database: str) -> dict:
    return {"DATABASE_URL": pg_url(database)}


#: An empty archive: the render step imports the sample into it (rolled back), so the pages are measured
#: at the sample's size, as the render target says.
SAMPLE_ONLY = "mag_bench_sample"


def sample_only() -> str:
    """The database holding nothing (``SAMPLE_ONLY``), created if missing and migrated."""
    if not database_exists(SAMPLE_ONLY):
        recreate_database(SAMPLE_ONLY)
    run_step("migrate", env=_db(SAMPLE_ONLY))
    return SAMPLE_ONLY


def public_page_renders(databases: list[str], *, media: str) -> dict[str, dict]:
    """The ``render`` step in each database: the sample's pages, rendered and cached."""
    return {
        database: run_step(
            "render", env={**_db(database), "MEDIA_ROOT": media}, extra=["--runs", str(ARGS.runs)]
        )
        for database in databases
    }


def public_pages_only(args) -> int:
    """`run.py --public-pages`: only the public pages' render times and throughput, into results.md."""
    started = time.monotonic()

    def log(message: str) -> None:
        print(f"[{time.monotonic() - started:6.1f}s] {message}", flush=True)

    media = tempfile.mkdtemp(prefix="magportal-bench-media-")
    try:
        if database_exists("mag_bench_300"):
            run_step("migrate", env=_db("mag_bench_300"))
        else:
            log(f"building the {SMALL}-report corpus")
            build_corpus("mag_bench_300", SMALL, parts=1, media=media)
        databases = [sample_only(), "mag_bench_300"]
        if not args.skip_large:
            cached_corpus("mag_bench_3000", LARGE, log)
            databases.append("mag_bench_3000")
        log("the sample's public pages, rendered and from the page cache")
        renders = public_page_renders(databases, media=media)
        log("gunicorn: the public pages and the trivial view under load")
        rates = gunicorn_rates(
            databases[-1], log, seconds=args.load_seconds, pages=run_step("page-urls", env=_db(databases[-1]))
        )
    finally:
        shutil.rmtree(media, ignore_errors=True)
    section = render_public_pages(renders, rates)
    print(section)
    results = HERE / "results.md"
    report = results.read_text() if results.exists() else "# MAG Portal benchmark results\n"
    results.write_text(with_public_pages_section(report, section))
    log(f"wrote its section of {results}")
    return 0


PUBLIC_PAGES_HEADING = "## Public pages at conference scale"
#: Pages whose rendered (uncached) server-side time has a target, at the sample's size.
RENDER_TARGET_MS = 5
RENDER_TARGETS = ("the sample's report page", "home")


def render_public_pages(renders: dict[str, dict], rates: dict | None) -> str:
    """The section on anonymous pages: server-side time rendered and cached, and throughput under load."""
    sizes = list(renders)
    first = renders[sizes[0]]
    render_rows = []
    for label, at_first in first["pages"].items():
        cells = []
        for database in sizes:
            page = renders[database]["pages"][label]
            rendered, cached = page["rendered"], page["cached"]
            cells.append(
                f"{rendered['ms']:.1f} / {rendered['worst_ms']:.1f} ms (CPU {rendered['cpu_ms']:.1f}), "
                f"{rendered['queries']} queries; cached {cached['ms']:.1f} ms, {cached['queries']} query"
            )
        counts = {renders[database]["pages"][label]["rendered"]["queries"] for database in sizes}
        flat = "same" if len(counts) == 1 else "**grows**"
        target, ok = "", None
        if label in RENDER_TARGETS:
            target = f"< {RENDER_TARGET_MS} ms rendered at the sample's size, same count"
            ok = at_first["rendered"]["ms"] < RENDER_TARGET_MS and len(counts) == 1
        render_rows.append(f"| {label} | {' | '.join(cells)} | {flat} | {target} | {_verdict(ok)} |")
    size_names = [
        "the sample alone"
        if renders[database]["meetings"] == 0
        else f"at {renders[database]['meetings']:,} reports"
        for database in sizes
    ]
    rate_rows = []
    if rates:
        trivial = rates["trivial"]
        rate_rows.append(
            f"| trivial Django view | {_rate_cell(rates, 'trivial')} | | {_p99_cell(rates, 'trivial')} | | |"
        )
        for key, label, goal in PUBLIC_PAGES:
            if key not in rates:
                continue
            ratio = rates[key] / trivial
            target = "" if goal is None else f">= {goal}"
            ok = None if goal is None else ratio >= goal
            rate_rows.append(
                f"| {label} | {_rate_cell(rates, key)} | {ratio:.2f} | {_p99_cell(rates, key)} | {target} | "
                f"{_verdict(ok)} |"
            )
    loads = "; ".join(
        f"{size}: {renders[database]['load']}" for size, database in zip(size_names, sizes, strict=True)
    )
    cache = rates["cache"] if rates else "-"
    load = rates["load"] if rates else "-"
    return "\n".join(
        [
            PUBLIC_PAGES_HEADING,
            "",
            "Anonymous visitors get the report pages, the home page, the meetings list, a decision's",
            "page, the decisions list and its searches, the feed and the grid from the page cache",
            f"(`magportal/page_cache.py`), fresh after any edit of a row they render. Measured {_now()}.",
            "",
            "Server side: Django's test client on PostgreSQL, the sample report imported in a transaction",
            f"rolled back afterwards; {first['runs']} requests each; median / worst wall time, and the",
            "median CPU time of the process (the rest is waiting for PostgreSQL or for a core of the shared",
            "machine). *Rendered*: the page cache emptied before each request (the view renders; one of",
            "the queries reads the page's version). *Cached*: served from the cache (local memory here:",
            f"one query, the version; none with Redis). Load average during the step: {loads}.",
            "",
            f"| page | {' | '.join(size_names)} | query count | target | |",
            f"|---|{'---|' * len(sizes)}---|---|---|",
            *render_rows,
            "",
            f"Under gunicorn (2 workers, production settings, the workers sharing {cache}), at the largest",
            f"archive: `wrk -t2 -c8` for {max(3, ARGS.load_seconds * 2 // 3)} s, {PAGE_ROUNDS} alternating "
            f"rounds (median), then `wrk -t2 -c{LATENCY_CONNECTIONS} --latency` once for the p99.",
            f"Load average: {load}.",
            "",
            f"| page | rate (median; each round) | ratio to trivial | p99, {LATENCY_CONNECTIONS} connections "
            "| goal | |",
            "|---|---|---|---|---|---|",
            *(rate_rows or ["| not run | | | | | |"]),
            "",
        ]
    )


def _rate_cell(rates: dict, key: str) -> str:
    rounds = ", ".join(f"{value:.0f}" for value in rates.get("rounds", {}).get(key, []))
    return f"{rates[key]:.0f} req/s ({rounds})"


def _p99_cell(rates: dict, key: str) -> str:
    value = rates.get("p99_ms", {}).get(key)
    return "-" if value is None else f"{value:.0f} ms"


def with_public_pages_section(report: str, section: str) -> str:
    """``report`` with its public pages section replaced, or added at its end."""
    if PUBLIC_PAGES_HEADING in report:
        before, _, rest = report.partition(PUBLIC_PAGES_HEADING)
        after = rest[rest.find("\n## ") + 1 :] if "\n## " in rest else ""
        return before + section + ("\n" + after if after else "")
    return report.rstrip("\n") + "\n\n" + section


def run_shapes(args) -> dict:
    return run_step(
        "parse-shapes",
        env={"DATABASE_URL": "sqlite://:memory:"},
        extra=["--rounds", str(min(args.rounds, 5)), "--runs", str(min(args.runs, 5))],
        timeout=600,
    )


SHAPES_HEADING = "## Reading every report shape"


def render_shapes(shapes: dict) -> str:
    """The section comparing each shape and corpus file with mammoth, CPU time of one process."""
    files = shapes["files"]
    sample = next(f for f in files if f["name"].endswith(SAMPLE.name))

    def per(f: dict, size: str) -> float:
        """The file's time per KB (of ``size``) against the sample's."""
        return (f["ours"] / f[size]) / (sample["ours"] / sample[size])

    rows = []
    for f in files:
        ratio = f"{f['mammoth'] / f['ours']:.1f}x" if f["mammoth"] else f"mammoth fails ({f['failure']})"
        mammoth_ms = f"{f['mammoth']:.1f}" if f["mammoth"] else "-"
        rows.append(
            f"| {f['name']} | {f['kb']:.1f} | {f['xml_kb']:.1f} | {f['text_kb']:.1f} | {f['ours']:.2f} | "
            f"{mammoth_ms} | {ratio} | {per(f, 'xml_kb'):.2f}x | {per(f, 'kb'):.2f}x | "
            f"{per(f, 'text_kb'):.2f}x |"
        )

    def summary(label: str, chosen: list[dict]) -> list[str]:
        ratios = sorted(f["mammoth"] / f["ours"] for f in chosen if f["mammoth"])
        median = statistics.median(ratios)
        slowest = max(chosen, key=lambda f: per(f, "xml_kb"))
        worst = per(slowest, "xml_kb")
        by_docx = max(chosen, key=lambda f: per(f, "kb"))
        return [
            f"| {label}: median mammoth / ours ({len(ratios)} files) | {median:.1f}x | >= 10x | "
            f"{_verdict(median >= 10)} |",
            f"| {label}: slowest mammoth / ours | {ratios[0]:.1f}x | | n/a |",
            f"| {label}: slowest per KB of the report's XML, against the sample's | {worst:.2f}x "
            f"({slowest['name']}) | <= 2x | {_verdict(worst <= 2)} |",
            f"| {label}: slowest per KB of .docx, against the sample's (template bytes counted) | "
            f"{per(by_docx, 'kb'):.2f}x ({by_docx['name']}) | | n/a |",
        ]

    shapes_only = [f for f in files if not f["name"].startswith("fixtures/corpus/")]
    return "\n".join(
        [
            SHAPES_HEADING,
            "",
            "Each file read and interpreted by the importer (`read_document` + `interpret_document`),",
            "against `mammoth.convert_to_html` of the same bytes; CPU time of the measuring process (median",
            "of interleaved rounds, every file in each), so that waiting for a core on the shared machine",
            "counts for neither. The per-KB target is measured per kilobyte of the report's own XML,",
            "unpacked: its document part and the footnotes, endnotes, comments and list numbering it links",
            "to, what grows with the report. The styles, theme, fonts and settings a template brings are",
            "left out: they are alike in every file a tool writes, and python-docx's, in the sample and",
            "every shape built with it, is 790 KB unpacked, three quarters of the sample's .docx bytes.",
            "Per KB of .docx (those bytes counted) and per KB of text (paragraphs, cells and notes) are",
            "shown beside it: the seed's text written by pandoc holds the sample's paragraphs in a third of",
            "its bytes, with no template, so per KB of .docx it looks 3x slower than the sample; per KB of",
            "its XML it takes the sample's time. Report shapes are",
            "`fixtures/reports/` (the sample and `shapes/`) and, where pandoc is installed, the seed's text",
            "written by pandoc; the corpus is `fixtures/corpus/`.",
            "",
            f"Measured {shapes.get('at', 'with the whole run')}; load average then: "
            f"{shapes.get('load', 'not noted')}.",
            "",
            "| measure | result | target | |",
            "|---|---|---|---|",
            *summary("report shapes", shapes_only),
            *summary("all files", files),
            "",
            "| file | KB | XML KB | text KB | ours (ms) | mammoth (ms) | mammoth / ours | "
            "per XML KB / sample's | per KB / sample's | per text KB / sample's |",
            "|---|---|---|---|---|---|---|---|---|---|",
            *rows,
            "",
        ]
    )


def with_shapes_section(report: str, shapes: dict) -> str:
    """``report`` with its shapes section replaced (or added before the pages)."""
    section = render_shapes(shapes)
    if SHAPES_HEADING in report:
        before, _, rest = report.partition(SHAPES_HEADING)
        after = rest[rest.find("\n## ") + 1 :] if "\n## " in rest else ""
        return before + section + "\n" + after
    marker = "## Pages"
    if marker in report:
        before, _, after = report.partition(marker)
        return before + section + "\n" + marker + after
    return report.rstrip("\n") + "\n\n" + section


def reading_only(args) -> int:
    """`run.py --reading`: only the shapes section, measured now and written into results.md."""
    shapes = run_shapes(args)
    section = render_shapes(shapes)
    print(section)
    results = HERE / "results.md"
    report = results.read_text() if results.exists() else "# MAG Portal benchmark results\n"
    results.write_text(with_shapes_section(report, shapes))
    return 0


def _with_cpu(result: dict) -> str:
    if "cpu_ms" not in result:
        return f"{result['ms']:.1f} ms"
    return f"{result['ms']:.1f} ms (this process's CPU: {result['cpu_ms']:.1f} ms)"


def _cpu_per_report(result: dict) -> str:
    if not result.get("cpu_seconds"):
        return "CPU not measured"
    return f"importer's CPU {result['cpu_seconds'] / result['reports'] * 1000:.0f} ms a report"


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "**missed**")


def import_long(*, sqlite_dir: str, media: str) -> list[dict]:
    """The long reports' imports on a fresh SQLite file and a fresh PostgreSQL database (3 runs each)."""
    recreate_database("mag_bench_long")
    return [
        run_step(
            "import-long",
            env={"DATABASE_URL": url, "MEDIA_ROOT": media},
            extra=["--runs", "3"],
            timeout=600,
        )
        for url in (f"sqlite:///{sqlite_dir}/long.sqlite3", pg_url("mag_bench_long"))
    ]


def long_import_rows(results: list[dict]) -> list[tuple]:
    """(measure, result, target, ok) rows: each long report's import, and their ratio, per database."""
    small, large = (str(paragraphs) for paragraphs in LONG_REPORTS)
    rows = []
    for result in results:
        database = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[result["vendor"]]
        ratio = result[large] / result[small]
        rows.append(
            (f"import of a {small}-paragraph report, {database}", f"{result[small]:.0f} ms", "", None)
        )
        rows.append(
            (
                f"import of a {int(large):,}-paragraph report, {database}",
                f"{result[large]:.0f} ms",
                "< 10 s",
                result[large] < 10_000,
            )
        )
        rows.append(
            (f"ratio {int(large):,} / {small} paragraphs, {database}", f"{ratio:.1f}x", "<= 6x", ratio <= 6)
        )
    return rows


def render(
    facts,
    parse,
    sqlite,
    postgres,
    long_imports,
    small,
    large,
    pages_small,
    pages_large,
    rates,
    elapsed,
    *,
    export=None,
) -> str:
    rows = []

    def row(measure, result, target, ok):
        rows.append(f"| {measure} | {result} | {target} | {_verdict(ok)} |")

    mammoth_ratio = parse["mammoth"] / parse["ours"]
    floor_ratio = parse["ours"] / parse["floor"]
    row("read + interpret the sample .docx", f"{parse['ours']:.1f} ms", "", None)
    row("mammoth `convert_to_html`, same file", f"{parse['mammoth']:.1f} ms", "", None)
    row("zip + lxml floor, same file", f"{parse['floor']:.1f} ms", "", None)
    row("ratio mammoth / ours", f"{mammoth_ratio:.1f}x", ">= 10x", mammoth_ratio >= 10)
    row("ratio ours / floor", f"{floor_ratio:.1f}x", "<= 5x", floor_ratio <= 5)
    if "recognise" in parse:
        # Part of "read + interpret": the decisions and actions read in the sample's paragraphs.
        recognise = parse["recognise"]
        row(
            "recognise decisions and actions in the sample (part of read + interpret)",
            f"{recognise:.1f} ms",
            "< read + interpret",
            recognise < parse["ours"],
        )
    row("full import of the sample, SQLite", _with_cpu(sqlite), "", None)
    row("full import of the sample, PostgreSQL", _with_cpu(postgres), "< 100 ms", postgres["ms"] < 100)
    if export:
        secretariat = export["secretariat"]
        row(
            "Word export of the sample, the Secretariat's copy (`/meetings/<slug>.docx`, PostgreSQL)",
            _with_cpu(secretariat),
            "< 50 ms",
            secretariat["ms"] < 50,
        )
        row("Word export of the sample, the public's copy", _with_cpu(export["public"]), "", None)
        row(
            "ratio Word export / full import, PostgreSQL",
            f"{secretariat['ms'] / postgres['ms']:.2f}",
            "",
            None,
        )
    for long_row in long_import_rows(long_imports):
        row(*long_row)
    rate = small["reports"] / small["seconds"]
    row(
        f"bulk import, {small['reports']} reports ({small['items']} items, {small['decisions']} decisions; "
        "one process)",
        f"{rate:.1f} reports/s ({_cpu_per_report(small)})",
        ">= 20 reports/s",
        rate >= 20,
    )
    if large:
        large_rate = large["reports"] / large["seconds"]
        origin = (
            "cached db, measured when built " + large["built_at"] if large["reused"] else "built this run"
        )
        row(
            f"bulk import, {large['reports']} reports ({large['items']} items, "
            f"{large['decisions']} decisions; {large['processes']} processes, {origin})",
            f"{large_rate:.1f} reports/s ({_cpu_per_report(large)})",
            "",
            None,
        )
        row(
            f"peak RSS importing {large['reports']} reports",
            f"{large['peak_mb']:.0f} MB",
            "< 300 MB",
            large["peak_mb"] < 300,
        )
    row(f"peak RSS importing {small['reports']} reports", f"{small['peak_mb']:.0f} MB", "", None)

    page_rows = []
    for label, at_small in pages_small["pages"].items():
        at_large = (pages_large or {}).get("pages", {}).get(label)

        def cell(value):
            if value is None:
                return "not run"
            if "status" in value:
                return f"HTTP {value['status']}"
            runs = f" (median of {value['runs']})" if value.get("runs", ARGS.runs) != ARGS.runs else ""
            return f"{value['ms']:.1f} ms, {value['queries']} queries{runs}"

        flat = None
        ok = None
        if at_large and "ms" in at_large and "ms" in at_small:
            flat = at_large["queries"] == at_small["queries"]
            ok = flat and at_large["ms"] < 20
        page_rows.append(
            f"| {label} | {cell(at_small)} | {cell(at_large)} | "
            f"{'' if flat is None else ('same' if flat else '**grows**')} | {_verdict(ok)} |"
        )
    plans = (pages_large or pages_small).get("plans", {})

    rate_rows = []
    if rates:
        ratio = rates["grid"] / rates["trivial"]
        rate_rows.append(f"| trivial Django view | {rates['trivial']:.0f} req/s | | |")
        rate_rows.append(f"| grid `/schedule/{GRID_EVENT}/` | {rates['grid']:.0f} req/s | | |")
        rate_rows.append(f"| ratio grid / trivial | {ratio:.2f} | >= 0.5 | {_verdict(ratio >= 0.5)} |")

    lines = [
        "# MAG Portal benchmark results",
        "",
        "Written by `make bench` (benchmarks/run.py); every figure is a median over repeated runs, and each",
        "ratio compares figures measured in the same run. The machine is shared with other work, so",
        "absolute times vary from run to run; ratios vary less.",
        "",
        "## Machine",
        "",
        *(f"- {name}: {value}" for name, value in facts.items()),
        f"- benchmark wall time: {elapsed:.0f} s",
        "",
        "## Reading and importing",
        "",
        "| measure | result | target | |",
        "|---|---|---|---|",
        *rows,
        "",
        f"## Pages (server side, Django test client, PostgreSQL; median of {ARGS.runs} requests)",
        "",
        f"| page | at {SMALL} reports | at {LARGE} reports | query count | target: same count, < 20 ms |",
        "|---|---|---|---|---|",
        *page_rows,
        "",
        "Archive sizes: "
        + ", ".join(
            f"{data['meetings']} meetings, {data['items']} agenda items, {data['decisions']} decisions"
            for data in (pages_small, pages_large)
            if data
        )
        + ".",
        "",
        "Indexes in the plans of the search page's queries (from `EXPLAIN` of the SQL the page ran; "
        "its count, then its page): "
        + (
            "; ".join(
                f"'{word}': " + ", then ".join(", ".join(names) or "**none**" for names in queries)
                for word, queries in plans.items()
            )
            if plans
            else "no search module yet"
        )
        + ".",
        "",
        "## Throughput under gunicorn (2 workers, DEBUG off, loopback load from wrk, 8 connections)",
        "",
        *([f"Cache shared by the workers: {rates['cache']}.", ""] if rates and "cache" in rates else []),
        "| target | result | goal | |",
        "|---|---|---|---|",
        *(rate_rows or ["| not run | | | |"]),
        "",
    ]
    return "\n".join(lines)


ARGS = argparse.Namespace(runs=25)
STEPS = {
    "parse": step_parse,
    "parse-shapes": step_parse_shapes,
    "import-sample": step_import_sample,
    "export-sample": step_export_sample,
    "import-long": step_import_long,
    "migrate": step_migrate,
    "build": step_build,
    "sizes": step_sizes,
    "pages": step_pages,
    "page-urls": step_page_urls,
    "render": step_render,
}


def main() -> int:
    global ARGS
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--step", choices=sorted(STEPS))
    parser.add_argument("--part", type=int, default=0)
    parser.add_argument("--parts", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=7, help="rounds of the parse comparison")
    parser.add_argument("--runs", type=int, default=25, help="repeated runs per timed figure")
    parser.add_argument("--reports", type=int, default=SMALL)
    parser.add_argument("--load-seconds", type=int, default=6)
    parser.add_argument("--skip-large", action="store_true", help=f"leave out the {LARGE}-report archive")
    parser.add_argument(
        "--public-pages",
        action="store_true",
        help="only the public pages' render times and throughput; rewrite that part of results.md",
    )
    parser.add_argument(
        "--reading",
        action="store_true",
        help="only read every report shape and corpus file against mammoth; rewrite that part of results.md",
    )
    parser.add_argument(
        "--long-import-only",
        action="store_true",
        help="measure only the long reports' imports and print their rows (results.md is left as it is)",
    )
    args = parser.parse_args()
    ARGS = args
    if args.step:
        STEPS[args.step](args)
        return 0
    if args.reading:
        return reading_only(args)
    if args.public_pages:
        return public_pages_only(args)
    if args.long_import_only:
        scratch = tempfile.mkdtemp(prefix="magportal-bench-long-")
        try:
            for measure, result, target, ok in long_import_rows(
                import_long(sqlite_dir=scratch, media=scratch)
            ):
                print(f"| {measure} | {result} | {target} | {_verdict(ok)} |")
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        return 0
    return orchestrate(args)


if __name__ == "__main__":
    sys.exit(main())

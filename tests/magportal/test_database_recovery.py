"""A database restart drops the app's connections; the app must recover by itself.

Killing the app's server processes with pg_terminate_backend is what a
PostgreSQL restart does to the app, without restarting the server that
other test runs share. The app is a real gunicorn with the production
settings, so connections persist between requests as they do in production.
"""

import asyncio
import threading
import time

import pytest
from django.db import connection

from loadtest.client import fetch
from loadtest.server import free_port, gunicorn, manage, production_env

pytestmark = [
    pytest.mark.needs("postgresql"),  # SQLite has no server connections to drop
    pytest.mark.django_db,
]


def _get(base_url, path="/"):
    return asyncio.run(fetch(base_url, path, timeout=10))


def _app_database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _app_connections():
    """The server process ids of the app's connections to the test database."""
    with connection.cursor() as cursor:
        # The test runs in a transaction, which would otherwise see one snapshot of the statistics.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return [pid for (pid,) in cursor.fetchall()]


def _drop_app_connections():
    """Terminate every other connection to the test database (the app's); how many there were."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


@pytest.fixture
def app(tmp_path):
    # Production pages name their static files through the manifest collectstatic writes.
    env = production_env(database_url=_app_database_url(), STATIC_ROOT=str(tmp_path / "static"))
    manage("collectstatic", "--noinput", "-v0", env=env)
    with gunicorn(env=env, port=free_port(), workers=1) as base_url:
        yield base_url


def test_next_request_after_connections_dropped_succeeds(app):
    assert [_get(app) for _ in range(3)] == ["200"] * 3
    # CONN_MAX_AGE keeps the worker's one connection open between requests.
    before = _app_connections()
    assert len(before) == 1

    assert _drop_app_connections() == 1

    # The health check notices the dead connection and opens a new one.
    assert [_get(app) for _ in range(5)] == ["200"] * 5
    after = _app_connections()
    assert len(after) == 1
    assert after != before


def test_requests_during_repeated_drops_answer_503_at_worst_then_recover(app):
    statuses = []
    stop = threading.Event()

    def keep_requesting():
        while not stop.is_set() and len(statuses) < 2000:
            statuses.append(_get(app, "/health/"))

    driver = threading.Thread(target=keep_requesting)
    driver.start()
    try:
        dropped = []
        for _ in range(5):
            time.sleep(0.3)
            dropped.append(_drop_app_connections())
        time.sleep(0.3)
    finally:
        stop.set()
        driver.join(timeout=30)

    # Each drop found the connection the app had reopened since the last one.
    assert dropped == [1] * 5
    # A request whose connection dies under it is a 503 with Retry-After, never a 500.
    assert set(statuses) <= {"200", "503"}
    assert [_get(app, "/health/") for _ in range(5)] == ["200"] * 5

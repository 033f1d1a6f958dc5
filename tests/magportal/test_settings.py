import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from meetings.models import Meeting

ROOT = Path(__file__).resolve().parents[2]


def _run(args, **env_overrides):
    ignored = {"SECRET_KEY", "DEBUG", "DATABASE_PREPARE_THRESHOLD"}
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    env.update(env_overrides)
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_server_refuses_to_start_without_secret_key_when_debug_is_off():
    result = _run([sys.executable, "manage.py", "runserver", "127.0.0.1:0", "--noreload"], DEBUG="false")

    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Configuration error: SECRET_KEY is not set. Set SECRET_KEY in the environment (or .env) "
        "before running with DEBUG off; see .env.example."
    )


def test_wsgi_application_refuses_to_load_without_secret_key_when_debug_is_off():
    result = _run([sys.executable, "-c", "import magportal.wsgi"], DEBUG="false")

    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: SECRET_KEY is not set. Set SECRET_KEY in the "
        "environment (or .env) before running with DEBUG off; see .env.example."
    )


def test_commands_that_serve_nothing_run_without_secret_key():
    result = _run([sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"], DEBUG="false")

    assert result.returncode == 0, result.stderr


def test_server_starts_without_secret_key_in_debug():
    result = _run([sys.executable, "manage.py", "check"], DEBUG="true")

    assert result.returncode == 0, result.stderr


def _database_options(**env_overrides) -> str:
    result = _run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; print(settings.DATABASES)",
        ],
        DEBUG="true",
        **env_overrides,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_postgresql_statements_are_prepared_after_five_runs_unless_switched_off():
    url = "postgres://magportal@127.0.0.1:5432/magportal"

    assert "'server_side_binding': True, 'prepare_threshold': 5" in _database_options(DATABASE_URL=url)
    assert "'prepare_threshold': None" in _database_options(DATABASE_URL=url, DATABASE_PREPARE_THRESHOLD="")
    assert "server_side_binding" not in _database_options(DATABASE_URL="sqlite:///db.sqlite3")


@pytest.mark.needs("postgresql")
@pytest.mark.django_db
def test_a_statement_run_five_times_is_kept_prepared_on_the_connection():
    for _ in range(6):
        list(Meeting.objects.filter(slug="mag-meeting-vi"))

    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]
    assert [statement for statement in prepared if '"meetings_meeting"."slug" = $1' in statement]

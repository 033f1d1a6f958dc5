import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
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

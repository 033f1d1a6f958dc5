"""Start gunicorn with the production settings on a loopback port, and stop it."""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The sample report every load run serves: the same one `make run` imports.
SEED_REPORT = "fixtures/reports/mag-virtual-meeting-vi-2016-08-30.docx"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(*, database_url: str, **overrides: str) -> dict[str, str]:
    """The production configuration, less HTTPS: the loopback has no TLS to redirect to."""
    env = dict(os.environ)
    env.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": database_url,
            "GUNICORN_ACCESS_LOG": "",
        }
    )
    env.update(overrides)
    return env


def manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def wait_until_up(base_url: str, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{base_url}/health/", timeout=2) as response:
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"gunicorn did not answer at {base_url}/health/ within {timeout:.0f} s")
        time.sleep(0.2)


@contextlib.contextmanager
def gunicorn(*, env: dict[str, str], port: int, workers: int | None = None) -> Iterator[str]:
    """Run gunicorn (gunicorn.conf.py) on 127.0.0.1:port; yields its base URL."""
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    if workers is not None:
        env["WEB_CONCURRENCY"] = str(workers)
    base_url = f"http://127.0.0.1:{port}"
    # A file, not a pipe: a full pipe would block gunicorn while it logs errors.
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py")],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            try:
                wait_until_up(base_url, timeout=30)
            except RuntimeError as error:
                log.seek(0)
                raise RuntimeError(f"{error}\n{log.read()[-3000:]}") from None
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

"""What some tests need besides Python: Redis, Chromium, LibreOffice, PostgreSQL and the shared corpus.

A test that needs one says so with ``@pytest.mark.needs("redis")`` (tests/conftest.py checks the
mark before the test runs), or calls ``unavailable(reason)`` itself when it finds out later; a
part of a test that can be passed over asks ``available(service)``.
Outside CI such a test skips with its reason. In CI (``CI=true``) it fails instead, so that a
missing service cannot turn CI green by skipping what matters; the one exception is a
PostgreSQL-only test in the pass that CI runs on SQLite on purpose (``CI_DATABASE=sqlite``).
"""

import importlib.util
import os
import shutil
import socket
from pathlib import Path
from typing import NoReturn

import pytest

REDIS = ("127.0.0.1", 6379)
CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parent.parent
# The third-party .docx files that may not be copied into the repository (see its SOURCES.md).
SHARED_CORPUS = ROOT.parent / "shared" / "corpus" / "docx"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def unavailable(reason: str) -> NoReturn:
    """Skip the running test for ``reason``; in CI, fail it."""
    if in_ci():
        pytest.fail(f"CI=true and this test cannot run: {reason}", pytrace=False)
    pytest.skip(reason)


def redis_is_up() -> bool:
    """Whether Redis answers on 127.0.0.1:6379."""
    try:
        with socket.create_connection(REDIS, timeout=0.5):
            return True
    except OSError:
        return False


def missing_browser() -> str | None:
    """Why browser tests cannot run here, or None when they can."""
    if importlib.util.find_spec("playwright") is None:
        return "Playwright is not installed (pip install -e '.[dev]')"
    if not os.access(CHROMIUM, os.X_OK):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    return None


def soffice() -> str | None:
    """LibreOffice's command, where it is installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _missing_libreoffice() -> str | None:
    if soffice() is None:
        return "LibreOffice (soffice) is not installed (apt-get install libreoffice-writer-nogui)"
    return None


def _missing_pdftotext() -> str | None:
    if shutil.which("pdftotext") is None:
        return "pdftotext is not installed (apt-get install poppler-utils)"
    return None


def _missing_postgresql() -> str | None:
    from django.db import connection

    if connection.vendor == "postgresql":
        return None
    if in_ci() and os.environ.get("CI_DATABASE") == "sqlite":
        # CI's SQLite pass: its PostgreSQL pass runs these tests.
        pytest.skip("needs PostgreSQL; this CI pass is on SQLite on purpose")
    return f"needs PostgreSQL (set DATABASE_URL=postgres://...); this run is on {connection.vendor}"


def _missing_redis() -> str | None:
    return None if redis_is_up() else "Redis is not running on 127.0.0.1:6379"


def _missing_corpus() -> str | None:
    if SHARED_CORPUS.is_dir() and any(SHARED_CORPUS.glob("*.docx")):
        return None
    return f"the shared corpus is not here ({SHARED_CORPUS})"


MISSING = {
    "redis": _missing_redis,
    "chromium": missing_browser,
    "libreoffice": _missing_libreoffice,
    "pdftotext": _missing_pdftotext,
    "postgresql": _missing_postgresql,
    "corpus": _missing_corpus,
}


def require(service: str) -> None:
    """Go on when ``service`` is here; otherwise skip (fail in CI) with the reason."""
    reason = MISSING[service]()
    if reason:
        unavailable(reason)


def available(service: str) -> bool:
    """For a part of a test that can be passed over: whether ``service`` is here. In CI a missing
    one fails the test instead."""
    reason = MISSING[service]()
    if reason and in_ci():
        unavailable(reason)
    return reason is None


def shared_corpus_file(name: str) -> Path:
    """A file of the shared corpus, by name."""
    require("corpus")
    path = SHARED_CORPUS / name
    if not path.is_file():
        unavailable(f"{name} is not in the shared corpus ({SHARED_CORPUS})")
    return path

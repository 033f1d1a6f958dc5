"""The rule for tests whose service is missing: skip with the reason, but fail in CI."""

import pytest

from tests.services import available, require, unavailable


def test_unavailable_outside_ci_skips_with_the_reason(monkeypatch):
    monkeypatch.delenv("CI", raising=False)

    with pytest.raises(pytest.skip.Exception, match="^Redis is not running$"):
        unavailable("Redis is not running")


@pytest.mark.parametrize("value", ["true", "1", "TRUE"])
def test_unavailable_in_ci_fails_with_the_reason(monkeypatch, value):
    monkeypatch.setenv("CI", value)

    with pytest.raises(pytest.fail.Exception, match="^CI=true and this test cannot run: Redis"):
        unavailable("Redis is not running")


def test_require_redis_down_in_ci_fails(monkeypatch):
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr("tests.services.REDIS", ("127.0.0.1", 1))

    with pytest.raises(pytest.fail.Exception, match="Redis is not running"):
        require("redis")


def test_require_chromium_missing_in_ci_fails(monkeypatch):
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr("tests.services.CHROMIUM", "/nonexistent/chromium")

    with pytest.raises(pytest.fail.Exception, match="Chromium not found at /nonexistent/chromium"):
        require("chromium")


def test_require_libreoffice_missing_in_ci_fails(monkeypatch):
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr("tests.services.soffice", lambda: None)

    with pytest.raises(pytest.fail.Exception, match=r"LibreOffice \(soffice\) is not installed"):
        require("libreoffice")


def test_available_missing_outside_ci_is_passed_over(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr("tests.services.shutil.which", lambda name: None)

    assert available("pdftotext") is False


def test_available_missing_in_ci_fails(monkeypatch):
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr("tests.services.shutil.which", lambda name: None)

    with pytest.raises(pytest.fail.Exception, match="pdftotext is not installed"):
        available("pdftotext")


def test_require_corpus_missing_in_ci_fails(monkeypatch, tmp_path):
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr("tests.services.SHARED_CORPUS", tmp_path / "docx")

    with pytest.raises(pytest.fail.Exception, match="the shared corpus is not here"):
        require("corpus")


def test_require_postgresql_on_another_database_in_ci_fails(monkeypatch):
    from django.db import connection

    monkeypatch.setattr(connection, "vendor", "sqlite")
    monkeypatch.setenv("CI", "true")
    monkeypatch.delenv("CI_DATABASE", raising=False)

    with pytest.raises(pytest.fail.Exception, match="needs PostgreSQL .*this run is on sqlite"):
        require("postgresql")


def test_require_postgresql_in_the_sqlite_pass_of_ci_skips(monkeypatch):
    from django.db import connection

    monkeypatch.setattr(connection, "vendor", "sqlite")
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv("CI_DATABASE", "sqlite")

    with pytest.raises(pytest.skip.Exception, match="on SQLite on purpose"):
        require("postgresql")

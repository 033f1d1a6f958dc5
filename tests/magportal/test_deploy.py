import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Every variable that the production hardening block reads; each test starts
# from none of them so a developer's shell cannot change the outcome.
_HARDENING_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
}


def _manage(*args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in _HARDENING_VARIABLES}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def _production_env(**overrides):
    return {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "magportal.example.org",
        **overrides,
    }


def test_check_deploy_reports_nothing_under_production_environment():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **_production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert result.stderr == ""


def test_check_deploy_reports_nothing_behind_a_reverse_proxy():
    env = _production_env(SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https")
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_check_deploy_warns_when_https_redirect_is_switched_off():
    # The loopback load test turns the redirect off; check --deploy must still say so.
    result = _manage("check", "--deploy", **_production_env(SECURE_SSL_REDIRECT="false"))
    assert "security.W008" in result.stderr


def _print_settings(*names, **env):
    code = "from django.conf import settings; " + "; ".join(f"print(repr(settings.{n}))" for n in names)
    result = _manage("shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_development_settings_never_redirect_to_https():
    values = _print_settings(
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        DEBUG="true",
    )
    assert values == ["False", "0", "False", "False"]


def test_production_settings_default_to_https_and_a_year_of_hsts():
    values = _print_settings(
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
        **_production_env(),
    )
    assert values == ["True", "31536000", "True", "True", "True", "True", "None"]


def test_proxy_ssl_header_comes_from_environment():
    env = _production_env(SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https")
    assert _print_settings("SECURE_PROXY_SSL_HEADER", **env) == ["('HTTP_X_FORWARDED_PROTO', 'https')"]

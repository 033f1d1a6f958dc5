import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client


def _directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.django_db
def test_content_security_policy_allows_no_inline_script(client):
    response = client.get("/")
    directives = _directives(response.headers["Content-Security-Policy"])
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["style-src-elem"] == ["'self'"]
    assert directives["style-src-attr"] == ["'unsafe-inline'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "data:"]


@pytest.mark.django_db
def test_response_headers_forbid_sniffing_framing_and_cross_origin_referrers(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_hsts_sent_over_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/", secure=True)
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.django_db
def test_plain_http_redirected_to_https_when_redirect_on(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/accounts/login/")
    assert response.status_code == 301
    assert response.headers["Location"] == "https://testserver/accounts/login/"


@pytest.mark.django_db
def test_health_check_answers_plain_http_when_redirect_on(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/health/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_https_request_from_reverse_proxy_not_redirected(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/accounts/login/", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_session_cookie_secure_and_http_only_after_sign_in(client, settings, secretariat_user):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    client.get("/accounts/login/")
    assert client.cookies["csrftoken"]["secure"] is True
    response = client.post(
        "/accounts/login/",
        {"username": secretariat_user.username, "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    session_cookie = response.cookies["sessionid"]
    assert session_cookie["secure"] is True
    assert session_cookie["httponly"] is True


@pytest.mark.django_db
def test_unknown_address_answers_friendly_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert response.templates[0].name == "404.html"


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
@pytest.mark.django_db
def test_database_outage_answers_503_with_retry_after(monkeypatch, error):
    def unreachable(**kwargs):
        raise error("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    # The home page's meetings are where a dropped database shows up.
    monkeypatch.setattr("meetings.views.latest_published_meetings", unreachable)
    client = Client(raise_request_exception=False)
    response = client.get("/")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert "Temporarily unavailable" in response.content.decode()


@pytest.mark.django_db
def test_other_errors_answer_plain_500_page(monkeypatch):
    def broken(**kwargs):
        raise ZeroDivisionError

    monkeypatch.setattr("meetings.views.latest_published_meetings", broken)
    client = Client(raise_request_exception=False)
    response = client.get("/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert "Retry-After" not in response.headers


@pytest.mark.django_db
def test_health_check_answers_ok(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response.headers["Cache-Control"]

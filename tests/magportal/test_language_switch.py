"""The language menu carries no CSRF token, so a public page is the same for every visitor; another site's
form cannot switch a visitor's language all the same (the browser says where the form was sent from)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

SWITCH = {"language": "es", "next": "/meetings/"}


@pytest.fixture
def browser():
    """A client that, like a browser's form, would need a CSRF token wherever Django asks for one."""
    return Client(enforce_csrf_checks=True)


def test_anonymous_page_has_no_csrf_token_and_sets_no_cookie(client):
    response = client.get("/")

    assert 'name="csrfmiddlewaretoken"' not in response.text
    assert '<form class="language" action="/i18n/setlang/" method="post">' in response.text
    assert not response.cookies


@pytest.mark.parametrize(
    "headers",
    [
        {"sec-fetch-site": "same-origin", "origin": "http://testserver"},
        {"origin": "http://testserver"},
        {},  # no browser: nobody to mislead
    ],
    ids=["fetch metadata", "origin only", "neither"],
)
def test_language_switched_from_this_sites_page(browser, headers):
    response = browser.post("/i18n/setlang/", SWITCH, headers=headers)

    assert (response.status_code, response["Location"]) == (302, "/meetings/")
    assert response.cookies["django_language"].value == "es"


@pytest.mark.parametrize(
    "headers",
    [
        {"sec-fetch-site": "cross-site", "origin": "https://elsewhere.example"},
        {"sec-fetch-site": "same-site", "origin": "https://other.testserver"},
        # Fetch metadata decides when a browser sends it, whatever the Origin says.
        {"sec-fetch-site": "cross-site", "origin": "http://testserver"},
        {"origin": "https://elsewhere.example"},
        {"origin": "null"},
    ],
    ids=["cross-site", "same-site", "cross-site with our origin", "foreign origin", "opaque origin"],
)
def test_language_switch_from_another_site_is_refused(browser, headers):
    response = browser.post("/i18n/setlang/", SWITCH, headers=headers)

    assert response.status_code == 403
    assert "django_language" not in response.cookies


def test_language_switch_from_a_trusted_origin_is_accepted(browser, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://magportal.example.org"]

    response = browser.post("/i18n/setlang/", SWITCH, headers={"origin": "https://magportal.example.org"})

    assert response.status_code == 302


def test_language_switch_shows_the_next_page_in_that_language(browser):
    browser.get("/meetings/")

    browser.post("/i18n/setlang/", SWITCH, headers={"sec-fetch-site": "same-origin"})

    assert "<h1>Reuniones</h1>" in browser.get("/meetings/").text

"""The report and the decisions browser as people use them, in a real browser."""

import re

import pytest

from meetings.models import Decision
from meetings.roles import sync_role_groups
from tests.factories import make_secretariat_user
from tests.sample_data import make_sample_report

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests then
    expect = None

PASSWORD = "correct horse battery staple"


@pytest.fixture
def report():
    return make_sample_report()


def test_search_finds_the_decision_and_leads_to_its_paragraph(page, live_server, report):
    decision = Decision.objects.get(text="The virtual meeting schedule was approved by the MAG.")
    page.goto(f"{live_server.url}/decisions/")

    page.get_by_label("Search decisions and their paragraphs").fill("virtual meeting schedule approved")
    page.get_by_role("button", name="Search").click()

    results = page.locator(".decision-row")
    expect(results).to_have_count(1)
    expect(results.locator(".decision-row__text")).to_have_text(decision.text)
    results.get_by_role("link", name="Paragraph 9 in the report").click()
    expect(page).to_have_url(f"{live_server.url}{report.get_absolute_url()}#item-10")
    expect(page.locator("#item-10 mark.decision")).to_have_text(decision.text)
    expect(page.locator("#item-10 mark.decision")).to_be_in_viewport()


def test_secretariat_sees_an_annotation_the_public_does_not(browser, live_server, report):
    sync_role_groups()  # the live server's database is flushed between tests, groups included
    user = make_secretariat_user(username="anja")  # whose password is the factories' PASSWORD
    url = f"{live_server.url}{report.get_absolute_url()}"
    note = "We need updated proposals ASAP for these 2 WGs."

    public = browser.new_page()
    public.goto(url)
    expect(public.locator("#item-9")).to_be_visible()
    expect(public.locator(".annotation")).to_have_count(0)
    assert note not in public.content()

    staff = browser.new_page()
    staff.goto(f"{live_server.url}/accounts/login/?next={report.get_absolute_url()}")
    staff.get_by_label("Username").fill(user.username)
    staff.get_by_label("Password").fill(PASSWORD)
    staff.locator("main").get_by_role("button", name="Sign in").click()
    expect(staff).to_have_url(url)
    aside = staff.locator("#item-9 aside.annotations")
    expect(aside).to_be_visible()
    expect(aside.locator(".annotation__text")).to_have_text(re.compile("^" + re.escape(note)))

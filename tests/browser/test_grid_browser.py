"""The session grid as people see it: desktop, phone and paper."""

import re

import pytest

from tests.schedule.sample_grid import make_igf_2016_grid

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests then
    expect = None

# The printable area of an A4 landscape page less grid.css's 10 mm margins, in CSS pixels.
A4_LANDSCAPE_WIDTH = 1047
A4_LANDSCAPE_HEIGHT = 718


@pytest.fixture
def grid_page(page, live_server):
    make_igf_2016_grid()
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(f"{live_server.url}/schedule/igf-2016/")
    return page


def slot(page, name: str):
    """The grid cell of the slot link whose accessible name starts with ``name``."""
    link = page.get_by_role("link", name=re.compile("^" + re.escape(name)))
    return page.locator("li.slot").filter(has=link)


def test_grid_sizes_slots_in_proportion_to_their_minutes(grid_page):
    three_hours = slot(grid_page, "Tuesday 6 December, 10:00 to 13:00: Assessing the Role").bounding_box()
    half_hour = slot(
        grid_page, "Tuesday 6 December, 16:00 to 16:30: 11th IGF - Opening Ceremony"
    ).bounding_box()
    ninety = slot(grid_page, "Tuesday 6 December, 16:30 to 18:00: High-Level Opening Session").bounding_box()

    assert half_hour["height"] * 6 == pytest.approx(three_hours["height"], abs=1)
    assert half_hour["height"] * 3 == pytest.approx(ninety["height"], abs=1)
    assert half_hour["y"] + half_hour["height"] == pytest.approx(ninety["y"], abs=0.5)


def test_grid_puts_each_day_in_its_own_column(grid_page):
    day_one = slot(grid_page, "Tuesday 6 December, 10:00 to 13:00").bounding_box()
    day_two = slot(grid_page, "Wednesday 7 December, 10:00 to 13:00").bounding_box()
    heading_two = grid_page.get_by_role("heading", name="Day 2 Wednesday 7 December").bounding_box()

    assert day_two["x"] > day_one["x"] + day_one["width"]
    assert heading_two["x"] <= day_two["x"] < heading_two["x"] + heading_two["width"]
    assert day_two["y"] == pytest.approx(day_one["y"], abs=0.5)


def test_grid_shows_the_title_of_a_half_hour_slot_whole(grid_page):
    title = slot(grid_page, "Friday 9 December, 15:00 to 15:30").locator(".slot__title")
    cell = slot(grid_page, "Friday 9 December, 15:00 to 15:30").bounding_box()

    expect(title).to_have_text("Shaping the Future of Internet Governance")
    box = title.bounding_box()
    assert cell["y"] <= box["y"] and box["y"] + box["height"] <= cell["y"] + cell["height"]
    note = slot(grid_page, "Friday 9 December, 15:00 to 15:30").locator(".slot__continued").bounding_box()
    assert note["y"] + note["height"] <= cell["y"] + cell["height"]


def test_grid_slot_link_leads_to_its_session_by_keyboard(grid_page):
    link = grid_page.get_by_role(
        "link", name=re.compile("^Friday 9 December, 17:00 to 18:00: 11th IGF Closing")
    )

    link.focus()
    grid_page.keyboard.press("Enter")

    expect(grid_page).to_have_url(re.compile(r"/schedule/igf-2016/#session-\d+$"))
    expect(grid_page.locator(".session:target h3")).to_have_text("11th IGF Closing Ceremony")


def test_grid_on_a_phone_becomes_one_list_per_day(grid_page):
    grid_page.set_viewport_size({"width": 390, "height": 844})

    expect(grid_page.locator(".grid__ruler")).to_be_hidden()
    expect(grid_page.locator(".grid__break")).to_be_hidden()
    lists = grid_page.locator(".day__slots")
    expect(lists).to_have_count(4)
    boxes = [lists.nth(n).bounding_box() for n in range(4)]
    for above, below in zip(boxes, boxes[1:], strict=False):
        assert below["y"] >= above["y"] + above["height"]
    assert {round(box["x"]) for box in boxes} == {round(boxes[0]["x"])}
    assert boxes[0]["width"] > 300
    first = slot(grid_page, "Tuesday 6 December, 10:00 to 13:00").bounding_box()
    second = slot(grid_page, "Tuesday 6 December, 15:00 to 16:00").bounding_box()
    assert second["y"] >= first["y"] + first["height"]
    # In a list a slot is as tall as its text, not as its minutes.
    assert first["height"] < 200


def test_grid_prints_on_one_landscape_page_without_navigation(grid_page):
    grid_page.set_viewport_size({"width": A4_LANDSCAPE_WIDTH, "height": A4_LANDSCAPE_HEIGHT})
    grid_page.emulate_media(media="print")

    expect(grid_page.locator("body > header")).to_be_hidden()
    expect(grid_page.locator(".schedule__formats")).to_be_hidden()
    grid = grid_page.locator(".grid").bounding_box()
    assert grid["y"] + grid["height"] <= A4_LANDSCAPE_HEIGHT
    assert grid["x"] + grid["width"] <= A4_LANDSCAPE_WIDTH
    # The session details start on the next page.
    sessions = grid_page.locator(".sessions")
    expect(sessions).to_have_css("break-before", "page")

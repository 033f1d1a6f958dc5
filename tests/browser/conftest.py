import os
from pathlib import Path

import pytest

from tests.browser import CHROMIUM, CHROMIUM_ARGS

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.needs("chromium"))


@pytest.fixture(scope="session", autouse=True)
def _allow_orm_beside_playwright():
    # Playwright's sync API keeps an event loop running in the test's thread until the
    # session ends, and Django refuses ORM calls from such a thread unless told they are
    # safe. Browser tests run last (tests/conftest.py), so no other test sees this.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium, not a browser downloaded by `playwright install`.
    return {"headless": True, **browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(autouse=True)
def _live_data(transactional_db):
    # The live server answers from another thread, so test data must be committed.
    pass

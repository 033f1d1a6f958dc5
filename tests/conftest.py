import uuid
from pathlib import Path

import environ
import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache

from tests.factories import make_mag_member, make_secretariat_user
from tests.services import MISSING, require

BROWSER_TESTS = Path(__file__).parent / "browser"


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        f"needs(service): the test needs one of {', '.join(MISSING)}; without it the test skips, "
        "or fails in CI (tests/services.py)",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    for mark in item.iter_markers(name="needs"):
        for service in mark.args:
            require(service)


def pytest_collection_modifyitems(config, items):
    # Browser tests last: Playwright's event loop stays open until the session ends,
    # which would break later tests that run their own asyncio loop.
    items.sort(key=lambda item: item.path.is_relative_to(BROWSER_TESTS))


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest storage needs `collectstatic` first; tests render pages without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _no_page_from_an_earlier_test():
    """Each test starts with an empty local-memory cache. Public pages are cached under their scope's
    version (magportal/page_cache.py), and a test's rows are rolled back with the versions they bumped:
    the next test would find pages rendered from rows it never had. (Redis is never flushed here.)"""
    if isinstance(caches["default"], LocMemCache):
        caches["default"].clear()


@pytest.fixture
def secretariat_user(db):
    return make_secretariat_user()


@pytest.fixture
def mag_member(db):
    return make_mag_member()


@pytest.fixture(params=["local memory", "redis"])
def shared(request, settings):
    """The cache a caching test runs against, once per process and once on Redis (a module of such
    tests says ``pytestmark = pytest.mark.usefixtures("shared")``). Yields whether the cache is
    shared. The Redis namespace is this test's own."""
    if request.param == "redis":
        require("redis")
        prefix = f"test-{uuid.uuid4().hex}"
        config = environ.Env.cache_url_config("redis://127.0.0.1:6379/6")
        settings.CACHES = {"default": {**config, "KEY_PREFIX": prefix}}
    else:
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
        cache.clear()
    yield request.param == "redis"
    if request.param == "redis":
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()

import os
import subprocess
import sys
import uuid
from pathlib import Path

import environ
import pytest
from django.core.cache import cache, caches

from magportal.cache import RedisCache

pytestmark = pytest.mark.needs("redis")


@pytest.fixture
def redis_cache(settings):
    config = environ.Env.cache_url_config("redis://127.0.0.1:6379/6")
    settings.CACHES = {
        "default": {**config, "BACKEND": "magportal.cache.RedisCache", "KEY_PREFIX": uuid.uuid4().hex}
    }
    yield cache
    cache.delete_many(["grid", "other"])


def test_redis_cache_reuses_one_client(redis_cache):
    clients = {id(redis_cache._cache.get_client()), id(redis_cache._cache.get_client(write=True))}

    assert (type(caches["default"]), len(clients)) == (RedisCache, 1)


def test_redis_cache_stores_and_reads_back(redis_cache):
    redis_cache.set("grid", {"rows": 42})
    redis_cache.set_many({"other": b"\x00page"})

    assert redis_cache.get_many(["grid", "other", "missing"]) == {"grid": {"rows": 42}, "other": b"\x00page"}


def test_cache_url_redis_uses_the_reusing_backend():
    code = "from django.conf import settings; print(settings.CACHES['default'])"
    env = {**os.environ, "DEBUG": "true", "CACHE_URL": "redis://127.0.0.1:6379/1"}
    env["DJANGO_SETTINGS_MODULE"] = "magportal.settings"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert result.stdout.strip() == (
        "{'BACKEND': 'magportal.cache.RedisCache', 'LOCATION': 'redis://127.0.0.1:6379/1'}"
    )

"""Django's Redis cache backend, keeping one Redis client per connection pool.

Django's own builds a new ``redis.Redis`` for every cache call, and building one (its
table of reply parsers) took longer than the call itself: the grid's cached page, read
from Redis on every anonymous request, paid it each time. Clients are thread-safe and
share their pool, as Django's do; a forked process gets its own connections (redis-py
checks the process id).
"""

from django.core.cache.backends import redis as django_redis


class _Client(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _Client

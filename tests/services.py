"""The machine's services that some tests need, and whether they are running."""

import socket

REDIS = ("127.0.0.1", 6379)


def redis_is_up() -> bool:
    """Whether Redis answers on 127.0.0.1:6379 (tests against a shared cache skip without it)."""
    try:
        with socket.create_connection(REDIS, timeout=0.5):
            return True
    except OSError:
        return False

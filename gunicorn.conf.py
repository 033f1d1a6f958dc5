"""Gunicorn settings for MAG Portal (`make serve-prod`, `make loadtest`).

Every value can be overridden from the environment; gunicorn also reads
GUNICORN_CMD_ARGS. Run behind a reverse proxy that terminates TLS.
"""

import multiprocessing
import os

wsgi_app = "magportal.wsgi:application"
# Loopback by default: the reverse proxy on the same host forwards to it.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Gunicorn's own rule of thumb for sync workers.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# A request that takes longer than this is a bug or an attack; the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
# Which proxies may set X-Forwarded-Proto / X-Forwarded-For (comma-separated addresses).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

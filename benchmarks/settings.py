"""Settings for `make bench` only: the project's settings, plus the bench-only URLs."""

from magportal.settings import *  # noqa: F403
from magportal.settings import STORAGES, env

ROOT_URLCONF = "benchmarks.urls"

# In-process steps render pages without `collectstatic`, as the tests do; the
# gunicorn step collects static files and keeps the production manifest storage.
if not env.bool("BENCH_MANIFEST_STATIC", default=False):
    STORAGES = {
        **STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

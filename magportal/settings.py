"""Settings for MAG Portal.

Everything that differs between machines comes from the environment (or a
``.env`` file beside ``manage.py``), read through django-environ. There is one
settings module; ``.env.example`` lists every variable.
"""

import datetime
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY and DEBUG:
    # Development only: a fixed key is harmless when DEBUG is on locally.
    SECRET_KEY = "django-insecure-development-key-do-not-use-in-production"
# Without a key and with DEBUG off, management commands that sign nothing
# (migrate, makemigrations, import_report) still run; serving does not:
# magportal.startup.require_secret_key stops runserver, gunicorn and uvicorn.

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "pgtrigger",
    "axes",
    "magportal",
    "meetings",
    "schedule",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Signed-in users' pages are never kept by a proxy (magportal/page_cache.py).
    "magportal.page_cache.private_for_signed_in",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "magportal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "magportal.wsgi.application"

# SQLite in the project folder is the embedded default for a first run;
# production sets DATABASE_URL=postgres://...
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# A connection dropped by a database restart is noticed and replaced on the
# next request instead of failing it.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Values sent apart from the statement, so that PostgreSQL keeps a statement run a few times on a
    # connection parsed and planned (psycopg's prepared statements): planning was a tenth of a public
    # page's time. Behind PgBouncer in transaction mode (without max_prepared_statements), set
    # DATABASE_PREPARE_THRESHOLD to an empty value: statements are then planned each time.
    _prepare_threshold = env.str("DATABASE_PREPARE_THRESHOLD", default="5")
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=int(_prepare_threshold) if _prepare_threshold else None
    )

# Local memory by default (per process); production sets CACHE_URL=redis://host:6379/N, which
# django-environ maps to Django's built-in RedisCache (needs the redis package). Either backend keeps
# cached pages right across workers (magportal/freshness.py): a per-process cache checks the pages'
# version in the database on each request; Redis, shared, holds a generation every edit replaces.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://magportal")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # The same backend, reusing its Redis client (magportal/cache.py).
    CACHES["default"]["BACKEND"] = "magportal.cache.RedisCache"
# How long a browser or a caching proxy may reuse an anonymous public page without asking again
# (magportal/page_cache.py): an edit reaches a proxy's visitors at most this many seconds later.
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=10)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Django 6 behaviour now: a scheme-less URL typed in a form means https.
FORMS_URLFIELD_ASSUME_HTTPS = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
# Dates as the reports write them, in each language (magportal.dates writes ranges from these).
FORMAT_MODULE_PATH = ["magportal.formats"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

# Bounds on uploaded .docx reports, checked before any XML parser sees the
# file (OWASP ASVS 12.1: compressed uploads are checked against their
# uncompressed size and entry count).
REPORT_MAX_UPLOAD_BYTES = env.int("REPORT_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
REPORT_MAX_ZIP_ENTRIES = env.int("REPORT_MAX_ZIP_ENTRIES", default=500)
REPORT_MAX_ENTRY_BYTES = env.int("REPORT_MAX_ENTRY_BYTES", default=20 * 1024 * 1024)
REPORT_MAX_TOTAL_BYTES = env.int("REPORT_MAX_TOTAL_BYTES", default=60 * 1024 * 1024)
# Bounds on a report's text (meetings/importer/limits.py): the largest accepted report saves
# well inside a request's time.
REPORT_MAX_PARAGRAPHS = env.int("REPORT_MAX_PARAGRAPHS", default=5_000)
REPORT_MAX_PARAGRAPH_CHARS = env.int("REPORT_MAX_PARAGRAPH_CHARS", default=20_000)
REPORT_MAX_CHARS = env.int("REPORT_MAX_CHARS", default=1_000_000)
# An import's statements and lock waits are bounded (PostgreSQL), in seconds: a killed import's
# work is cancelled, and an import never hangs behind another's locks.
IMPORT_STATEMENT_TIMEOUT = env.float("IMPORT_STATEMENT_TIMEOUT", default=20)
IMPORT_LOCK_TIMEOUT = env.float("IMPORT_LOCK_TIMEOUT", default=5)
# An upload waiting in the admin's import preview is removed after this many seconds.
IMPORT_PREVIEW_MAX_AGE = env.int("IMPORT_PREVIEW_MAX_AGE", default=24 * 60 * 60)
DATA_UPLOAD_MAX_MEMORY_SIZE = REPORT_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = REPORT_MAX_UPLOAD_BYTES

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# --- Production hardening ----------------------------------------------------
# Secure by default whenever DEBUG is off, so `manage.py check --deploy` is
# clean with just DEBUG, SECRET_KEY and ALLOWED_HOSTS set; each switch can be
# overridden from the environment (see .env.example and the README's "Running
# in production"). With DEBUG on nothing here redirects to HTTPS.
# Behind a reverse proxy that terminates TLS, the proxy tells Django the
# original scheme, e.g. SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https.
# Only set it when the proxy always overwrites that header.
SECURE_PROXY_SSL_HEADER = env.tuple("SECURE_PROXY_SSL_HEADER", default=None)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# A load balancer or monitor polls the app directly over HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline script anywhere. Inline style *attributes* are allowed because
# the session grid places its cells with them; style elements and sheets
# still come only from the site itself.
_SELF = "'self'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "style-src-elem": [_SELF],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [_SELF, "data:"],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": [_SELF],
    }
}

# Repeated failed sign-ins (site and admin) lock that username from that
# address for a while; a success clears the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind a reverse proxy every request comes from the proxy's address; the
# client's is then the last X-Forwarded-For entry the trusted proxies added.
AXES_CLIENT_IP_CALLABLE = "magportal.proxy.client_ip"
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

"""Checks made before the site serves a single request."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

NO_SECRET_KEY = (
    "SECRET_KEY is not set. Set SECRET_KEY in the environment (or .env) "
    "before running with DEBUG off; see .env.example."
)


def require_secret_key() -> None:
    """Refuse to serve without a secret key: sessions and CSRF tokens depend on it."""
    try:
        key = settings.SECRET_KEY
    except ImproperlyConfigured:  # Django itself refuses an empty key when it is read.
        key = ""
    if not key:
        raise ImproperlyConfigured(NO_SECRET_KEY)

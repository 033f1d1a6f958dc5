"""Uploaded reports waiting for the admin's confirmation, in the media storage under their SHA-256.

The preview step keeps the file here and only its name in the session; the confirm step
reads it back by the hash the session holds. A file leaves after its save or cancel, and
any left behind by an abandoned preview is removed once older than
IMPORT_PREVIEW_MAX_AGE: at every upload, and by ``manage.py discard_import_previews``.
"""

from __future__ import annotations

import datetime
import hashlib
import re

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

FOLDER = "import-previews"
_SHA256 = re.compile(r"[0-9a-f]{64}")


def keep_preview(*, data: bytes) -> str:
    """Store ``data`` until it is saved or cancelled; return its SHA-256."""
    discard_expired_previews()
    sha256 = hashlib.sha256(data).hexdigest()
    path = _path(sha256)
    if not default_storage.exists(path):
        default_storage.save(path, ContentFile(data))
    return sha256


def preview_data(sha256: str) -> bytes | None:
    """The bytes kept under ``sha256``, or None when they are gone (saved, cancelled, expired)."""
    path = _path(sha256)
    if not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as file:
        data = file.read()
    # A file changed on disk is not the one the user saw.
    return data if hashlib.sha256(data).hexdigest() == sha256 else None


def discard_preview(sha256: str) -> None:
    default_storage.delete(_path(sha256))


def discard_expired_previews(*, now: datetime.datetime | None = None) -> int:
    """Remove previews older than IMPORT_PREVIEW_MAX_AGE (seconds); return how many."""
    if not default_storage.exists(FOLDER):
        return 0
    oldest = (now or timezone.now()) - datetime.timedelta(seconds=settings.IMPORT_PREVIEW_MAX_AGE)
    removed = 0
    for name in default_storage.listdir(FOLDER)[1]:
        path = f"{FOLDER}/{name}"
        if default_storage.get_modified_time(path) < oldest:
            default_storage.delete(path)
            removed += 1
    return removed


def _path(sha256: str) -> str:
    if not _SHA256.fullmatch(sha256):
        raise ValueError("not a SHA-256 in hexadecimal")
    return f"{FOLDER}/{sha256}.docx"

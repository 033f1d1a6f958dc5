"""Cheap pieces for pages that show many rows: each row's address and choice labels.

Django's ``reverse`` walks the URL resolver on every call (about 15 µs here), and a model's
``get_FOO_display`` builds a dictionary of every choice on every call; a list page asks both for
each of its rows. These give the same answers from a memo and an enum lookup.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.db.models import Choices
from django.urls import get_script_prefix, get_urlconf, reverse


def reverse_memo(viewname: str, **kwargs: str | int) -> str:
    """``reverse(viewname, kwargs=kwargs)``, remembered for the current URLconf and script prefix."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reverse(viewname, tuple(sorted(kwargs.items())), urlconf, get_script_prefix())


@functools.lru_cache(maxsize=16384)
def _reverse(viewname: str, kwargs: tuple, urlconf, prefix: str) -> str:
    # urlconf and prefix only key the memo: reverse reads the same ones from the current thread.
    return reverse(viewname, kwargs=dict(kwargs))


def choice_label(choices: type[Choices], value):
    """What ``get_FOO_display()`` returns for ``value``: its label, or the value itself if not a choice."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value

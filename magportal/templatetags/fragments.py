"""``{% load fragments %}``, then ``{% fragment "_site_nav.html" url_name=... %}``: an include rendered
once for each set of values it is given (in each language), then written again from memory.

The fragment sees only the values it is given, like ``{% include ... with ... only %}``: no request, no
user, no row. What it renders therefore depends on those values, the active language and the site's
address prefix alone, and a remembered copy is always right. Every page's head, navigation and
language menu are such fragments; rendering them was a fifth of a small page's time.

With ``DEBUG`` on, a fragment is rendered every time, so an edited template shows at once.
"""

from __future__ import annotations

import functools

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.template.loader import get_template
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def fragment(template_name: str, **values: str | bool | None) -> SafeString:
    if settings.DEBUG:
        return _render(template_name, values)
    key = tuple(sorted(values.items()))
    return _remembered(template_name, key, get_language(), get_script_prefix(), get_urlconf())


@functools.lru_cache(maxsize=1024)
def _remembered(template_name: str, values: tuple, language: str | None, prefix: str, urlconf) -> SafeString:
    # language, prefix and urlconf only key the memo: the render reads the current ones.
    return _render(template_name, dict(values))


def _render(template_name: str, values: dict) -> SafeString:
    return get_template(template_name).render(values)


def _forget(**kwargs):
    # Templates, languages or URLs changed by a test: render again.
    _remembered.cache_clear()


setting_changed.connect(_forget)

"""``{% load addresses %}``, then ``{% address "meetings:home" %}``: the address ``{% url %}`` gives,
remembered (``magportal.rendering.reverse_memo``) rather than found again by walking the URL resolver.

Every page's header and footer link to the same eight pages; Django's ``{% url %}`` reversed each of
them on every request, a tenth of a small page's rendering. Keyword arguments as ``{% url %}``'s
(``{% address "meetings:meeting_docx" slug=meeting.slug %}``), and ``as name`` to keep it for later.
An address that does not exist is an error here too (``{% url ... as name %}`` would hide it).
"""

from django import template

from magportal.rendering import reverse_memo

register = template.Library()


@register.simple_tag
def address(viewname: str, **kwargs) -> str:
    return reverse_memo(viewname, **kwargs)

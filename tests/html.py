"""Pages read as a person reads them: parsed HTML, and the texts of the elements a test names.

Tests compare what a page shows as whole lists ("the items, decisions and warnings shown"), not a
few substrings, so that an extra, a missing or a reordered row fails them.
"""

import re

from lxml import html


def page(response) -> html.HtmlElement:
    """The parsed body of a rendered page (asserting that it rendered)."""
    assert response.status_code == 200, response.status_code
    return html.fromstring(response.content.decode())


def text(element) -> str:
    """An element's text as shown: whitespace runs as one space, trimmed."""
    return re.sub(r"\s+", " ", element.text_content()).strip()


def texts(root, xpath: str) -> list[str]:
    """The shown text of every element that ``xpath`` finds, in document order."""
    return [text(element) for element in root.xpath(xpath)]


def by_class(name: str) -> str:
    """An XPath test for an element with the CSS class ``name``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"

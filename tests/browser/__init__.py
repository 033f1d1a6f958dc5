"""Browser tests: real pages in Debian's Chromium, driven by Playwright.

They need Playwright and ``/usr/bin/chromium`` (conftest.py marks them ``needs("chromium")``:
without it they skip, or fail in CI); Playwright's own browser download is never used.
"""

from tests.services import CHROMIUM as CHROMIUM  # the browser conftest launches it

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

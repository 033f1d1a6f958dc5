"""Browser tests: real pages in Debian's Chromium, driven by Playwright.

They skip, each by name, when Playwright or ``/usr/bin/chromium`` is missing
(see conftest.py); Playwright's own browser download is never used.
"""

import importlib.util
import os

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def missing_browser() -> str | None:
    """Why browser tests cannot run here, or None when they can."""
    if importlib.util.find_spec("playwright") is None:
        return "Playwright is not installed (pip install -e '.[dev]')"
    if not os.access(CHROMIUM, os.X_OK):
        return f"Chromium not found at {CHROMIUM}"
    return None

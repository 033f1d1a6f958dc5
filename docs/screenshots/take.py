"""Retake the README's screenshots from a running portal, in Debian's headless Chromium.

    make sample && DEBUG=true .venv/bin/python manage.py runserver 127.0.0.1:8000 &
    DEBUG=true .venv/bin/python docs/screenshots/take.py [--base URL] [--out FOLDER]

It signs in as a Secretariat user it creates (``screenshots``, a random password) for the pages only
staff see, and removes that user afterwards.
"""

import argparse
import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = [
    # (file, path, signed in, viewport width, full page)
    ("home.png", "/", False, 1280, False),
    ("grid.png", "/schedule/igf-2016/", False, 1280, True),
    ("grid-phone.png", "/schedule/igf-2016/", False, 390, False),
    ("meetings.png", "/meetings/", False, 1280, False),
    ("decisions-search.png", "/decisions/?q=main+session", True, 1280, False),
    ("actions.png", "/actions/", True, 1280, False),
    ("report-secretariat.png", "/meetings/{report}/", True, 1280, False),
    ("admin-import.png", "/admin/meetings/meeting/import/", True, 1280, False),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "magportal.settings")
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from playwright.sync_api import sync_playwright

    from meetings.models import Meeting
    from meetings.roles import SECRETARIAT

    report = Meeting.objects.order_by("-date").first()
    if report is None:
        print("No meeting to show: run `make sample` first.", file=sys.stderr)
        return 1
    password = secrets.token_urlsafe(16)
    user = User.objects.create_user("screenshots", password=password, is_staff=True)
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            signed_in = browser.new_context(viewport={"width": 1280, "height": 900})
            page = signed_in.new_page()
            page.goto(f"{args.base}/accounts/login/")
            page.fill("input[name=username]", user.username)
            page.fill("input[name=password]", password)
            page.click("form [type=submit]")
            for name, path, staff, width, full in PAGES:
                context = signed_in if staff else browser.new_context()
                tab = context.new_page()
                tab.set_viewport_size({"width": width, "height": 900 if width > 600 else 844})
                tab.goto(args.base + path.format(report=report.slug))
                tab.screenshot(path=str(Path(args.out) / name), full_page=full)
                print(f"{name}: {path.format(report=report.slug)}")
            browser.close()
    finally:
        user.delete()
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

#: Commands that serve requests, and so need a SECRET_KEY when DEBUG is off.
SERVING = {"runserver"}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "magportal.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        # Load settings first so a configuration mistake reads as one line, not a traceback.
        settings.INSTALLED_APPS  # noqa: B018
        if SERVING.intersection(sys.argv[1:2]):
            from magportal.startup import require_secret_key

            require_secret_key()
    except ImproperlyConfigured as error:
        sys.exit(f"Configuration error: {error}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

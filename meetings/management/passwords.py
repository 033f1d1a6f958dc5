"""The password of an account made by a management command: asked twice, or read from the environment."""

import getpass
import os

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError


def read_password(*, noinput: bool) -> str:
    if noinput:
        password = os.environ.get("MAGPORTAL_PASSWORD", "")
        if not password:
            raise CommandError("--noinput needs the password in MAGPORTAL_PASSWORD.")
        return password
    password = getpass.getpass("Password: ")
    if password != getpass.getpass("Password (again): "):
        raise CommandError("The two passwords differ.")
    return password


def set_new_password(user, *, noinput: bool) -> None:
    """Ask for a password, check it against the validators, and set it on ``user`` (not saved)."""
    password = read_password(noinput=noinput)
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise CommandError(" ".join(error.messages)) from error
    user.set_password(password)

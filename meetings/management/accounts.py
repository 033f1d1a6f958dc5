"""Accounts made by the management commands: the same arguments, the user found or made, and its password
asked twice or read from the environment."""

import getpass
import os

from django.contrib.auth import get_user_model, password_validation
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


def add_account_arguments(parser) -> None:
    parser.add_argument("username")
    parser.add_argument("--email", default="")
    parser.add_argument("--noinput", action="store_true", help="Read the password from MAGPORTAL_PASSWORD.")


def existing_or_new_user(*, username: str, email: str, noinput: bool):
    """(user, created): the user named ``username``, or a new one (not saved) with its password set."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user, False
    user = User(username=username, email=email)
    set_new_password(user, noinput=noinput)
    return user, True

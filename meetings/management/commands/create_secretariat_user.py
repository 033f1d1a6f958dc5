"""Create a Secretariat account (staff, in the "Secretariat" group), or promote one."""

import getpass
import os

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from meetings.roles import SECRETARIAT


class Command(BaseCommand):
    help = (
        "Create a Secretariat user who can sign in to the admin, or promote an existing user. "
        "The password is asked for, or read from MAGPORTAL_PASSWORD with --noinput."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--noinput", action="store_true", help="Read the password from MAGPORTAL_PASSWORD."
        )

    def handle(self, *args, username, email, noinput, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        created = user is None
        if created:
            user = User(username=username, email=email)
            password = self._password(noinput)
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            user.set_password(password)
        user.is_staff = True
        user.is_active = True
        user.save()
        user.groups.add(Group.objects.get(name=SECRETARIAT))
        verb = "Created" if created else "Promoted"
        self.stdout.write(f"{verb} Secretariat user {username!r}; sign in at /admin/.")

    def _password(self, noinput):
        if noinput:
            password = os.environ.get("MAGPORTAL_PASSWORD", "")
            if not password:
                raise CommandError("--noinput needs the password in MAGPORTAL_PASSWORD.")
            return password
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return password

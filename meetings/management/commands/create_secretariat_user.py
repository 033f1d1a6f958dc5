"""Create a Secretariat account (staff, in the "Secretariat" group), or promote one."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from meetings.management.passwords import set_new_password
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
            set_new_password(user, noinput=noinput)
        user.is_staff = True
        user.is_active = True
        user.save()
        user.groups.add(Group.objects.get(name=SECRETARIAT))
        verb = "Created" if created else "Promoted"
        self.stdout.write(f"{verb} Secretariat user {username!r}; sign in at /admin/.")

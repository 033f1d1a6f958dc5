"""Create a Secretariat account (staff, in the "Secretariat" group), or promote one."""

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from meetings.management.accounts import add_account_arguments, existing_or_new_user
from meetings.roles import SECRETARIAT


class Command(BaseCommand):
    help = (
        "Create a Secretariat user who can sign in to the admin, or promote an existing user. "
        "The password is asked for, or read from MAGPORTAL_PASSWORD with --noinput."
    )

    def add_arguments(self, parser):
        add_account_arguments(parser)

    def handle(self, *args, username, email, noinput, **options):
        user, created = existing_or_new_user(username=username, email=email, noinput=noinput)
        user.is_staff = True
        user.is_active = True
        user.save()
        user.groups.add(Group.objects.get(name=SECRETARIAT))
        verb = "Created" if created else "Promoted"
        self.stdout.write(f"{verb} Secretariat user {username!r}; sign in at /admin/.")

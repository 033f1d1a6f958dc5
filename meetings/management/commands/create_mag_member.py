"""Create a MAG member's account (in the "MAG members" group, no admin access), or add a user to the group."""

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from meetings.management.accounts import add_account_arguments, existing_or_new_user
from meetings.roles import MAG_MEMBERS


class Command(BaseCommand):
    help = (
        "Create a MAG member who signs in at /accounts/login/ and sees draft meetings, or add an existing "
        "user to the MAG members. The password is asked for, or read from MAGPORTAL_PASSWORD with --noinput."
    )

    def add_arguments(self, parser):
        add_account_arguments(parser)

    def handle(self, *args, username, email, noinput, **options):
        user, created = existing_or_new_user(username=username, email=email, noinput=noinput)
        if created:
            user.save()
        user.groups.add(Group.objects.get(name=MAG_MEMBERS))
        verb = "Created" if created else "Added"
        self.stdout.write(f"{verb} MAG member {username!r}; they sign in at /accounts/login/.")

"""Create a MAG member's account (in the "MAG members" group, no admin access), or add a user to the group."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from meetings.management.passwords import set_new_password
from meetings.roles import MAG_MEMBERS


class Command(BaseCommand):
    help = (
        "Create a MAG member who signs in at /accounts/login/ and sees draft meetings, or add an existing "
        "user to the MAG members. The password is asked for, or read from MAGPORTAL_PASSWORD with --noinput."
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
            user.save()
        user.groups.add(Group.objects.get(name=MAG_MEMBERS))
        verb = "Created" if created else "Added"
        self.stdout.write(f"{verb} MAG member {username!r}; they sign in at /accounts/login/.")

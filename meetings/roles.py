"""The portal's roles and what each may see.

Roles are Django groups whose permissions do the work, so views ask
``user.has_perm(...)`` and never compare group names.
"""

from typing import TYPE_CHECKING

from django.db.models import Q

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

SECRETARIAT = "Secretariat"
MAG_MEMBERS = "MAG members"

#: Unpublished (draft) meetings and their decisions.
VIEW_DRAFTS = "meetings.view_draft_meeting"
#: Annotations whose visibility is "MAG members too".
VIEW_SHARED_ANNOTATIONS = "meetings.view_shared_annotation"
#: Every annotation, including the secretariat-only ones.
VIEW_ALL_ANNOTATIONS = "meetings.view_annotation"

#: The apps whose every permission the Secretariat group holds.
SECRETARIAT_APPS = ("meetings", "schedule")
MAG_MEMBER_PERMISSIONS = (VIEW_DRAFTS, VIEW_SHARED_ANNOTATIONS)
#: The Secretariat adds MAG members and sets their passwords (meetings/admin_users.py keeps it
#: to accounts that are neither staff nor superuser, and to the "MAG members" group).
SECRETARIAT_USER_PERMISSIONS = ("auth.add_user", "auth.change_user", "auth.view_user")


def may_see_drafts(user: "User | AnonymousUser") -> bool:
    """Whether ``user`` may see drafts: unpublished meetings, their decisions, annotations and announced
    meetings, and unpublished grids. The one rule every page, export, feed and cache asks."""
    return user.is_active and user.has_perm(VIEW_DRAFTS)


def may_see_all_annotations(user: "User | AnonymousUser") -> bool:
    """The Secretariat's right: every annotation, the internal ones too."""
    return user.is_active and user.has_perm(VIEW_ALL_ANNOTATIONS)


def sync_role_groups(*, using: str = "default") -> None:
    """Create both groups and give them their permissions.

    Runs after every ``migrate`` so that models added later (and their
    history models) are covered too; the data migration runs it first.
    """
    from django.contrib.auth.models import Group, Permission

    # The database migrate ran on.
    groups, permissions = Group.objects.using(using), Permission.objects.using(using)
    secretariat, _ = groups.get_or_create(name=SECRETARIAT)
    secretariat.permissions.set(
        permissions.filter(
            Q(content_type__app_label__in=SECRETARIAT_APPS) | _named(SECRETARIAT_USER_PERMISSIONS)
        )
    )
    members, _ = groups.get_or_create(name=MAG_MEMBERS)
    members.permissions.set(permissions.filter(_named(MAG_MEMBER_PERMISSIONS)))


def _named(names: tuple[str, ...]) -> Q:
    """The permissions ``names`` as ``user.has_perm`` reads them: "app_label.codename", the app included
    (another app's permission of the same code name is not it)."""
    wanted = Q(pk__in=[])  # no names, no permissions
    for name in names:
        app_label, codename = name.split(".")
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    return wanted

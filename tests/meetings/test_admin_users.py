"""The Secretariat manages MAG members in the admin; nothing it posts grants staff, superuser or rights."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import CommandError, call_command
from django.urls import reverse

from meetings.roles import MAG_MEMBERS, SECRETARIAT
from tests.factories import make_mag_member, make_user

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:auth_user_add")
PASSWORD = "a long enough passphrase 42"


def change_url(user):
    return reverse("admin:auth_user_change", args=[user.pk])


def password_url(user):
    return reverse("admin:auth_user_password_change", args=[user.pk])


def groups_of(user) -> list[str]:
    return sorted(user.groups.values_list("name", flat=True))


def escalation() -> dict:
    """What a hostile form would add to a post: every privilege by name."""
    return {
        "is_staff": "on",
        "is_superuser": "on",
        "groups": [Group.objects.get(name=SECRETARIAT).pk],
        "user_permissions": [Permission.objects.get(codename="delete_user").pk],
    }


def member_form(user, **values) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "mag_member": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }
    data.update(values)
    return data


def test_admin_users_secretariat_adds_a_mag_member_with_a_password(client, secretariat_user):
    client.force_login(secretariat_user)

    response = client.post(
        ADD_URL,
        {
            "username": "amina",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "mag_member": "on",
            **escalation(),
        },
    )

    user = User.objects.get(username="amina")
    assert response.status_code == 302
    assert user.check_password(PASSWORD)
    assert groups_of(user) == [MAG_MEMBERS]
    assert (user.is_staff, user.is_superuser, user.user_permissions.count()) == (False, False, 0)


def test_admin_users_secretariat_puts_a_member_out_of_and_into_the_group(client, secretariat_user):
    member = make_mag_member()
    client.force_login(secretariat_user)

    out = client.post(change_url(member), member_form(member, mag_member=""))
    assert out.status_code == 302
    assert groups_of(member) == []

    back = client.post(change_url(member), member_form(member))
    assert back.status_code == 302
    assert groups_of(member) == [MAG_MEMBERS]


def test_admin_users_secretariat_change_form_ignores_every_escalation(client, secretariat_user):
    member = make_mag_member()
    client.force_login(secretariat_user)

    page = client.get(change_url(member))
    response = client.post(change_url(member), member_form(member, **escalation()))

    member.refresh_from_db()
    assert page.status_code == 200
    assert list(page.context["adminform"].form.fields) == [
        "username",
        "password",
        "first_name",
        "last_name",
        "email",
        "is_active",
        "mag_member",
    ]
    assert response.status_code == 302
    assert (member.is_staff, member.is_superuser) == (False, False)
    assert groups_of(member) == [MAG_MEMBERS]
    assert member.user_permissions.count() == 0


def test_admin_users_secretariat_sets_a_members_password(client, secretariat_user):
    member = make_mag_member()
    client.force_login(secretariat_user)

    response = client.post(
        password_url(member), {"usable_password": "true", "password1": PASSWORD, "password2": PASSWORD}
    )

    member.refresh_from_db()
    assert response.status_code == 302
    assert member.check_password(PASSWORD)


@pytest.mark.parametrize("target", ["superuser", "staff", "secretariat", "self"])
def test_admin_users_secretariat_cannot_open_or_reset_staff_accounts(client, secretariat_user, target):
    other = {
        "superuser": lambda: User.objects.create_superuser(
            "root", "root@example.org", "the root passphrase 7"
        ),
        "staff": lambda: make_user(is_staff=True),
        "secretariat": lambda: make_user(is_staff=True, group=SECRETARIAT),
        "self": lambda: secretariat_user,
    }[target]()
    client.force_login(secretariat_user)

    change = client.post(change_url(other), member_form(other))
    password = client.post(
        password_url(other), {"usable_password": "true", "password1": PASSWORD, "password2": PASSWORD}
    )
    listed = client.get(reverse("admin:auth_user_changelist"))

    other.refresh_from_db()
    assert change.status_code in (302, 404)
    assert change.status_code == 404 or change["Location"] == reverse("admin:index")
    assert password.status_code == 404
    assert not other.check_password(PASSWORD)
    assert other.username not in [user.username for user in listed.context["cl"].result_list]
    assert other.is_staff is True


def test_admin_users_secretariat_cannot_manage_groups_permissions_or_delete(client, secretariat_user):
    member = make_mag_member()
    client.force_login(secretariat_user)

    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert (
        client.get(
            reverse("admin:auth_group_change", args=[Group.objects.get(name=MAG_MEMBERS).pk])
        ).status_code
        == 403
    )
    assert (
        client.post(reverse("admin:auth_user_delete", args=[member.pk]), {"post": "yes"}).status_code == 403
    )
    bulk = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "delete_selected", "_selected_action": [member.pk], "post": "yes"},
    )
    assert User.objects.filter(pk=member.pk).exists()
    assert bulk.status_code in (200, 302)


def test_admin_users_superuser_keeps_the_full_user_admin(client):
    root = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    client.force_login(root)

    page = client.get(change_url(make_mag_member()))

    assert {"is_staff", "is_superuser", "groups", "user_permissions"} <= set(
        page.context["adminform"].form.fields
    )


def test_create_mag_member_makes_a_member_without_admin_access(monkeypatch):
    monkeypatch.setenv("MAGPORTAL_PASSWORD", PASSWORD)

    call_command("create_mag_member", "amina", "--email", "amina@example.org", "--noinput")

    user = User.objects.get(username="amina")
    assert (user.is_staff, user.is_superuser) == (False, False)
    assert groups_of(user) == [MAG_MEMBERS]
    assert user.check_password(PASSWORD)


def test_create_mag_member_adds_an_existing_user_to_the_group():
    user = make_user(username="kossi")

    call_command("create_mag_member", "kossi", "--noinput")

    assert groups_of(user) == [MAG_MEMBERS]


def test_create_mag_member_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("MAGPORTAL_PASSWORD", "123")

    with pytest.raises(CommandError, match="too short"):
        call_command("create_mag_member", "weak", "--noinput")

    assert not User.objects.filter(username="weak").exists()

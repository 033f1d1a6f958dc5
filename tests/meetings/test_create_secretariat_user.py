import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from meetings.roles import SECRETARIAT
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_create_secretariat_user_makes_a_staff_member_of_the_group(monkeypatch):
    monkeypatch.setenv("MAGPORTAL_PASSWORD", "a long enough passphrase 42")
    call_command("create_secretariat_user", "anja", "--email", "anja@example.org", "--noinput")
    user = User.objects.get(username="anja")
    assert user.is_staff is True
    assert list(user.groups.values_list("name", flat=True)) == [SECRETARIAT]
    assert user.check_password("a long enough passphrase 42")


def test_create_secretariat_user_promotes_an_existing_user():
    user = make_user(username="chengetai")
    call_command("create_secretariat_user", "chengetai", "--noinput")
    user.refresh_from_db()
    assert user.is_staff is True


def test_create_secretariat_user_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("MAGPORTAL_PASSWORD", "123")
    with pytest.raises(CommandError, match="too short"):
        call_command("create_secretariat_user", "weak", "--noinput")
    assert not User.objects.filter(username="weak").exists()

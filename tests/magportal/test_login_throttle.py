import pytest
from django.test import Client

from meetings.models import Decision
from tests.factories import make_decision, make_mag_member

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Every sign-in attempt hashes; the real hasher would make this module slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _sign_in(client, username, password, *, url="/accounts/login/", address="203.0.113.7"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def _fail_five_times(client, username, **kwargs):
    return [_sign_in(client, username, "wrong password", **kwargs).status_code for _ in range(5)]


@pytest.mark.django_db
def test_login_locked_after_five_failures_even_with_right_password(client, mag_member):
    # Four failures show the form again; the fifth locks the account for that address.
    assert _fail_five_times(client, mag_member.username) == [200, 200, 200, 200, 429]

    response = _sign_in(client, mag_member.username, PASSWORD)

    assert response.status_code == 429
    content = response.content.decode()
    assert 'name="password"' not in content
    assert "Too many failed sign-ins" in content
    assert "Please try again in 15 minutes" in content
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_success_resets_failure_count(client, mag_member):
    for _ in range(4):
        _sign_in(client, mag_member.username, "wrong password")
    assert _sign_in(client, mag_member.username, PASSWORD).status_code == 302
    client.logout()

    # Were the four failures still counted, the first of these would lock.
    statuses = [_sign_in(client, mag_member.username, "wrong password").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 200]


@pytest.mark.django_db
def test_lockout_leaves_other_user_unaffected(client, mag_member):
    other = make_mag_member()
    _fail_five_times(client, mag_member.username)

    response = _sign_in(Client(), other.username, PASSWORD)

    assert response.status_code == 302


@pytest.mark.django_db
def test_lockout_leaves_same_user_from_other_address_unaffected(client, mag_member):
    _fail_five_times(client, mag_member.username, address="203.0.113.7")

    response = _sign_in(Client(), mag_member.username, PASSWORD, address="198.51.100.20")

    assert response.status_code == 302


@pytest.mark.django_db
def test_admin_login_locked_after_five_failures(client, secretariat_user):
    statuses = _fail_five_times(client, secretariat_user.username, url="/admin/login/")

    response = _sign_in(client, secretariat_user.username, PASSWORD, url="/admin/login/")

    assert statuses == [200, 200, 200, 200, 429]
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()


@pytest.mark.django_db
def test_lockout_behind_proxy_counts_forwarded_client_address(settings, mag_member):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for _ in range(5):
        Client().post(
            "/accounts/login/",
            {"username": mag_member.username, "password": "wrong password"},
            REMOTE_ADDR=proxy,
            headers={"X-Forwarded-For": "203.0.113.7"},
        )

    # Another client behind the same proxy is not locked out by the first one's failures.
    response = Client().post(
        "/accounts/login/",
        {"username": mag_member.username, "password": PASSWORD},
        REMOTE_ADDR=proxy,
        headers={"X-Forwarded-For": "spoofed, 198.51.100.20"},
    )

    assert response.status_code == 302


@pytest.mark.django_db
def test_login_post_without_csrf_token_refused(mag_member):
    client = Client(enforce_csrf_checks=True)

    response = _sign_in(client, mag_member.username, PASSWORD)

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_admin_change_post_without_csrf_token_refused(secretariat_user):
    decision = make_decision(text="The original text.")
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat_user)

    response = client.post(
        f"/admin/meetings/decision/{decision.pk}/change/",
        {"agenda_item": decision.agenda_item_id, "position": 1, "kind": "decision", "text": "Forged."},
    )

    assert response.status_code == 403
    assert Decision.objects.get(pk=decision.pk).text == "The original text."


@pytest.mark.django_db
def test_force_login_still_works_with_axes(client, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get("/admin/")

    assert response.status_code == 200

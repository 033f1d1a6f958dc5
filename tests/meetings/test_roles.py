import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from meetings.models import Meeting
from meetings.roles import MAG_MEMBERS, SECRETARIAT, may_see_drafts, sync_role_groups
from tests.factories import (
    make_agenda_item,
    make_annotation,
    make_decision,
    make_event,
    make_footnote,
    make_mag_member,
    make_meeting,
    make_session,
    make_slot,
)

pytestmark = pytest.mark.django_db

MODELS = [
    ("meetings", "meeting"),
    ("meetings", "agendaitem"),
    ("meetings", "decision"),
    ("meetings", "annotation"),
    ("meetings", "footnote"),
    ("schedule", "event"),
    ("schedule", "session"),
    ("schedule", "slot"),
]


@pytest.fixture
def one_of_each():
    item = make_agenda_item()
    slot = make_slot(session=make_session(event=make_event()))
    return {
        ("meetings", "meeting"): item.meeting,
        ("meetings", "agendaitem"): item,
        ("meetings", "decision"): make_decision(agenda_item=item),
        ("meetings", "annotation"): make_annotation(agenda_item=item),
        ("meetings", "footnote"): make_footnote(agenda_item=item),
        ("schedule", "event"): slot.session.event,
        ("schedule", "session"): slot.session,
        ("schedule", "slot"): slot,
    }


def test_role_groups_exist_after_migrate():
    assert sorted(Group.objects.values_list("name", flat=True)) == sorted([SECRETARIAT, MAG_MEMBERS])


def test_secretariat_group_holds_every_permission_of_both_apps():
    secretariat = Group.objects.get(name=SECRETARIAT)
    for app_label, model in MODELS:
        for action in ("add", "change", "delete", "view"):
            assert secretariat.permissions.filter(
                content_type__app_label=app_label, codename=f"{action}_{model}"
            ).exists(), f"{action}_{model}"


def test_mag_members_group_holds_only_viewing_permissions():
    members = Group.objects.get(name=MAG_MEMBERS)
    assert sorted(members.permissions.values_list("codename", flat=True)) == [
        "view_draft_meeting",
        "view_shared_annotation",
    ]


def test_sync_role_groups_is_idempotent():
    sync_role_groups()
    sync_role_groups()
    assert Group.objects.filter(name=SECRETARIAT).count() == 1


def test_sync_role_groups_gives_each_group_exactly_its_permissions():
    Group.objects.all().delete()

    sync_role_groups()

    def held(name):
        group = Group.objects.get(name=name)
        return sorted(group.permissions.values_list("content_type__app_label", "codename"))

    assert held(MAG_MEMBERS) == [("meetings", "view_draft_meeting"), ("meetings", "view_shared_annotation")]
    assert held(SECRETARIAT) == sorted(
        [
            *Permission.objects.filter(content_type__app_label__in=["meetings", "schedule"]).values_list(
                "content_type__app_label", "codename"
            ),
            ("auth", "add_user"),
            ("auth", "change_user"),
            ("auth", "view_user"),
        ]
    )
    assert {app for app, _codename in held(SECRETARIAT)} == {"auth", "meetings", "schedule"}


def test_sync_role_groups_gives_no_permission_of_the_same_code_name_from_another_app():
    # user.has_perm reads "app_label.codename": another app's view_draft_meeting is not the role's.
    elsewhere = ContentType.objects.create(app_label="elsewhere", model="thing")
    for codename in ("view_draft_meeting", "view_shared_annotation", "add_user", "change_user", "view_user"):
        Permission.objects.create(content_type=elsewhere, codename=codename, name=codename)

    sync_role_groups()

    given = Group.objects.filter(permissions__content_type=elsewhere).values_list(
        "name", "permissions__codename"
    )
    assert list(given) == []
    assert Group.objects.get(name=MAG_MEMBERS).permissions.count() == 2


@pytest.mark.parametrize(("app_label", "model"), MODELS)
def test_secretariat_user_can_open_every_admin_page(client, secretariat_user, one_of_each, app_label, model):
    client.force_login(secretariat_user)
    obj = one_of_each[(app_label, model)]
    for url in (
        reverse(f"admin:{app_label}_{model}_changelist"),
        reverse(f"admin:{app_label}_{model}_add"),
        reverse(f"admin:{app_label}_{model}_change", args=[obj.pk]),
    ):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(("app_label", "model"), MODELS)
def test_mag_member_cannot_reach_admin_pages(client, mag_member, one_of_each, app_label, model):
    client.force_login(mag_member)
    obj = one_of_each[(app_label, model)]
    for url in (
        reverse("admin:index"),
        reverse(f"admin:{app_label}_{model}_changelist"),
        reverse(f"admin:{app_label}_{model}_change", args=[obj.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("admin:login")), url


def test_mag_member_cannot_change_a_meeting_through_the_admin(client, mag_member):
    meeting = make_meeting(title="Original title")
    client.force_login(mag_member)
    response = client.post(
        reverse("admin:meetings_meeting_change", args=[meeting.pk]), {"title": "Changed by a member"}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Original title"


def test_secretariat_user_can_change_a_meeting_through_the_admin(client, secretariat_user):
    meeting = make_meeting(title="Original title")
    client.force_login(secretariat_user)
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    response = client.post(
        url,
        {
            "title": "Changed by the secretariat",
            "slug": meeting.slug,
            "kind": meeting.kind,
            "status": meeting.status,
            "date": "2016-08-30",
            "cycle_year": "2016",
            "opened_version": meeting.updated_at.isoformat(),
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting.refresh_from_db()
    assert meeting.title == "Changed by the secretariat"
    assert meeting.history.first().history_user == secretariat_user


def test_mag_member_may_view_drafts_but_anonymous_may_not(mag_member, django_user_model):
    make_meeting(status=Meeting.Status.DRAFT)
    make_meeting(status=Meeting.Status.PUBLISHED)
    from django.contrib.auth.models import AnonymousUser

    assert Meeting.objects.visible_to(mag_member).count() == 2
    assert Meeting.objects.visible_to(AnonymousUser()).count() == 1


def test_may_see_drafts_for_active_members_and_the_secretariat_only(mag_member, secretariat_user):
    inactive = make_mag_member(is_active=False)
    draft = make_meeting(status=Meeting.Status.DRAFT)
    event = make_event(is_published=False)

    for user, sees in [
        (AnonymousUser(), False),
        (inactive, False),
        (mag_member, True),
        (secretariat_user, True),
    ]:
        assert may_see_drafts(user) is sees
        assert draft.is_visible_to(user) is sees
        assert event.is_visible_to(user) is sees
        assert Meeting.objects.visible_to(user).filter(pk=draft.pk).exists() is sees

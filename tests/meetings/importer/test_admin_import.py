import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import AgendaItem, Annotation, Decision, Meeting
from schedule.models import Slot
from tests.factories import make_user
from tests.meetings.importer.documents import SEED_DOCX
from tests.meetings.importer.docx_builders import build_docx, p

IMPORT_URL = reverse("admin:meetings_meeting_import")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(data=None, name="seed.docx"):
    return SimpleUploadedFile(name, SEED_DOCX.read_bytes() if data is None else data)


def rows():
    return [
        Meeting.objects.count(),
        AgendaItem.objects.count(),
        Decision.objects.count(),
        Slot.objects.count(),
    ]


@pytest.mark.django_db
def test_import_page_shows_upload_form_to_secretariat(client, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get(IMPORT_URL)

    assert response.status_code == 200
    assert list(response.context["form"].fields) == ["file", "publish", "replace"]
    assert 'enctype="multipart/form-data"' in response.text


@pytest.mark.django_db
def test_meeting_changelist_has_import_button(client, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get(reverse("admin:meetings_meeting_changelist"))

    assert f'<a href="{IMPORT_URL}">Import report</a>' in response.text


@pytest.mark.django_db
def test_import_preview_shows_seed_items_and_saves_nothing(client, secretariat_user):
    client.force_login(secretariat_user)

    response = client.post(IMPORT_URL, {"file": upload()})

    assert response.status_code == 200
    assert response.templates[0].name == "admin/meetings/meeting/import_preview.html"
    report = response.context["report"]
    assert [item.number for item in report.items] == ["1", "2", "3", "4", "5", "6", "7", "8", "8", "9"]
    assert "IGF Virtual Multistakeholder Advisory Group (MAG) Meeting VI" in response.text
    assert "The virtual meeting schedule was approved by the MAG." in response.text
    assert "Really just a standard conference format." in response.text
    assert "Youth Open Mic" in response.text
    assert 'id="import-warnings"' not in response.text
    assert response.context["confirm"].initial["sha256"] == hashlib.sha256(SEED_DOCX.read_bytes()).hexdigest()
    assert rows() == [0, 0, 0, 0]


@pytest.mark.django_db
def test_import_preview_shows_warnings_escaped(client, secretariat_user):
    client.force_login(secretariat_user)
    data = build_docx(p("The <b>MAG</b> Meeting") + p("1.\tFirst."))

    response = client.post(IMPORT_URL, {"file": upload(data, "warn.docx")})

    assert response.status_code == 200
    warning = "the meeting&#x27;s date was not found in the report&#x27;s heading or first paragraph"
    assert f'<li class="warning">{warning}</li>' in response.text
    assert "The &lt;b&gt;MAG&lt;/b&gt; Meeting" in response.text
    assert "<b>MAG</b>" not in response.text


@pytest.mark.django_db
def test_import_confirm_saves_and_redirects_to_meeting(client, secretariat_user):
    client.force_login(secretariat_user)
    preview = client.post(IMPORT_URL, {"file": upload(), "publish": "on"})
    sha256 = preview.context["confirm"].initial["sha256"]

    response = client.post(IMPORT_URL, {"sha256": sha256, "publish": "True", "replace": "False"})

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:meetings_meeting_change", args=[meeting.pk])
    assert meeting.status == Meeting.Status.PUBLISHED
    assert rows() == [1, 10, 12, 14]
    assert Annotation.objects.count() == 2
    assert f"meetings.import_report:{sha256}" not in client.session
    page = client.get(response["Location"])
    # The admin capitalises messages.
    assert f'<li class="success">Seed.docx: created {meeting} ({meeting.slug}): 10 agenda items' in page.text


@pytest.mark.django_db
def test_import_confirm_records_the_secretariat_user_in_every_rows_history(client, secretariat_user):
    client.force_login(secretariat_user)
    preview = client.post(IMPORT_URL, {"file": upload()})

    client.post(IMPORT_URL, {"sha256": preview.context["confirm"].initial["sha256"]})

    models = [Meeting, AgendaItem, Decision, Annotation, Slot]
    users = {model.__name__: set(model.history.values_list("history_user", flat=True)) for model in models}
    assert users == {model.__name__: {secretariat_user.pk} for model in models}


@pytest.mark.django_db
def test_import_confirm_existing_meeting_without_replace_is_a_form_error(client, secretariat_user):
    client.force_login(secretariat_user)
    first = client.post(IMPORT_URL, {"file": upload()})
    client.post(IMPORT_URL, {"sha256": first.context["confirm"].initial["sha256"]})
    revised = client.post(IMPORT_URL, {"file": upload(SEED_DOCX.read_bytes() + b"\0", "v2.docx")})
    before = rows()

    response = client.post(IMPORT_URL, {"sha256": revised.context["confirm"].initial["sha256"]})

    slug = Meeting.objects.get().slug
    assert response.status_code == 200
    assert response.context["confirm"].non_field_errors() == [
        f"meeting '{slug}' already exists (imported from seed.docx); use --replace to update it"
    ]
    assert rows() == before


@pytest.mark.django_db
def test_import_confirm_unknown_upload_redirects_back(client, secretariat_user):
    client.force_login(secretariat_user)

    response = client.post(IMPORT_URL, {"sha256": "0" * 64})

    assert (response.status_code, response["Location"]) == (302, IMPORT_URL)
    assert rows() == [0, 0, 0, 0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a zip", None),
        (
            build_docx(p("Summary Report") + p("")),
            "the document has a heading (&#x27;Summary Report&#x27;) but no paragraph after it",
        ),
    ],
)
def test_import_bad_file_is_a_form_error(client, secretariat_user, data, message):
    client.force_login(secretariat_user)

    response = client.post(IMPORT_URL, {"file": upload(data, "bad.docx")})

    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1
    assert "\n" not in errors[0]
    assert (message or errors[0].replace("'", "&#x27;")) in response.text
    assert rows() == [0, 0, 0, 0]


@pytest.mark.django_db
def test_import_too_large_file_is_a_form_error(client, secretariat_user, settings):
    settings.REPORT_MAX_UPLOAD_BYTES = 100
    client.force_login(secretariat_user)

    response = client.post(IMPORT_URL, {"file": upload()})

    assert response.status_code == 200
    [error] = response.context["form"].errors["file"]
    assert error.startswith("The file is ")
    assert error.endswith("; reports may be at most 100\xa0bytes.")
    assert rows() == [0, 0, 0, 0]


@pytest.mark.django_db
def test_import_page_mag_member_is_sent_to_login(client, mag_member):
    client.force_login(mag_member)

    response = client.get(IMPORT_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.django_db
def test_import_page_staff_without_permission_is_forbidden(client):
    client.force_login(make_user(is_staff=True))

    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(IMPORT_URL, {"file": upload()}).status_code == 403
    assert rows() == [0, 0, 0, 0]


@pytest.mark.django_db
def test_import_page_anonymous_is_sent_to_login(client):
    response = client.get(IMPORT_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.django_db
def test_import_page_requires_csrf(secretariat_user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat_user)

    assert client.post(IMPORT_URL, {"file": upload()}).status_code == 403


@pytest.mark.django_db
def test_import_preview_of_existing_meeting_says_so(client, secretariat_user):
    client.force_login(secretariat_user)
    first = client.post(IMPORT_URL, {"file": upload()})
    client.post(IMPORT_URL, {"sha256": first.context["confirm"].initial["sha256"]})
    meeting = Meeting.objects.get()

    same = client.post(IMPORT_URL, {"file": upload()})
    revised = client.post(IMPORT_URL, {"file": upload(SEED_DOCX.read_bytes() + b"\0", "v2.docx")})

    assert (same.context["same_file"], revised.context["same_file"]) == (meeting, None)
    assert revised.context["same_meeting"] == meeting
    assert 'id="import-same-file"' in same.text
    assert "Upload again with “replace” ticked to update it." in revised.text


def numbered_report(n_items):
    body = p("IGF Virtual MAG Meeting II") + p("3 May 2017")
    for number in range(1, n_items + 1):
        body += p(f"{number}.\tIt was agreed that item {number} stands.")
    return build_docx(body)


@pytest.mark.django_db
@pytest.mark.parametrize("n_items", [1, 3])
def test_import_preview_query_count_does_not_grow_with_items(
    client, secretariat_user, django_assert_num_queries, n_items
):
    client.force_login(secretariat_user)
    data = numbered_report(n_items)

    with django_assert_num_queries(9):
        response = client.post(IMPORT_URL, {"file": upload(data, "n.docx")})

    assert len(response.context["report"].items) == n_items


@pytest.mark.django_db
def test_import_preview_keeps_only_the_latest_upload_in_the_session(client, secretariat_user):
    client.force_login(secretariat_user)
    first = client.post(IMPORT_URL, {"file": upload()})
    second = client.post(IMPORT_URL, {"file": upload(numbered_report(1), "other.docx")})

    keys = [key for key, _ in client.session.items() if key.startswith("meetings.import_report:")]

    assert keys == [f"meetings.import_report:{second.context['confirm'].initial['sha256']}"]
    assert first.context["confirm"].initial["sha256"] not in keys[0]

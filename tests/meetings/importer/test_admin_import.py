import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.importer.interpret import interpret_document
from meetings.models import AgendaItem, Annotation, Decision, Meeting
from schedule.models import Slot
from tests.factories import make_user
from tests.html import page, text, texts
from tests.meetings.importer.documents import SEED_DOCX, seed_document
from tests.meetings.importer.docx_builders import build_docx, p
from tests.meetings.importer.test_decisions import SEED_DECISIONS

IMPORT_URL = reverse("admin:meetings_meeting_import")
# The seed's grid as the preview lists it: date, time, session, note.
SEED_SLOTS = [
    [
        "Tuesday 6 December",
        "10:00–13:00",
        "Assessing the Role of Internet Governance in the Sustainable Development Goals (SDGs)",
        "",
    ],
    ["Tuesday 6 December", "15:00–16:00", "Setting the Scene: Newcomers Orientation", ""],
    ["Tuesday 6 December", "16:00–16:30", "11th IGF - Opening Ceremony", ""],
    ["Tuesday 6 December", "16:30–18:00", "High-Level Opening Session", ""],
    ["Wednesday 7 December", "10:00–13:00", "Sustainable Development, Internet and Inclusive Growth", ""],
    ["Wednesday 7 December", "15:00–18:00", "National and Regional IGFs (NRIs)", ""],
    ["Thursday 8 December", "10:00–13:00", "Human Rights: Broadening the Conversation", ""],
    ["Thursday 8 December", "15:00–16:30", "IGF Dynamic Coalitions (DCs)", ""],
    ["Thursday 8 December", "16:30–18:00", "Trade Agreements and the Internet", ""],
    [
        "Friday 9 December",
        "10:00–11:30",
        "IGF Best Practice Forums (BPFs) and Policy Options for Connecting the Next Billion(s)",
        "",
    ],
    ["Friday 9 December", "11:30–13:00", "Shaping the Future of Internet Governance", ""],
    [
        "Friday 9 December",
        "15:00–15:30",
        "(continued) Shaping the Future of Internet Governance",
        "Youth Open Mic",
    ],
    [
        "Friday 9 December",
        "15:30–17:00",
        "Taking Stock : Emerging Issues - Future of the IGF and IGF Retreat Consultation",
        "",
    ],
    ["Friday 9 December", "17:00–18:00", "11th IGF Closing Ceremony", ""],
]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(data=None, name="seed.docx"):
    return SimpleUploadedFile(name, SEED_DOCX.read_bytes() if data is None else data)


def preview(response) -> dict:
    """The import preview as shown: its warnings, the meeting's fields, each agenda item with the
    decisions, annotations and footnotes found in it, the grid's slots and what saving will do."""
    (main,) = page(response).xpath("//div[@id='content-main']")
    return {
        "warnings": texts(main, "div[@id='import-warnings']//li"),
        "meeting": [
            (text(row.xpath("th")[0]), text(row.xpath("td")[0]))
            for row in main.xpath("div[@id='import-meeting']//tr")
        ],
        "items_heading": texts(main, "div[@id='import-items']/h2"),
        "items": [
            {
                "id": item.get("id"),
                "section": texts(item, "h3"),
                "paragraph": texts(item, "p"),
                # Each sentence with what the importer reads in it: "decision", "action" or "—".
                "sentences": [
                    tuple(texts(row, "td")[:2])
                    for row in item.xpath("table[@class='import-sentences']/tbody/tr")
                ],
                "annotations": texts(item, "ul[@class='import-annotations']/li"),
                "footnotes": texts(item, "ol[@class='import-footnotes']/li"),
            }
            for item in main.xpath("div[@id='import-items']/div[@class='import-item']")
        ],
        "schedule": texts(main, "div[@id='import-schedule']/h2 | div[@id='import-schedule']/p"),
        "slots": [texts(row, "td") for row in main.xpath("div[@id='import-schedule']//tbody/tr")],
        "notices": texts(main, "p[@class='warning']"),
        "saving": texts(main, "form/p"),
    }


def decisions(item: dict) -> list[str]:
    """The sentences of a previewed item read as decisions or actions, as "kind: sentence"."""
    return [f"{kind}: {sentence}" for sentence, kind in item["sentences"] if kind != "—"]


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
    shown = preview(response)
    assert (shown["warnings"], shown["notices"]) == ([], [])
    assert shown["meeting"] == [
        ("Title", "IGF Virtual Multistakeholder Advisory Group (MAG) Meeting VI"),
        ("Kind", "virtual"),
        ("Number", "6"),
        ("Date", "30 August 2016"),
        ("Cycle year", "2016"),
        ("Chair", "Ms. Lynn St. Amour"),
        ("Recording", "https://we.tl/DG7i3EoMR8"),
    ]
    assert shown["items_heading"] == ["Agenda items (10)"]
    report = interpret_document(seed_document())
    assert [(item["id"], item["section"], item["paragraph"]) for item in shown["items"]] == [
        (f"import-item-{item.position}", [], [f"{item.number}."]) for item in report.items
    ]
    assert [item["paragraph"][0] for item in shown["items"]] == [
        "1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "8.", "9.",
    ]  # fmt: skip
    # Every sentence of each paragraph is shown, in order, with what the importer reads in it.
    assert [" ".join(sentence for sentence, _kind in item["sentences"]) for item in shown["items"]] == [
        " ".join(item.text.split()) for item in report.items
    ]
    assert [decision for item in shown["items"] for decision in decisions(item)] == [
        f"{kind}: {sentence}" for _number, kind, sentence in SEED_DECISIONS
    ]
    assert [len(decisions(item)) for item in shown["items"]] == [0, 1, 1, 0, 2, 2, 2, 1, 1, 2]
    assert [(item["id"], item["annotations"]) for item in shown["items"] if item["annotations"]] == [
        (
            "import-item-7",
            [
                "Annotation by Lynn St Amour on “the programme of the 1 hour plenary session should give "
                "an overall overview of the programme”: Really just a standard conference format."
            ],
        ),
        (
            "import-item-9",
            [
                "Annotation by Lynn St Amour on “topical and issue-specific MAG meetings would be held”: "
                "We need updated proposals ASAP for these 2 WGs. I thought we were going to follow up to "
                "get updates/meetings scheduled. We need clear movement from them, if they are too busy "
                "(esp. Rasha) then we need new Chairs, as I indicated on the call. Do you want me to "
                "follow up? Happy to."
            ],
        ),
    ]
    assert [(item["id"], item["footnotes"]) for item in shown["items"] if item["footnotes"]] == [
        ("import-item-1", [f"[{note.mark}] {note.text}" for note in report.items[0].footnotes])
    ]
    assert [note.mark for note in report.items[0].footnotes] == ["1", "2"]
    assert shown["schedule"] == [
        "2016 IGF Main Session Schedule (14 slots)",
        "The 2016 Internet Governance Forum (IGF): Enabling Inclusive and Sustainable Growth, "
        "Guadalajara, Mexico (America/Mexico_City)",
    ]
    assert shown["slots"] == SEED_SLOTS
    assert shown["saving"] == ["The meeting will be saved as a draft."]
    assert response.context["confirm"].initial["sha256"] == hashlib.sha256(SEED_DOCX.read_bytes()).hexdigest()
    assert rows() == [0, 0, 0, 0]


@pytest.mark.django_db
def test_import_preview_shows_warnings_escaped(client, secretariat_user):
    client.force_login(secretariat_user)
    data = build_docx(p("The <b>MAG</b> Meeting") + p("1.\tFirst."))

    response = client.post(IMPORT_URL, {"file": upload(data, "warn.docx")})

    shown = preview(response)
    assert shown["warnings"] == [
        "the kind of meeting (virtual, face-to-face, open consultations or topical) was not found in the "
        "report's heading or first paragraph; it was set to 'other'",
        "the meeting's date was not found in the report's heading or first paragraph",
    ]
    assert shown["meeting"][0] == ("Title", "The <b>MAG</b> Meeting")
    assert [(item["paragraph"], item["sentences"]) for item in shown["items"]] == [
        (["1."], [("First.", "—")])
    ]
    assert page(response).xpath("//div[@id='content-main']//b") == []


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
    assert preview(same)["notices"] == [
        f"This very file was already imported as {meeting}; saving it again changes nothing."
    ]
    assert preview(revised)["notices"] == [
        f"The meeting {meeting} already exists (imported from seed.docx). "
        "Upload again with “replace” ticked to update it."
    ]
    replacing = client.post(
        IMPORT_URL, {"file": upload(SEED_DOCX.read_bytes() + b"\0", "v2.docx"), "replace": "on"}
    )
    assert preview(replacing)["notices"] == [
        f"The meeting {meeting} already exists (imported from seed.docx). "
        "Saving replaces what its import created and keeps what staff added or edited."
    ]
    assert preview(replacing)["saving"] == [
        "The meeting will be saved as a draft. "
        "An earlier import of this meeting will be replaced, keeping staff work."
    ]


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

"""The Secretariat confirms what the importer read, sentence by sentence: in the import preview
before saving, and on the agenda item's admin page afterwards; --replace keeps its choices."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.importer.services import import_report
from meetings.models import AgendaItem, Decision, Origin
from schedule.models import ScheduleVersion
from tests.meetings.importer.documents import SEED_DOCX

IMPORT_URL = reverse("admin:meetings_meeting_import")
# Paragraph 9 of the seed: its second sentence is background, its fourth a decision.
ITEM = 10  # the position of the paragraph printed "9"
BACKGROUND = "The schedule contains dates and times for full MAG virtual general update meetings"
APPROVED = "The virtual meeting schedule was approved by the MAG."

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def preview(client):
    response = client.post(IMPORT_URL, {"file": SimpleUploadedFile("seed.docx", SEED_DOCX.read_bytes())})
    assert response.status_code == 200
    return response


def sentences_of(response, position):
    return next(rows for item, rows in response.context["items"] if item.position == position)


def sentence_index(response, position, start):
    return next(row["index"] for row in sentences_of(response, position) if row["text"].startswith(start))


def test_import_preview_shows_every_sentence_with_what_the_importer_read(client, secretariat_user):
    client.force_login(secretariat_user)

    response = preview(client)

    read = {row["text"][:40]: row["read_as"] for row in sentences_of(response, ITEM)}
    assert read[APPROVED[:40]] == "decision"
    assert read[BACKGROUND[:40]] == "neither"
    index = sentence_index(response, ITEM, APPROVED)
    assert f'name="sentence-{ITEM}-{index}" form="import-confirm"' in response.text
    assert '<option value="decision" selected>Decision</option>' in response.text


def test_import_confirm_saves_the_kinds_staff_set_as_staff_work(client, secretariat_user):
    client.force_login(secretariat_user)
    response = preview(client)
    sha256 = response.context["confirm"].initial["sha256"]
    background = sentence_index(response, ITEM, BACKGROUND)
    approved = sentence_index(response, ITEM, APPROVED)

    client.post(
        IMPORT_URL,
        {
            "sha256": sha256,
            "publish": "False",
            "replace": "False",
            f"sentence-{ITEM}-{background}": "action",
            f"sentence-{ITEM}-{approved}": "neither",
        },
    )

    item = AgendaItem.objects.get(position=ITEM)
    kinds = {d.text[:40]: (d.kind, d.origin) for d in item.decisions.all()}
    assert kinds[BACKGROUND[:40]] == ("action", Origin.STAFF)
    assert APPROVED[:40] not in kinds
    assert item.not_decisions == [APPROVED]
    # What staff left as the importer read it stays the importer's.
    assert Decision.objects.filter(origin=Origin.IMPORT).count() == 11


@pytest.mark.parametrize(("kind", "status"), [("decision", "approved"), ("neither", "provisional")])
def test_import_confirm_reads_the_grid_approval_from_the_decisions_staff_confirmed(
    client, secretariat_user, kind, status
):
    # Paragraph 6 approves the annex's main-session schedule; as "neither" it approves nothing.
    client.force_login(secretariat_user)
    response = preview(client)
    sha256 = response.context["confirm"].initial["sha256"]
    approves = sentence_index(response, 6, "With common agreement")

    client.post(
        IMPORT_URL,
        {"sha256": sha256, "publish": "True", "replace": "False", f"sentence-6-{approves}": kind},
    )

    assert list(ScheduleVersion.objects.values_list("status", flat=True)) == [status]


def test_import_confirm_refuses_a_kind_that_is_not_one(client, secretariat_user):
    client.force_login(secretariat_user)
    response = preview(client)
    sha256 = response.context["confirm"].initial["sha256"]

    response = client.post(
        IMPORT_URL, {"sha256": sha256, "publish": "False", "replace": "False", f"sentence-{ITEM}-0": "maybe"}
    )

    assert response.status_code == 200
    assert "&#x27;maybe&#x27; is not a decision, an action or neither" in response.text
    assert AgendaItem.objects.count() == 0


def test_replace_keeps_the_kinds_staff_set_after_import(client, secretariat_user):
    import_report(SEED_DOCX.read_bytes(), source_name="seed.docx")
    item = AgendaItem.objects.get(position=ITEM)
    client.force_login(secretariat_user)
    change = reverse("admin:meetings_agendaitem_change", args=[item.pk])
    page = client.get(change)
    rows = {row.text: row for row in page.context["sentences"]}
    background = next(row for text, row in rows.items() if text.startswith(BACKGROUND))
    approved = rows[APPROVED]
    assert (background.read_as, background.kind, approved.kind) == ("neither", "neither", "decision")

    form = {
        key: value
        for key, value in page.context["adminform"].form.initial.items()
        if key in {"meeting", "position", "number", "section", "text"}
    }
    for prefix in ("decisions", "annotations", "footnotes"):
        formset = next(f for f in page.context["inline_admin_formsets"] if f.formset.prefix == prefix).formset
        form.update({f"{prefix}-{key}": value for key, value in formset.management_form.initial.items()})
        for number, inline in enumerate(formset.forms):
            for name, field in inline.fields.items():
                value = inline.initial.get(name, field.initial)
                if value is not None:
                    form[f"{prefix}-{number}-{name}"] = value.pk if hasattr(value, "pk") else value
    for row in (background, approved):
        form[f"sentence-{row.index}-text"] = row.text
        form[f"sentence-{row.index}-shown"] = row.kind
    form[f"sentence-{background.index}-kind"] = "action"
    form[f"sentence-{approved.index}-kind"] = "neither"

    response = client.post(change, form)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    item.refresh_from_db()
    assert [(d.kind, d.origin) for d in item.decisions.order_by("position")] == [
        ("action", Origin.STAFF),
        ("action", Origin.IMPORT),
    ]
    assert item.not_decisions == [APPROVED]

    outcome = import_report(SEED_DOCX.read_bytes() + b"\0", source_name="seed-v2.docx", replace=True)

    item = AgendaItem.objects.get(position=ITEM)
    assert outcome.status == "replaced"
    assert [(d.text[:40], d.kind, d.origin) for d in item.decisions.order_by("position")] == [
        (BACKGROUND[:40], "action", Origin.STAFF),
        (
            "The next issue-specific MAG Virtual Meet",
            "action",
            Origin.IMPORT,
        ),
    ]
    assert item.not_decisions == [APPROVED]


def test_decision_admin_kind_changed_by_staff_is_set_by_staff(client, secretariat_user):
    import_report(SEED_DOCX.read_bytes(), source_name="seed.docx")
    decision = Decision.objects.get(text=APPROVED)
    client.force_login(secretariat_user)

    response = client.post(
        reverse("admin:meetings_decision_change", args=[decision.pk]),
        {"agenda_item": decision.agenda_item_id, "position": decision.position, "kind": "action"}
        | {"text": decision.text, "owner": "MAG", "due_date": "", "status": "open", "session": ""}
        | {f"further_sessions-{key}": "0" for key in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS")}
        | {"further_sessions-MAX_NUM_FORMS": "1000"},
    )

    decision.refresh_from_db()
    assert response.status_code == 302
    assert (decision.kind, decision.origin, decision.owner) == ("action", Origin.STAFF, "MAG")
    page = client.get(reverse("admin:meetings_decision_changelist"))
    assert '<td class="field-found_by">staff</td>' in page.text


def test_import_confirm_of_every_sentence_as_shown_keeps_a_repeated_summary_point_counted_once(
    client, secretariat_user
):
    from tests.meetings.importer.docx_builders import build_docx, p, r

    lines = [
        "IGF 2019 MAG Virtual Meeting XII",
        "10 April 2019",
        "1.\tThe MAG met online.",
        "2.\tThe MAG agreed that the evaluation would close on 30 April. The Chair thanked members. "
        "The Secretariat thanked the host.",
        "Summary of decisions",
        "The MAG agreed that the evaluation would close on 30 April.",
    ]
    data = build_docx(body_xml="".join(p(r(line)) for line in lines))
    client.force_login(secretariat_user)
    response = client.post(IMPORT_URL, {"file": SimpleUploadedFile("xii.docx", data)})
    # The form sends every sentence's select as shown; staff change one.
    shown = {
        f"sentence-{item.position}-{row['index']}": row["chosen"]
        for item, rows in response.context["items"]
        for row in rows
    }
    assert shown == {
        "sentence-1-0": "neither",
        "sentence-2-0": "decision",
        "sentence-2-1": "neither",
        "sentence-2-2": "neither",
        "sentence-3-0": "neither",
    }
    shown["sentence-1-0"] = "action"
    # In one item: a decision set to neither, a sentence left as it was, then one set to an action.
    shown["sentence-2-0"] = "neither"
    shown["sentence-2-2"] = "action"

    client.post(
        IMPORT_URL,
        {
            "sha256": response.context["confirm"].initial["sha256"],
            "publish": "False",
            "replace": "False",
            **shown,
        },
    )

    assert list(
        Decision.objects.order_by("agenda_item__position", "position").values_list(
            "agenda_item__position", "kind", "origin"
        )
    ) == [(1, "action", Origin.STAFF), (2, "action", Origin.STAFF)]
    # "neither" as shown is no staff choice: only the decision staff set to neither is remembered.
    assert [item.not_decisions for item in AgendaItem.objects.order_by("position")] == [
        [],
        ["The MAG agreed that the evaluation would close on 30 April."],
        [],
    ]

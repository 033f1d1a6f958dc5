import datetime

import pytest
from django.forms.models import model_to_dict
from django.utils import timezone

from meetings.models import Annotation, Decision, Footnote
from tests.factories import make_annotation, make_decision, make_footnote
from tests.html import page, texts

# Each edited model: its factory, and its admin URL segment.
EDITED = {
    "decision": (make_decision, Decision),
    "annotation": (make_annotation, Annotation),
    "footnote": (make_footnote, Footnote),
}


EMPTY_INLINE = {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0", "MAX_NUM_FORMS": "1000"}


def _admin_form_data(obj, **changes) -> dict:
    """What the admin's change form posts for ``obj``, with ``changes`` applied."""
    data = {name: "" if value is None else value for name, value in model_to_dict(obj).items()}
    if isinstance(obj, Annotation):
        # The admin splits a date-time into a date and a time field.
        data.pop("date")
        data.update({"date_0": "", "date_1": ""})
    if isinstance(obj, Footnote):
        data["urls"] = '["https://example.org/report"]'
    if isinstance(obj, Decision):
        # The inline of further sessions the decision shapes, empty.
        data.update({f"further_sessions-{key}": value for key, value in EMPTY_INLINE.items()})
    data.pop("id")
    return {**data, **changes}


def _edit_in_admin(client, obj, text):
    url = f"/admin/meetings/{obj._meta.model_name}/{obj.pk}/change/"
    response = client.post(url, _admin_form_data(obj, text=text))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


@pytest.mark.parametrize("model_name", EDITED)
@pytest.mark.django_db
def test_admin_edit_recorded_with_who_and_when(client, secretariat_user, model_name):
    factory, model = EDITED[model_name]
    obj = factory(text="The original text.")
    client.force_login(secretariat_user)
    before = timezone.now()

    _edit_in_admin(client, obj, "The edited text.")

    latest = model.history.filter(id=obj.pk).latest()
    assert latest.history_user == secretariat_user
    assert latest.history_type == "~"
    assert latest.text == "The edited text."
    assert before <= latest.history_date <= timezone.now() + datetime.timedelta(seconds=1)
    assert model.history.filter(id=obj.pk).count() == 2


@pytest.mark.parametrize("model_name", EDITED)
@pytest.mark.django_db
def test_admin_history_page_shows_editor(client, secretariat_user, model_name):
    factory, _model = EDITED[model_name]
    obj = factory(text="The original text.")
    client.force_login(secretariat_user)
    _edit_in_admin(client, obj, "The edited text.")

    response = client.get(f"/admin/meetings/{model_name}/{obj.pk}/history/")

    assert response.status_code == 200
    rows = response.context["page_obj"].object_list
    assert [(row.history_type, row.history_user) for row in rows] == [("~", secretariat_user), ("+", None)]
    table = page(response).xpath("//table[@id='change-history']")[0]
    columns = texts(table, "thead//th")
    shown = [dict(zip(columns, texts(row, "td"), strict=True)) for row in table.xpath("tbody/tr")]
    assert [(row["Comment"], row["Changed by"], row["Changes"]) for row in shown] == [
        ("Changed", secretariat_user.username, "Text: The original text. → The edited text."),
        ("Created", "None", ""),
    ]


@pytest.mark.parametrize("model_name", EDITED)
@pytest.mark.django_db
def test_admin_revert_restores_old_text(client, secretariat_user, model_name):
    factory, model = EDITED[model_name]
    obj = factory(text="The original text.")
    client.force_login(secretariat_user)
    _edit_in_admin(client, obj, "The edited text.")
    original = model.history.filter(id=obj.pk).earliest()
    revert_url = f"/admin/meetings/{model_name}/{obj.pk}/history/{original.history_id}/"

    form_page = client.get(revert_url)
    response = client.post(revert_url, _admin_form_data(original.instance))

    assert form_page.context["adminform"].form.initial["text"] == "The original text."
    assert response.status_code == 302
    obj.refresh_from_db()
    assert obj.text == "The original text."
    latest = model.history.filter(id=obj.pk).latest()
    assert (latest.history_user, latest.text) == (secretariat_user, "The original text.")

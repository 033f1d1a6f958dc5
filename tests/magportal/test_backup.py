import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import Client

from meetings.models import Annotation, Meeting
from meetings.roles import SECRETARIAT
from tests.factories import (
    make_agenda_item,
    make_annotation,
    make_decision,
    make_event,
    make_footnote,
    make_mag_member,
    make_meeting,
    make_secretariat_user,
    make_session,
    make_slot,
)

ROOT = Path(__file__).resolve().parents[2]

#: The portable backup, as the README gives it: content types and permissions
#: are rebuilt by migrate, sessions are not worth keeping.
DUMP_ARGS = [
    "--natural-foreign",
    "--natural-primary",
    "--exclude=contenttypes",
    "--exclude=auth.permission",
    "--exclude=sessions",
    "--indent=1",
]


def _dump(path):
    call_command("dumpdata", *DUMP_ARGS, output=str(path), verbosity=0)
    return path.read_text()


def _comparable(dump: str) -> list[dict]:
    """The dump's rows, with many-to-many lists sorted: the database returns them in no set order."""
    rows = json.loads(dump)
    for row in rows:
        for name, value in row["fields"].items():
            if isinstance(value, str):
                # The serializer keeps milliseconds: 12:00:00.000400 dumps as "12:00:00.000Z",
                # loads as 12:00:00 and dumps again as "12:00:00Z". Same instant, same backup.
                row["fields"][name] = value = re.sub(r"(T\d\d:\d\d:\d\d)\.000Z$", r"\1Z", value)
            # Many-to-many values are lists of natural keys (lists); JSON fields' lists keep their order.
            if isinstance(value, list) and all(isinstance(key, list) for key in value):
                row["fields"][name] = sorted(value)
    return rows


def _rich_dataset():
    staff = make_secretariat_user(first_name="Anja", last_name="Gengo")
    make_mag_member(first_name="Lynn")
    custom_group = Group.objects.create(name="Observers")
    custom_group.user_set.add(make_mag_member())
    event = make_event(title="IGF 2016")
    session = make_session(event=event, title="Sustainable Development: «Inclusive» growth")
    make_slot(session=session)
    for status in (Meeting.Status.PUBLISHED, Meeting.Status.DRAFT):
        meeting = make_meeting(status=status, event=event, chair="Lynn St Amour")
        item = make_agenda_item(meeting=meeting, section="Preparations", text="Paragraph – with ‘quotes’.")
        make_decision(agenda_item=item, session=session)
        make_decision(agenda_item=item, kind="action", text="The Secretariat will circulate a draft.")
        make_annotation(agenda_item=item, visibility=Annotation.Visibility.MEMBERS)
        make_annotation(agenda_item=item, text="Secretariat only <b>note</b>.")
        make_footnote(agenda_item=item, urls=["https://example.org/a", "https://example.org/b"])
    # An admin edit leaves history rows with a user and an admin log entry.
    client = Client()
    client.force_login(staff)
    decision = make_decision(text="Before the edit.")
    response = client.post(
        f"/admin/meetings/decision/{decision.pk}/change/",
        {"agenda_item": decision.agenda_item_id, "position": decision.position, "kind": "decision"}
        | {"text": "After the edit.", "session": "", "status": "open"}
        | {f"further_sessions-{key}": "0" for key in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS")}
        | {"further_sessions-MAX_NUM_FORMS": "1000"},
    )
    assert response.status_code == 302


@pytest.mark.django_db(transaction=True)
def test_dumpdata_loaddata_round_trip_restores_database_unchanged(tmp_path):
    _rich_dataset()
    first = _dump(tmp_path / "first.json")

    call_command("flush", interactive=False, verbosity=0)
    assert Meeting.objects.count() == 0
    call_command("loaddata", str(tmp_path / "first.json"), verbosity=0)
    second = _dump(tmp_path / "second.json")

    assert _comparable(second) == _comparable(first)
    models_in_dump = Counter(row["model"] for row in json.loads(first))
    assert {
        model: models_in_dump[model]
        for model in [
            "auth.user",
            "auth.group",
            "meetings.meeting",
            "meetings.decision",
            "meetings.historicaldecision",
            "meetings.annotation",
            "meetings.footnote",
            "schedule.slot",
            "admin.logentry",
        ]
    } == {
        "auth.user": 3,
        "auth.group": 3,
        "meetings.meeting": 3,
        "meetings.decision": 5,
        "meetings.historicaldecision": 6,
        "meetings.annotation": 4,
        "meetings.footnote": 2,
        "schedule.slot": 1,
        "admin.logentry": 1,
    }


@pytest.mark.django_db(transaction=True)
def test_restored_users_keep_groups_and_passwords(tmp_path):
    staff = make_secretariat_user()
    path = tmp_path / "backup.json"
    _dump(path)

    call_command("flush", interactive=False, verbosity=0)
    call_command("loaddata", str(path), verbosity=0)

    response = Client().post(
        "/accounts/login/", {"username": staff.username, "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    restored = Group.objects.get(name=SECRETARIAT).user_set.get()
    assert (restored.username, restored.is_staff) == (staff.username, True)


@pytest.mark.needs("postgresql")  # pg_dump and pg_restore
@pytest.mark.django_db(transaction=True)
def test_pg_dump_restore_into_new_database_gives_same_data(tmp_path):
    _rich_dataset()
    db = connection.settings_dict
    host, port = db["HOST"] or "127.0.0.1", str(db["PORT"] or 5432)
    server = ["-h", host, "-p", port, "-U", db["USER"]]
    env = {**os.environ, "PGPASSWORD": db["PASSWORD"] or ""}
    restored_name = f"{db['NAME']}_restored"
    subprocess.run(
        ["pg_dump", "-Fc", *server, "-d", db["NAME"], "-f", tmp_path / "backup.dump"], env=env, check=True
    )
    subprocess.run(["dropdb", "--if-exists", *server, restored_name], env=env, check=True)
    subprocess.run(["createdb", *server, restored_name], env=env, check=True)
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", *server, "-d", restored_name, tmp_path / "backup.dump"],
            env=env,
            check=True,
        )
        password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
        restored_url = f"postgres://{db['USER']}{password}@{host}:{port}/{restored_name}"
        subprocess.run(
            [sys.executable, "manage.py", "dumpdata", *DUMP_ARGS, "-o", tmp_path / "restored.json"],
            cwd=ROOT,
            env={**env, "DATABASE_URL": restored_url},
            check=True,
        )
        assert _comparable((tmp_path / "restored.json").read_text()) == _comparable(
            _dump(tmp_path / "here.json")
        )
    finally:
        subprocess.run(["dropdb", "--if-exists", *server, restored_name], env=env, check=True)

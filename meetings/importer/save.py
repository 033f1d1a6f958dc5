"""Step 3: write a parsed report to the database, in one transaction per file.

Every row the import creates is marked ``origin=import`` with the digest of
what it imported, so a later import of a revised report can tell the rows it
may replace from those staff added or edited by hand, which it keeps.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, OperationalError, connection, models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import (
    bulk_create_with_history,
    bulk_update_with_history,
    get_history_manager_for_model,
)

from magportal.history import current_change_reason
from meetings.importer import ImportRefused
from meetings.importer.report import Citation, ParsedItem, ParsedReport, ParsedSchedule
from meetings.models import (
    AgendaItem,
    Annotation,
    Decision,
    DecisionSession,
    Footnote,
    Meeting,
    Origin,
    UpcomingMeeting,
)
from meetings.publishing import set_meeting_published
from meetings.selectors import content_digest, is_staff_work
from meetings.services import (
    assign_sessions,
    cited_meeting,
    link_cited_meetings,
    link_decisions_to_sessions,
    record_announced_meetings,
    resolve_announcements,
)
from schedule.caching import grid_changed
from schedule.matching import normalise_title
from schedule.models import Event, Session
from schedule.versions import record_schedule_version, same_grid, settle_grid

#: Rows per UPDATE statement of a bulk update.
_UPDATE_BATCH = 200

# Moves positions out of the way while rows are renumbered under a unique constraint.
_POSITION_SHIFT = 1_000_000


@dataclass
class ImportOutcome:
    """What one import did: the meeting, whether it was created, unchanged or replaced, and counts."""

    meeting: Meeting
    status: str  # "created", "unchanged" or "replaced"
    source_name: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the command's output and the admin's message."""
        if self.status == "unchanged":
            return f"{self.source_name}: unchanged: already imported as {self.meeting} ({self.meeting.slug})"
        counts = self.counts
        line = (
            f"{self.source_name}: {self.status} {self.meeting} ({self.meeting.slug}): "
            f"{counts.get('items', 0)} agenda items, {counts.get('decisions', 0)} decisions, "
            f"{counts.get('actions', 0)} actions, "
            f"{counts.get('annotations', 0)} annotations, {counts.get('footnotes', 0)} footnotes, "
            f"{counts.get('slots', 0)} slots in {counts.get('sessions', 0)} sessions"
        )
        if self.kept:
            line += f"; kept {len(self.kept)} staff rows: " + ", ".join(self.kept)
        if self.warnings:
            line += f"; {len(self.warnings)} warnings"
        return line


def meeting_slug(title: str, date: datetime.date) -> str:
    """ "igf-virtual-...-meeting-vi-2016-08-30": the same title and date is the same meeting."""
    return f"{slugify(title)[:108].strip('-')}-{date.isoformat()}"


def event_slug(schedule: ParsedSchedule) -> str:
    """ "igf-2016" for an IGF annual meeting, else the slug of its name."""
    name = f"{schedule.event} {schedule.title}"
    year = re.search(r"\b(?:19|20)\d\d\b", name)
    year = year.group(0) if year else (str(schedule.start_date.year) if schedule.start_date else "")
    if year and re.search(r"\bIGF\b|Internet Governance Forum", name):
        return f"igf-{year}"
    return slugify(schedule.event or schedule.title)[:120] or f"event-{year}"


def session_kind(title: str) -> str:
    lowered = title.lower()
    if "ceremony" in lowered:
        return Session.Kind.CEREMONY
    if any(word in lowered for word in ("orientation", "newcomers", "setting the scene")):
        return Session.Kind.ORIENTATION
    return Session.Kind.MAIN


@functools.cache
def _history_manager(model):
    # ``Model.history`` builds a new manager class on every access (django-simple-history's
    # descriptor, about half a millisecond); the manager keeps no state between calls.
    return get_history_manager_for_model(model)


# The columns a historical record adds to the tracked fields of its row.
_HISTORY_FIELDS = ("history_date", "history_change_reason", "history_type", "history_user")


@functools.cache
def _history_copy(model) -> tuple | None:
    """(historical model, its columns, the row's columns) for copying rows into their history.

    None where the historical table is not a plain copy of the tracked fields plus the
    ``_HISTORY_FIELDS`` (other fields, a generated column, a history relation): the rows are
    then recorded by django-simple-history itself.
    """
    history = _history_manager(model).model
    tracked = list(history.tracked_fields)
    plain = {field.name for field in tracked} | set(_HISTORY_FIELDS) | {"history_id"}
    if (
        {field.name for field in history._meta.concrete_fields} != plain
        or any(getattr(field, "generated", False) for field in tracked)
        or hasattr(history, "history_relation")
    ):
        return None
    targets = [history._meta.get_field(field.name).column for field in tracked]
    targets += [history._meta.get_field(name).column for name in _HISTORY_FIELDS]
    return history, targets, [field.column for field in tracked]


def _bulk_create_with_history(*, rows: list[models.Model], model: type[models.Model]) -> None:
    """Insert ``rows`` and their "created" historical records, one INSERT each; no signals.

    The records ``simple_history.utils.bulk_create_with_history`` writes, but copied by the
    database from the rows just inserted (INSERT ... SELECT): building a historical instance per
    row and sending every text a second time took about a tenth of the import's CPU.
    """
    if not rows:
        return
    if not connection.features.can_return_rows_from_bulk_insert:
        # It looks the new rows up again.
        bulk_create_with_history(rows, model, default_change_reason=current_change_reason())
        return
    with transaction.atomic(savepoint=False):
        model._default_manager.bulk_create(rows)
        if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            return
        copy = _history_copy(model)
        set_by_hand = ("_history_user", "_history_date", "_change_reason")
        if copy is None or any(hasattr(row, name) for row in rows for name in set_by_hand):
            _history_manager(model).bulk_history_create(rows, default_change_reason=current_change_reason())
            return
        history, targets, sources = copy
        # The user the request (HistoryRequestMiddleware) or the model's get_user gives, as for each row.
        user = history.get_default_history_user(rows[0])
        values = [
            history._meta.get_field("history_date").get_db_prep_save(timezone.now(), connection),
            current_change_reason(),
            "+",
            user.pk if user is not None else None,
        ]
        quote = connection.ops.quote_name
        pk = quote(model._meta.pk.column)
        sql = (
            f"INSERT INTO {quote(history._meta.db_table)} ({', '.join(map(quote, targets))}) "
            f"SELECT {', '.join(map(quote, sources))}, %s, %s, %s, %s FROM {quote(model._meta.db_table)} "
            f"WHERE {pk} IN ({', '.join(['%s'] * len(rows))}) ORDER BY {pk}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*values, *(row.pk for row in rows)])


def _bulk_update_with_history(
    *, rows: list[models.Model], model: type[models.Model], fields: list[str]
) -> None:
    """Update ``fields`` of ``rows`` and write their "changed" historical records, in bulk; no signals.

    In batches: an UPDATE of n rows carries a CASE of n branches that the database walks for every
    row, so one statement for all of a long report's rows would grow with their square.
    """
    if rows:
        bulk_update_with_history(rows, model, fields, batch_size=_UPDATE_BATCH, default_change_reason=None)


def _delete_with_history(*, rows: list[models.Model], model: type[models.Model]) -> None:
    """Delete ``rows`` and write their "deleted" historical records, one statement each; no signals.

    Whatever refers to the rows must be gone or unlinked first: the database deletes no more.
    """
    if not rows:
        return
    if getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        history = _history_manager(model).model
        when = timezone.now()
        user = history.get_default_history_user(rows[0])
        history.objects.bulk_create(
            [
                history(
                    history_date=when,
                    history_type="-",
                    history_change_reason=None,
                    history_user=user,
                    **{field.attname: getattr(row, field.attname) for field in history.tracked_fields},
                )
                for row in rows
            ]
        )
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {quote(model._meta.db_table)} WHERE {quote(model._meta.pk.column)} "
            f"IN ({', '.join(['%s'] * len(rows))})",
            [row.pk for row in rows],
        )


def previous_import(report: ParsedReport, *, data: bytes) -> tuple[Meeting | None, Meeting | None]:
    """The meeting imported from this very file, and the meeting this report is of, if any."""
    same_file = Meeting.objects.filter(source_sha256=hashlib.sha256(data).hexdigest()).first()
    if report.meeting.date is None:
        return same_file, None
    slug = meeting_slug(report.meeting.title, report.meeting.date)
    return same_file, Meeting.objects.filter(slug=slug).first()


def save_report(
    report: ParsedReport, *, data: bytes, source_name: str, publish: bool = False, replace: bool = False
) -> ImportOutcome:
    """Save ``report`` (read from ``data``) as a meeting, in one transaction.

    The same file again changes nothing; a revised report of an existing
    meeting is refused unless ``replace``, which keeps staff work.
    """
    if report.meeting.date is None:
        raise ImportRefused("the meeting's date was not found in the report's heading or first paragraph")
    if not report.meeting.title:
        raise ImportRefused("the report has no title line above its first numbered paragraph")
    sha256 = hashlib.sha256(data).hexdigest()
    slug = meeting_slug(report.meeting.title, report.meeting.date)
    source_name = PurePath(source_name).name
    stored: list[str] = []
    try:
        try:
            # One transaction, without a savepoint inside: after an IntegrityError it is rolled back
            # whole (to its own savepoint when the caller's transaction encloses it), and the
            # lookups below run after it.
            with transaction.atomic():
                _bound_and_lock(slug=slug)
                imported, current = _existing(sha256=sha256, slug=slug)
                if imported:
                    if publish and not imported.is_published:
                        # The same report again, now to be published: its grid is applied too.
                        set_meeting_published(meeting=imported, published=True)
                    return _unchanged(imported, source_name, report)
                if current and not replace:
                    raise _already_exists(current)
                if current:
                    return _replace(
                        current,
                        report,
                        data=data,
                        sha256=sha256,
                        source_name=source_name,
                        publish=publish,
                        stored=stored,
                    )
                return _create(
                    report,
                    slug=slug,
                    data=data,
                    sha256=sha256,
                    source_name=source_name,
                    publish=publish,
                    stored=stored,
                )
        except IntegrityError:
            # Another import of the same file committed first (unique source_sha256).
            _delete_files(stored)
            imported = Meeting.objects.filter(source_sha256=sha256).first()
            if imported:
                return _unchanged(imported, source_name, report)
            current = Meeting.objects.filter(slug=slug).first()
            if current:
                raise _already_exists(current) from None
            raise
        except OperationalError as error:
            refusal = _timed_out(error)
            if refusal is None:
                raise
            raise refusal from None
    except BaseException:
        _delete_files(stored)
        raise


#: PostgreSQL's error codes for a statement cancelled by statement_timeout and a lock not had in lock_timeout.
_QUERY_CANCELED, _LOCK_NOT_AVAILABLE = "57014", "55P03"


def _bound_and_lock(*, slug: str) -> None:
    """Bound this import's statements and lock waits, and claim its meeting (PostgreSQL).

    The timeouts hold for this transaction only. With them, and the server checking during a
    long statement that its client is still there, the work of a killed import is cancelled
    instead of running on and holding its locks. The advisory lock, released at commit or
    rollback, makes a second import of the same meeting fail at once rather than wait.
    """
    if connection.vendor != "postgresql":
        return  # SQLite runs one writer at a time.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('statement_timeout', %s, true), set_config('lock_timeout', %s, true),"
            " set_config('client_connection_check_interval', '1s', true), pg_try_advisory_xact_lock(%s)",
            [
                f"{settings.IMPORT_STATEMENT_TIMEOUT * 1000:.0f}",
                f"{settings.IMPORT_LOCK_TIMEOUT * 1000:.0f}",
                _lock_key(slug),
            ],
        )
        if not cursor.fetchone()[-1]:
            raise ImportRefused(f"another import of this meeting is running ({slug}); try again when it ends")


def _lock_key(slug: str) -> int:
    """The meeting's advisory lock: 64 bits of its slug's hash, under this importer's prefix."""
    digest = hashlib.sha256(f"meetings.import:{slug}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _timed_out(error: OperationalError) -> ImportRefused | None:
    """The refusal for an import stopped by its timeouts, or None for any other database error."""
    code = getattr(error.__cause__, "sqlstate", None)
    if code == _QUERY_CANCELED:
        return ImportRefused(
            f"the save took longer than IMPORT_STATEMENT_TIMEOUT ({settings.IMPORT_STATEMENT_TIMEOUT:g} s) "
            "and was cancelled; nothing was saved"
        )
    if code == _LOCK_NOT_AVAILABLE:
        return ImportRefused(
            "the meeting is being saved by someone else (waited IMPORT_LOCK_TIMEOUT, "
            f"{settings.IMPORT_LOCK_TIMEOUT:g} s); nothing was saved, try again"
        )
    return None


def _existing(*, sha256: str, slug: str) -> tuple[Meeting | None, Meeting | None]:
    """The meeting imported from this very file, and the meeting with this slug (locked), in one query."""
    found = list(Meeting.objects.select_for_update().filter(Q(source_sha256=sha256) | Q(slug=slug)))
    imported = next((meeting for meeting in found if meeting.source_sha256 == sha256), None)
    current = next((meeting for meeting in found if meeting.slug == slug), None)
    return imported, current


def _already_exists(meeting: Meeting) -> ImportRefused:
    source = meeting.source_name or "added by hand"
    return ImportRefused(
        f"meeting {meeting.slug!r} already exists (imported from {source}); use --replace to update it"
    )


def _unchanged(meeting: Meeting, source_name: str, report: ParsedReport) -> ImportOutcome:
    return ImportOutcome(
        meeting=meeting, status="unchanged", source_name=source_name, warnings=list(report.warnings)
    )


def _create(report, *, slug, data, sha256, source_name, publish, stored) -> ImportOutcome:
    """A new meeting, with every row written in one INSERT per table, for bulk import speed.

    Bulk inserts send no signals, so what the signals would do is done here: each table's
    historical rows are written with it (``_bulk_create_with_history``), and the event whose grid
    shows the new decisions is marked changed (``grid_changed``). The grid is saved first, so the
    meeting is inserted with its event, and decisions and footnotes with their links, rather than
    updated one by one afterwards.
    """
    warnings = [*report.warnings, *_long_number_warnings(report)]
    counts = {"items": 0, "decisions": 0, "actions": 0, "annotations": 0, "footnotes": 0}
    meeting = Meeting(slug=slug, status=Meeting.Status.PUBLISHED if publish else Meeting.Status.DRAFT)
    _set_meeting_fields(meeting, report, sha256, source_name)
    event = _annex_event(report.schedule)
    meeting.event = event
    _store_source(meeting, data, source_name, stored)
    meeting.save()
    _apply_annex(event, meeting=meeting, report=report, counts=counts, warnings=warnings)

    items = []
    for parsed in report.items:
        item = AgendaItem(meeting=meeting, position=parsed.position)
        _set_item_fields(item, parsed)
        items.append(item)
    _bulk_create_with_history(rows=items, model=AgendaItem)
    counts["items"] = len(items)
    _add_children(list(zip(items, report.items, strict=True)), counts, event=event, sessions=None)

    link_cited_meetings(meeting=meeting, own_linked=True)
    resolve_announcements(meeting=meeting)
    announced_by = [(item, parsed.announcements) for item, parsed in zip(items, report.items, strict=True)]
    record_announced_meetings(meeting=meeting, announced_by=announced_by, new_meeting=True)
    return ImportOutcome(meeting, "created", source_name, counts, [], warnings)


def _replace(meeting, report, *, data, sha256, source_name, publish, stored) -> ImportOutcome:
    """A revised report over its meeting, through the same bulk writes as a new meeting.

    What the last import wrote and nobody edited since is deleted (one DELETE per table) and the
    report's rows are inserted as for a new meeting (``_insert_children``), their history written in
    bulk either way; staff work is kept, listed in ``kept``, and renumbered around the new rows.
    """
    warnings = [*report.warnings, *_long_number_warnings(report)]
    kept: list[str] = []
    old_file = meeting.source_file.name
    edited = _meeting_fields_edited(meeting)
    _set_meeting_fields(meeting, report, sha256, source_name, keep=edited)
    kept += [
        f"the meeting's {Meeting._meta.get_field(name).verbose_name} (edited by staff)" for name in edited
    ]
    if publish:
        meeting.status = Meeting.Status.PUBLISHED
    counts = {"items": 0, "decisions": 0, "actions": 0, "annotations": 0, "footnotes": 0}
    # The grid first, as for a new meeting: the annex recorded as the meeting's version and the grid
    # settled, so the new decisions are inserted linked to the sessions it shows.
    event = _annex_event(report.schedule)
    if event is not None:
        meeting.event = event
    _store_source(meeting, data, source_name, stored)
    # The meeting's save marks every cached public page that shows meetings changed (the grid's, the
    # reports', the lists'...: magportal.freshness) in this transaction; the bulk updates and deletes
    # below, which send no signals, are covered by it.
    meeting.save()
    if old_file and old_file != meeting.source_file.name:
        transaction.on_commit(lambda: default_storage.delete(old_file))
    _apply_annex(event, meeting=meeting, report=report, counts=counts, warnings=warnings)

    items = list(meeting.items.prefetch_related("decisions", "annotations", "footnotes").order_by("position"))
    staff_rows = {item.pk: [row for row in _children(item) if is_staff_work(row)] for item in items}
    was = {item.pk: _item_values(item) for item in items}
    existing = {item.position: item for item in items}
    ordered: list[tuple[AgendaItem, ParsedItem | None]] = []
    for parsed in report.items:
        item = existing.pop(parsed.position, None)
        if item is not None and is_staff_work(item):
            kept.append(f"agenda item {item.number or item.position} ({_why_kept(item)})")
        else:
            item = item or AgendaItem(meeting=meeting)
            _set_item_fields(item, parsed)
            counts["items"] += 1
        ordered.append((item, parsed))
    gone_items = []
    for item in existing.values():
        if is_staff_work(item) or staff_rows[item.pk]:
            kept.append(f"agenda item {item.number or item.position} ({_why_kept(item)}, not in the report)")
            ordered.append((item, None))
        else:
            gone_items.append(item)
    _delete_imported(
        children=[row for item in items for row in _children(item) if not is_staff_work(row)],
        items=gone_items,
    )
    new_items = [item for item, _parsed in ordered if item.pk is None]
    for position, (item, _parsed) in enumerate(ordered, start=1):
        item.position = position
    # Only rows that change are written; a row that moves first steps out of the unique positions.
    changed = [
        item for item, _parsed in ordered if item.pk is not None and was[item.pk] != _item_values(item)
    ]
    _move_aside(model=AgendaItem, rows=[item for item in changed if item.position != was[item.pk][0]])
    _bulk_update_with_history(
        rows=changed,
        model=AgendaItem,
        fields=["position", "number", "section", "text", "not_decisions", "origin", "import_digest"],
    )
    _bulk_create_with_history(rows=new_items, model=AgendaItem)

    rows, moved = _NewRows(), []
    for item, parsed in ordered:
        moved += _children_over_staff_work(item, parsed, staff_rows.get(item.pk, []), kept, into=rows)
    _move_aside(model=Decision, rows=moved)
    _bulk_update_with_history(rows=moved, model=Decision, fields=["position"])
    if event is None and meeting.event_id is not None:
        event = meeting.event
    # The event's grid as settled above: the new decisions are linked to the sessions it shows.
    _insert_children(rows, counts=counts, event=event, sessions=None)
    # Kept staff decisions without a session may change one of the grid's sessions.
    link_decisions_to_sessions(meeting=meeting)
    link_cited_meetings(meeting=meeting)
    resolve_announcements(meeting=meeting)
    record_announced_meetings(meeting=meeting)
    return ImportOutcome(meeting, "replaced", source_name, counts, kept, warnings)


def _item_values(item: AgendaItem) -> tuple:
    """What a replace may change of an agenda item: compared before and after to write only changes."""
    return (item.position, item.number, item.section, item.text, list(item.not_decisions))


def _children_over_staff_work(
    item: AgendaItem, parsed: ParsedItem | None, staff_rows: list, kept: list[str], *, into: _NewRows
) -> list[Decision]:
    """The report's new decisions, annotations and footnotes of ``item`` around the staff work it keeps.

    Adds the rows to insert to ``into`` and returns the kept decisions whose position changes (set,
    not saved). An edited imported decision stands in for the one it was imported as, at its
    position; decisions staff added follow the report's. An edited imported annotation or footnote
    stands in for the report's.
    """
    label = item.number or str(item.position)
    kept_decisions = {row.position: row for row in staff_rows if isinstance(row, Decision)}
    kept_annotations = [row for row in staff_rows if isinstance(row, Annotation)]
    kept_footnotes = [row for row in staff_rows if isinstance(row, Footnote)]
    for decision in kept_decisions.values():
        kept.append(f"decision {decision.position} of item {label} ({_why_kept(decision)})")
    for annotation in kept_annotations:
        kept.append(f"annotation by {annotation.author} on item {label} ({_why_kept(annotation)})")
    for footnote in kept_footnotes:
        kept.append(f"footnote {footnote.mark} of item {label} ({_why_kept(footnote)})")
    new = _new_children(item, parsed) if parsed is not None else _NewRows()

    # An edited imported decision stands in for the one it was imported as, at its position, and
    # a sentence staff set (a kind chosen, a status) for the one the report gives with its words.
    kept_by_text = {d.text: d.position for d in kept_decisions.values()}
    # Each with the sentence whose place it takes: a stand-in takes the place of the one it stands in for.
    ordered: list[tuple[str, Decision]] = []
    for position, (decision, shaped) in enumerate(zip(new.decisions, new.shaped, strict=True), start=1):
        edited = kept_decisions.get(position)
        if kept_by_text.get(decision.text) in kept_decisions:
            ordered.append((decision.text, kept_decisions.pop(kept_by_text[decision.text])))
        elif edited is not None and edited.origin == Origin.IMPORT:
            ordered.append((decision.text, kept_decisions.pop(position)))
        else:
            ordered.append((decision.text, decision))
            into.decisions.append(decision)
            into.shaped.append(shaped)
    ordered.extend((row.text, row) for _position, row in sorted(kept_decisions.items()))
    # In the order of the paragraph's sentences; staff rows whose words it does not have, after.
    ordered.sort(key=lambda pair: _place_in(item.text, pair[0]))
    moved = []
    for position, (_sentence, decision) in enumerate(ordered, start=1):
        if decision.pk is not None and decision.position != position:
            moved.append(decision)
        decision.position = position

    edited_annotations = {(a.author, a.date) for a in kept_annotations if a.origin == Origin.IMPORT}
    into.annotations += [a for a in new.annotations if (a.author, a.date) not in edited_annotations]
    edited_footnotes = {(f.kind, f.mark) for f in kept_footnotes if f.origin == Origin.IMPORT}
    for footnote, citation in zip(new.footnotes, new.citations, strict=True):
        if (footnote.kind, footnote.mark) not in edited_footnotes:
            into.footnotes.append(footnote)
            into.citations.append(citation)
    return moved


def _move_aside(*, model: type[models.Model], rows: list[models.Model]) -> None:
    """Shift the stored positions of ``rows`` out of the way, so they can take new ones one by one."""
    if rows:
        model._default_manager.filter(pk__in=[row.pk for row in rows]).update(
            position=F("position") + _POSITION_SHIFT
        )


def _delete_imported(*, children: list, items: list[AgendaItem]) -> None:
    """Delete what the last import wrote and nobody edited: ``children`` of any item, then ``items``."""
    decisions = [row for row in children if isinstance(row, Decision)]
    # The grid's cached pages were marked changed by the meeting's save in the same transaction.
    DecisionSession.objects.filter(decision__in=decisions).delete()
    for model in (Decision, Annotation, Footnote):
        _delete_with_history(rows=[row for row in children if isinstance(row, model)], model=model)
    UpcomingMeeting.objects.filter(agenda_item__in=items).update(agenda_item=None)
    _delete_with_history(rows=items, model=AgendaItem)


def _set_meeting_fields(
    meeting: Meeting, report: ParsedReport, sha256: str, source_name: str, *, keep: Sequence[str] = ()
) -> None:
    """The report's values into the meeting's fields, except those in ``keep`` (staff edits)."""
    parsed = report.meeting
    values = {
        "title": parsed.title[:300],
        "kind": parsed.kind,
        "number": parsed.number,
        "date": parsed.date,
        "end_date": parsed.end_date,
        "cycle_year": parsed.cycle_year or parsed.date.year,
        "chair": parsed.chair[:200],
        "recording_url": parsed.recording_url if len(parsed.recording_url) <= 500 else "",
    }
    for name, value in values.items():
        if name not in keep:
            setattr(meeting, name, value)
    meeting.import_values = _as_json(values)
    meeting.source_name = source_name[:255]
    meeting.source_sha256 = sha256
    meeting.imported_at = timezone.now()


#: Never a stored value: a field the last import did not record counts as edited.
_NEVER = object()


def _meeting_fields_edited(meeting: Meeting) -> list[str]:
    """The report-given fields whose value is not what the last import wrote (all, for a meeting
    made by hand)."""
    current = _as_json({name: getattr(meeting, name) for name in Meeting.IMPORTED_FIELDS})
    return [
        name for name in Meeting.IMPORTED_FIELDS if meeting.import_values.get(name, _NEVER) != current[name]
    ]


def _as_json(values: dict) -> dict:
    return {
        name: value.isoformat() if isinstance(value, datetime.date) else value
        for name, value in values.items()
    }


def _store_source(meeting: Meeting, data: bytes, source_name: str, stored: list[str]) -> None:
    meeting.source_file.save(source_name or "report.docx", ContentFile(data), save=False)
    stored.append(meeting.source_file.name)


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)
    names.clear()


#: The longest printed paragraph number kept whole (``AgendaItem.number``).
_NUMBER_CHARS = AgendaItem._meta.get_field("number").max_length


def _long_number_warnings(report: ParsedReport) -> list[str]:
    """A warning for each printed number too long to keep whole; the paragraph keeps its position."""
    return [
        f"paragraph {item.position}'s number {item.number[:_NUMBER_CHARS]}... has {len(item.number)} "
        f"characters; its first {_NUMBER_CHARS} are kept"
        for item in report.items
        if len(item.number) > _NUMBER_CHARS
    ]


def _set_item_fields(item: AgendaItem, parsed: ParsedItem) -> None:
    item.number = parsed.number[:_NUMBER_CHARS]
    item.section = parsed.section[:300]
    item.text = parsed.text
    # The Secretariat's "neither" choices stay with the paragraph across imports.
    item.not_decisions = [
        *item.not_decisions,
        *(s for s in parsed.not_decisions if s not in item.not_decisions),
    ]
    _mark_imported(item)


def _mark_imported(row) -> None:
    row.origin = Origin.IMPORT
    row.import_digest = content_digest(row)


@dataclass
class _NewRows:
    """Unsaved decisions, annotations and footnotes to insert, with what the report says of them."""

    decisions: list[Decision] = field(default_factory=list)
    shaped: list[list[str]] = field(default_factory=list)  # per decision, the sessions it changes
    annotations: list[Annotation] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    citations: list[Citation | None] = field(default_factory=list)  # per footnote, what it cites

    def add(self, other: _NewRows) -> None:
        self.decisions += other.decisions
        self.shaped += other.shaped
        self.annotations += other.annotations
        self.footnotes += other.footnotes
        self.citations += other.citations


def _new_children(item: AgendaItem, parsed: ParsedItem) -> _NewRows:
    """Unsaved decisions, annotations and footnotes of ``parsed``, marked as imported."""
    decisions = [
        Decision(agenda_item=item, kind=d.kind, text=d.text, owner=d.owner[:200], due_date=d.due_date)
        for d in parsed.decisions
        if d.text not in item.not_decisions
    ]
    annotations = [
        Annotation(
            agenda_item=item,
            author=a.author[:200],
            initials=a.initials[:16],
            date=_aware(a.date),
            text=a.text,
            anchor=a.anchor,
            visibility=Annotation.Visibility.SECRETARIAT,
        )
        for a in parsed.annotations
    ]
    footnotes = [
        Footnote(
            agenda_item=item, kind=f.kind, mark=f.mark[:16], text=f.text, urls=list(f.urls), offset=f.offset
        )
        for f in parsed.footnotes
    ]
    for row in [*decisions, *annotations, *footnotes]:
        _mark_imported(row)
    set_by_staff = {d.text for d in parsed.decisions if d.found_by == Origin.STAFF}
    for decision in decisions:
        if decision.text in set_by_staff:
            decision.origin = Origin.STAFF  # the Secretariat chose its kind in the preview
    return _NewRows(
        decisions=decisions,
        # Paired with the decisions kept above: not the sentences the Secretariat set to "neither".
        shaped=[d.sessions for d in parsed.decisions if d.text not in item.not_decisions],
        annotations=annotations,
        footnotes=footnotes,
        citations=[footnote.citation for footnote in parsed.footnotes],
    )


def _count_key(decision: Decision) -> str:
    return "actions" if decision.kind == Decision.Kind.ACTION else "decisions"


def _add_children(
    pairs: list[tuple[AgendaItem, ParsedItem]],
    counts: dict,
    *,
    event: Event | None,
    sessions: list[Session] | None,
) -> None:
    """Insert the decisions, annotations and footnotes of a new meeting's items."""
    rows = _NewRows()
    for item, parsed in pairs:
        new = _new_children(item, parsed)
        for position, decision in enumerate(new.decisions, start=1):
            decision.position = position
        rows.add(new)
    _insert_children(rows, counts=counts, event=event, sessions=sessions)


def _insert_children(
    rows: _NewRows, *, counts: dict, event: Event | None, sessions: list[Session] | None
) -> None:
    """Insert new decisions, annotations and footnotes, one INSERT per table, linked as they cite.

    Decisions are linked to the ``sessions`` of ``event`` they change (all its sessions, read from
    their text, when ``sessions`` is None), and footnotes to the meetings they cite, before they are
    inserted.
    """
    decisions, annotations, footnotes = rows.decisions, rows.annotations, rows.footnotes
    for decision in decisions:
        counts[_count_key(decision)] += 1
    further: list[DecisionSession] = []
    if event is not None and decisions:
        if sessions is not None:
            # The grid was just written from this report's annex: its sessions are the ones the
            # interpreter read the decisions against.
            further = _link_sessions(decisions, rows.shaped, sessions=sessions)
        else:
            # The event's grid stayed as it was (the same, newer, or made by hand): link to its sessions.
            further = assign_sessions(decisions, sessions=list(event.sessions.order_by("pk")))
    for footnote, citation in zip(footnotes, rows.citations, strict=True):
        footnote.cited_meeting = cited_meeting(citation, citing=footnote.agenda_item.meeting)
    _bulk_create_with_history(rows=decisions, model=Decision)
    if further:
        DecisionSession.objects.bulk_create(further)
    if any(decision.session_id is not None for decision in decisions):
        # The event's grid shows its sessions' decisions: mark it changed, as the signals would.
        grid_changed()
    _bulk_create_with_history(rows=annotations, model=Annotation)
    _bulk_create_with_history(rows=footnotes, model=Footnote)
    counts["annotations"] += len(annotations)
    counts["footnotes"] += len(footnotes)


def _link_sessions(
    decisions: list[Decision], shaped: list[list[str]], *, sessions: list[Session]
) -> list[DecisionSession]:
    """Set each decision's ``session`` to the first of the sessions it changes (by title); return the
    further ones as unsaved ``DecisionSession`` rows."""
    by_title = {normalise_title(session.title): session for session in sessions}
    further: list[DecisionSession] = []
    for decision, titles in zip(decisions, shaped, strict=True):
        found = [by_title[key] for key in map(normalise_title, titles) if key in by_title]
        if found:
            decision.session = found[0]
            further += [DecisionSession(decision=decision, session=session) for session in found[1:]]
    return further


def _place_in(text: str, sentence: str) -> int:
    place = text.find(sentence)
    return place if place >= 0 else len(text)


def _children(item: AgendaItem) -> list:
    return [*item.decisions.all(), *item.annotations.all(), *item.footnotes.all()]


def _why_kept(row) -> str:
    return "added by staff" if row.origin == Origin.STAFF else "edited by staff"


def _aware(value: datetime.datetime | None) -> datetime.datetime | None:
    if value is None or timezone.is_aware(value):
        return value
    return timezone.make_aware(value, datetime.UTC)


def _annex_event(schedule: ParsedSchedule | None) -> Event | None:
    """The event of the annex's grid, created (unpublished, without sessions) if new."""
    if schedule is None or not schedule.slots or schedule.start_date is None:
        return None
    title = re.sub(r"^The\s+", "", schedule.event) or schedule.title
    event, _created = Event.objects.get_or_create(
        slug=event_slug(schedule),
        defaults={
            "title": title[:300],
            "theme": schedule.theme[:300],
            "venue": schedule.venue[:200],
            "time_zone": schedule.time_zone or "UTC",
            "start_date": schedule.start_date,
            "end_date": schedule.end_date or schedule.start_date,
            "is_published": False,
        },
    )
    return event


def _apply_annex(
    event: Event | None, *, meeting: Meeting, report: ParsedReport, counts: dict, warnings: list[str]
) -> None:
    """Record the annex as the meeting's version of the event's grid, and settle which version it shows.

    The grid anyone sees is the newest version of a published meeting (``settle_grid``): a draft
    report's annex waits as a draft version until its meeting is published, and an older report's,
    imported late, takes its place in the history without replacing the newer grid.
    """
    counts.setdefault("sessions", 0)
    counts.setdefault("slots", 0)
    if event is None:
        return
    snapshot = _annex_snapshot(report.schedule, event=event)
    counts["sessions"] += len(snapshot["sessions"])
    counts["slots"] += len(report.schedule.slots)
    version = record_schedule_version(
        event=event, meeting=meeting, approved=report.schedule_approved, snapshot=snapshot
    )
    settled = settle_grid(event=event)
    if settled.hand_made:
        # Staff built or edited this grid by hand: their work wins over any annex.
        warnings.append(
            f"the grid of {event} was made or edited by hand since its last import; "
            "it was kept as it is and this report's annex was not applied to it"
        )
    elif not meeting.is_published:
        return  # its version waits, unseen by the public, until the meeting is published
    elif settled.version is not None and not same_grid(settled.version.snapshot, version.snapshot):
        warnings.append(
            f"the grid of {event} comes from a newer report ({settled.version.meeting}); "
            f"this report's older annex was recorded as version {version.number} and not applied to it"
        )


def _annex_snapshot(schedule: ParsedSchedule, *, event: Event) -> dict:
    """The annex's grid in the form of ``schedule.versions.snapshot_event``.

    Sessions the event already has keep their ids, so the version's changes link to them.
    """
    ids = {normalise_title(title): pk for pk, title in event.sessions.values_list("pk", "title")}
    sessions: dict[str, dict] = {}
    for slot in sorted(schedule.slots, key=lambda slot: (slot.date, slot.start)):
        key = normalise_title(slot.title)
        session = sessions.setdefault(
            key,
            {"id": ids.get(key), "title": slot.title[:300], "kind": session_kind(slot.title), "slots": []},
        )
        session["slots"].append(
            {
                "id": None,
                "date": slot.date.isoformat(),
                "start": slot.start.strftime("%H:%M"),
                "end": slot.end.strftime("%H:%M"),
                "note": slot.note[:200],
                "continued": slot.continued,
            }
        )
    return {"start_date": event.start_date.isoformat(), "sessions": list(sessions.values())}

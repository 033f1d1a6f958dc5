import pgtrigger
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from magportal.dates import long_date
from magportal.rendering import choice_label, reverse_memo
from meetings.listing import has_listing_columns
from meetings.roles import VIEW_ALL_ANNOTATIONS, VIEW_SHARED_ANNOTATIONS, may_see_drafts


class Origin(models.TextChoices):
    """Where a row came from, so a re-import never overwrites staff work."""

    IMPORT = "import", _("Imported from the report")
    STAFF = "staff", _("Added by staff")


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Meeting.Status.PUBLISHED)

    def visible_to(self, user):
        if may_see_drafts(user):
            return self.all()
        return self.published()


class Meeting(models.Model):
    """A MAG meeting and the summary report that records it."""

    class Kind(models.TextChoices):
        VIRTUAL = "virtual", _("Virtual MAG meeting")
        FACE_TO_FACE = "face_to_face", _("Face-to-face MAG meeting")
        OPEN_CONSULTATIONS = "open_consultations", _("Open consultations")
        TOPICAL = "topical", _("Topical meeting")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.VIRTUAL)
    number = models.PositiveSmallIntegerField(
        _("number"), null=True, blank=True, help_text=_("The meeting's number in its cycle: VI is 6.")
    )
    date = models.DateField(_("date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    cycle_year = models.PositiveSmallIntegerField(_("cycle year"), db_index=True)
    chair = models.CharField(_("chair"), max_length=200, blank=True)
    recording_url = models.URLField(_("recording URL"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    event = models.ForeignKey(
        "schedule.Event",
        verbose_name=_("annual meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        help_text=_("The annual meeting whose schedule this report's annex holds."),
    )
    source_file = models.FileField(_("source document"), upload_to="reports/%Y/", blank=True)
    source_name = models.CharField(_("original file name"), max_length=255, blank=True)
    source_sha256 = models.CharField(_("source SHA-256"), max_length=64, blank=True, editable=False)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True, editable=False)
    # What the last import wrote into the fields a report gives (IMPORTED_FIELDS): a field whose
    # value differs from it was edited by staff, and a re-import keeps the edit.
    import_values = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = MeetingQuerySet.as_manager()

    #: The fields a summary report gives; the rest (status, event, slug) are the portal's own.
    IMPORTED_FIELDS = ("title", "kind", "number", "date", "end_date", "cycle_year", "chair", "recording_url")

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-pk"]
        permissions = [("view_draft_meeting", "Can view draft meetings and their decisions")]
        constraints = [
            models.UniqueConstraint(
                fields=["source_sha256"],
                condition=~Q(source_sha256=""),
                name="meeting_unique_source_sha256",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("date")),
                name="meeting_end_date_not_before_date",
            ),
        ]
        triggers = [
            # The decisions' copies of the meeting's date and status (Decision's listing columns).
            pgtrigger.Trigger(
                name="meeting_decisions_listing",
                when=pgtrigger.After,
                operation=pgtrigger.Insert | pgtrigger.UpdateOf("date", "status"),
                func="""
                    IF TG_OP = 'INSERT' OR NEW.date IS DISTINCT FROM OLD.date
                            OR NEW.status IS DISTINCT FROM OLD.status THEN
                        UPDATE meetings_decision decision
                        SET meeting_date = NEW.date, meeting_pk = NEW.id,
                            meeting_is_published = NEW.status = 'published'
                        FROM meetings_agendaitem item
                        WHERE item.meeting_id = NEW.id AND decision.agenda_item_id = item.id;
                    END IF;
                    RETURN NULL;
                """,
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-date"], name="meeting_status_date"),
            # The decisions list walks meetings newest first and stops after a page.
            models.Index(fields=["-date", "-id"], name="meeting_date_pk"),
            # The decisions filter's cycle years and their dates, read from the index alone.
            models.Index(fields=["status", "cycle_year", "date"], name="meeting_status_cycle_year"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_memo("meetings:meeting_detail", slug=self.slug)

    def get_kind_display(self):
        return choice_label(self.Kind, self.kind)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def is_visible_to(self, user) -> bool:
        """Whether ``user`` may see this meeting: the rule of ``Meeting.objects.visible_to``."""
        return self.is_published or may_see_drafts(user)


#: A decision's copies of its paragraph (``item``) and meeting (``meeting``), as an UPDATE's SET list.
_DECISION_COPIES = """
    meeting_date = meeting.date, meeting_pk = meeting.id, item_position = item.position,
    meeting_is_published = meeting.status = 'published'
"""
#: A decision's search document: its own words, weight A, and its paragraph's (``item``), B.
_DECISION_SEARCH_DOCUMENT = """
    setweight(to_tsvector('english'::regconfig, coalesce(decision.text, '')), 'A')
        || coalesce(item.search_document, ''::tsvector)
"""


class AgendaItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(meeting__in=Meeting.objects.visible_to(user))


class AgendaItemManager(models.Manager.from_queryset(AgendaItemQuerySet)):
    def get_queryset(self):
        # The stored search words are the database's: never carried to Python, never written back.
        return super().get_queryset().defer(*AgendaItem.DERIVED_FIELDS)


class AgendaItem(models.Model):
    """One numbered paragraph of a meeting's summary report.

    ``search_document`` (PostgreSQL) holds the paragraph's words for the full-text search,
    weight B, kept by the triggers below; its decisions' documents add it to their own words.
    It is computed once per paragraph, so a long paragraph with many decisions is parsed once.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(_("position"), help_text=_("Order in the document, from 1."))
    number = models.CharField(
        _("number"), max_length=16, blank=True, help_text=_("As printed; two paragraphs may share one.")
    )
    section = models.CharField(_("section heading"), max_length=300, blank=True)
    text = models.TextField(_("text"))
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.STAFF, editable=False)
    import_digest = models.CharField(max_length=64, blank=True, editable=False)
    # Sentences the Secretariat set to "neither" although the importer read a decision or an
    # action in them: a re-import does not bring them back.
    not_decisions = models.JSONField(
        _("sentences that are neither"),
        default=list,
        db_default=models.Value([], output_field=models.JSONField()),
        blank=True,
    )
    search_document = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(excluded_fields=["search_document"])

    objects = AgendaItemManager()

    #: Written by the database's triggers only (PostgreSQL; null elsewhere).
    DERIVED_FIELDS = ("search_document",)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        base_manager_name = "objects"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_item_unique_position"),
        ]
        triggers = [
            # Its words are parsed here once, whatever the number of its decisions.
            pgtrigger.Trigger(
                name="agenda_item_search_document",
                when=pgtrigger.Before,
                operation=pgtrigger.Insert | pgtrigger.Update,
                func="""
                    IF TG_OP = 'INSERT' OR NEW.text IS DISTINCT FROM OLD.text
                            OR NEW.search_document IS DISTINCT FROM OLD.search_document THEN
                        NEW.search_document := setweight(
                            to_tsvector('english'::regconfig, coalesce(NEW.text, '')), 'B');
                    END IF;
                    RETURN NEW;
                """,
            ),
            # Foreign keys are checked at commit, so a decision may be written before its paragraph.
            pgtrigger.Trigger(
                name="agenda_item_decisions_insert",
                level=pgtrigger.Statement,
                when=pgtrigger.After,
                operation=pgtrigger.Insert,
                referencing=pgtrigger.Referencing(new="new_items"),
                func=f"""
                    UPDATE meetings_decision decision
                    SET {_DECISION_COPIES}, search_document = {_DECISION_SEARCH_DOCUMENT}
                    FROM new_items item JOIN meetings_meeting meeting ON meeting.id = item.meeting_id
                    WHERE decision.agenda_item_id = item.id;
                    RETURN NULL;
                """,
            ),
            # A paragraph renumbered, moved or rewritten: its decisions' copies, in one statement.
            pgtrigger.Trigger(
                name="agenda_item_decisions_update",
                level=pgtrigger.Statement,
                when=pgtrigger.After,
                operation=pgtrigger.Update,
                referencing=pgtrigger.Referencing(old="old_items", new="new_items"),
                func=f"""
                    UPDATE meetings_decision decision
                    SET {_DECISION_COPIES}, search_document = CASE
                        WHEN previous.search_document IS DISTINCT FROM item.search_document
                        THEN {_DECISION_SEARCH_DOCUMENT} ELSE decision.search_document END
                    FROM new_items item
                        JOIN old_items previous ON previous.id = item.id
                        JOIN meetings_meeting meeting ON meeting.id = item.meeting_id
                    WHERE decision.agenda_item_id = item.id
                        AND (previous.meeting_id IS DISTINCT FROM item.meeting_id
                            OR previous.position IS DISTINCT FROM item.position
                            OR previous.search_document IS DISTINCT FROM item.search_document);
                    RETURN NULL;
                """,
            ),
        ]

    def __str__(self):
        label = self.number or f"#{self.position}"
        return f"{self.meeting} — {label}"

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self):
        # Printed numbers repeat (two paragraphs 8 in the seed), positions do not.
        return f"item-{self.position}"


class DecisionQuerySet(models.QuerySet):
    def published(self):
        if has_listing_columns(self):
            # The meeting's status as copied onto the decision by the triggers: no join.
            return self.filter(meeting_is_published=True)
        return self.filter(agenda_item__meeting__status=Meeting.Status.PUBLISHED)

    def visible_to(self, user):
        if may_see_drafts(user):
            return self.all()
        return self.published()

    def actions(self):
        return self.filter(kind=Decision.Kind.ACTION)

    def open_first(self):
        """Open actions first, then done, then dropped; each by owner (the unnamed last) and due
        date (the undated last), newest meeting first, in the report's order."""
        return self.annotate(
            status_rank=models.Case(
                models.When(status=Decision.Status.OPEN, then=0),
                models.When(status=Decision.Status.DONE, then=1),
                default=2,
                output_field=models.IntegerField(),
            ),
            unnamed=models.Case(models.When(owner="", then=1), default=0, output_field=models.IntegerField()),
        ).order_by(
            "status_rank",
            "unnamed",
            "owner",
            models.F("due_date").asc(nulls_last=True),
            "-agenda_item__meeting__date",
            "agenda_item__position",
            "position",
        )


class DecisionManager(models.Manager.from_queryset(DecisionQuerySet)):
    def get_queryset(self):
        # The trigger-kept columns are read by SQL (filters, order, search), not by Python; deferred,
        # an instance's save() never writes them back, stale or not.
        return super().get_queryset().defer(*Decision.DERIVED_FIELDS)


class Decision(models.Model):
    """A decision or action recorded in an agenda item.

    On PostgreSQL the triggers of ``meetings.derived_columns`` keep, on every write path
    (save, bulk_create, QuerySet.update, raw SQL), the decisions list's order and filter
    copied onto each decision (its meeting's date, pk and published status, its paragraph's
    position: ``meetings.listing``) and its ``search_document``, its own words (weight A) and
    its paragraph's (B) for ``meetings.search``. Elsewhere they stay null and the list joins.
    """

    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        ACTION = "action", _("Action")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.DECISION)
    text = models.TextField(_("text"))
    # Database defaults too: rows inserted by SQL that predates these columns stay valid.
    owner = models.CharField(
        _("owner"),
        max_length=200,
        blank=True,
        default="",
        db_default="",
        help_text=_("Who the action falls to, as the report says."),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.OPEN,
        db_default=Status.OPEN,
        help_text=_("Set by the Secretariat as the action is done or dropped."),
    )
    position = models.PositiveIntegerField(_("position"), default=1)
    session = models.ForeignKey(
        "schedule.Session",
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        help_text=_("The session of the annual meeting this decision shapes, if any."),
    )
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.STAFF, editable=False)
    import_digest = models.CharField(max_length=64, blank=True, editable=False)
    meeting_date = models.DateField(null=True, editable=False)
    meeting_pk = models.BigIntegerField(null=True, editable=False)
    meeting_is_published = models.BooleanField(null=True, editable=False)
    item_position = models.IntegerField(null=True, editable=False)
    search_document = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(
        excluded_fields=[
            "meeting_date",
            "meeting_pk",
            "meeting_is_published",
            "item_position",
            "search_document",
        ]
    )

    objects = DecisionManager()

    #: A decisions search sets these on the decisions it lists: the text with the searched words
    #: marked, and the passage of the paragraph where they were found. Empty by default, so a list
    #: that did not search reads them without failing a lookup on every row.
    marked_text = ""
    matching_passage = ""

    #: Written by the database's triggers only (PostgreSQL; null elsewhere).
    DERIVED_FIELDS = (
        "meeting_date",
        "meeting_pk",
        "meeting_is_published",
        "item_position",
        "search_document",
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["agenda_item", "position"]
        base_manager_name = "objects"
        constraints = [
            models.UniqueConstraint(fields=["agenda_item", "position"], name="decision_unique_position"),
        ]
        indexes = [
            # The list's ORDER BY, column for column: a page walks it and stops.
            models.Index(
                fields=["-meeting_date", "-meeting_pk", "item_position", "position"],
                name="decision_newest_first",
            ),
        ]
        triggers = [
            # Every write path (save, bulk_create, QuerySet.update, raw SQL); a value written by
            # hand that differs from the stored one is computed again, so a stale one never stays.
            pgtrigger.Trigger(
                name="decision_derived_columns",
                when=pgtrigger.Before,
                operation=pgtrigger.Insert | pgtrigger.Update,
                func="""
                IF TG_OP = 'INSERT' OR NEW.agenda_item_id IS DISTINCT FROM OLD.agenda_item_id
                    OR (NEW.meeting_date, NEW.meeting_pk, NEW.item_position, NEW.meeting_is_published)
                        IS DISTINCT FROM
                        (OLD.meeting_date, OLD.meeting_pk, OLD.item_position, OLD.meeting_is_published)
                THEN
                    -- No row (its paragraph or meeting comes later in the transaction): NULLs until then.
                    SELECT meeting.date, meeting.id, item.position, meeting.status = 'published'
                    INTO NEW.meeting_date, NEW.meeting_pk, NEW.item_position, NEW.meeting_is_published
                    FROM meetings_agendaitem item JOIN meetings_meeting meeting
                        ON meeting.id = item.meeting_id
                    WHERE item.id = NEW.agenda_item_id;
                END IF;
                IF TG_OP = 'INSERT' OR NEW.agenda_item_id IS DISTINCT FROM OLD.agenda_item_id
                    OR NEW.text IS DISTINCT FROM OLD.text
                    OR NEW.search_document IS DISTINCT FROM OLD.search_document
                THEN
                    -- _DECISION_SEARCH_DOCUMENT, for the row being written.
                    NEW.search_document :=
                        setweight(to_tsvector('english'::regconfig, coalesce(NEW.text, '')), 'A')
                        || coalesce(
                            (SELECT search_document FROM meetings_agendaitem WHERE id = NEW.agenda_item_id),
                            ''::tsvector
                        );
                END IF;
                RETURN NEW;
                """,
            ),
        ]

    def __str__(self):
        return self.text if len(self.text) <= 80 else f"{self.text[:79]}…"

    def get_absolute_url(self):
        return reverse_memo("meetings:decision_detail", pk=self.pk)

    def get_kind_display(self):
        return choice_label(self.Kind, self.kind)

    def is_overdue(self, today) -> bool:
        """An open action whose due date has passed."""
        return self.status == self.Status.OPEN and self.due_date is not None and self.due_date < today

    @property
    def found_by_importer(self) -> bool:
        """Found in the report by the importer, not set or added by staff."""
        return self.origin == Origin.IMPORT


class AnnotationQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_active:
            return self.none()
        if user.has_perm(VIEW_ALL_ANNOTATIONS):
            visible = self.all()
        elif user.has_perm(VIEW_SHARED_ANNOTATIONS):
            visible = self.filter(visibility=Annotation.Visibility.MEMBERS)
        else:
            return self.none()
        return visible.filter(agenda_item__meeting__in=Meeting.objects.visible_to(user))


class Annotation(models.Model):
    """A note on an agenda item, such as a Word comment by the chair."""

    class Visibility(models.TextChoices):
        SECRETARIAT = "secretariat", _("Secretariat only")
        MEMBERS = "members", _("MAG members too")

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="annotations")
    author = models.CharField(_("author"), max_length=200)
    initials = models.CharField(_("initials"), max_length=16, blank=True)
    date = models.DateTimeField(_("date"), null=True, blank=True)
    text = models.TextField(_("text"))
    anchor = models.TextField(
        _("commented text"), blank=True, help_text=_("The text the note is anchored to.")
    )
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.SECRETARIAT
    )
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.STAFF, editable=False)
    import_digest = models.CharField(max_length=64, blank=True, editable=False)
    history = HistoricalRecords()

    objects = AnnotationQuerySet.as_manager()

    class Meta:
        verbose_name = _("annotation")
        verbose_name_plural = _("annotations")
        ordering = ["agenda_item", "date", "pk"]
        permissions = [("view_shared_annotation", "Can view annotations shared with MAG members")]

    def __str__(self):
        return f"{self.author}: {self.text[:60]}"

    def get_absolute_url(self):
        return self.agenda_item.get_absolute_url()


class Footnote(models.Model):
    """A footnote or endnote of an agenda item, with the links it cites."""

    class Kind(models.TextChoices):
        FOOTNOTE = "footnote", _("Footnote")
        ENDNOTE = "endnote", _("Endnote")

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="footnotes")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.FOOTNOTE)
    mark = models.CharField(_("mark"), max_length=16, help_text=_("As printed, e.g. 1."))
    text = models.TextField(_("text"))
    urls = models.JSONField(_("URLs"), default=list, blank=True)
    offset = models.PositiveIntegerField(
        _("place in the paragraph"),
        null=True,
        blank=True,
        help_text=_(
            "Where the mark stands in the paragraph's text, in characters from its start; "
            "empty to show it after the paragraph."
        ),
    )
    cited_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("cited meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="citing_footnotes",
        help_text=_("The meeting whose summary report this note cites, when it is in the portal."),
    )
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.STAFF, editable=False)
    import_digest = models.CharField(max_length=64, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("footnote")
        verbose_name_plural = _("footnotes")
        ordering = ["agenda_item", "kind", "pk"]

    def __str__(self):
        return f"[{self.mark}] {self.text[:60]}"

    def get_absolute_url(self):
        return self.agenda_item.get_absolute_url()


class DecisionSession(models.Model):
    """A further session a decision shapes, besides its main one (``Decision.session``)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="further_sessions")
    session = models.ForeignKey(
        "schedule.Session",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="further_decisions",
    )

    class Meta:
        verbose_name = _("further session of a decision")
        verbose_name_plural = _("further sessions of decisions")
        ordering = ["decision", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "session"], name="decision_session_unique"),
        ]

    def __str__(self):
        return f"{self.decision} — {self.session}"


class UpcomingMeetingQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(held_as__isnull=True)

    def visible_to(self, user):
        if may_see_drafts(user):
            return self.all()
        # A join on the announcing meeting rather than a subquery of the meetings the user may see.
        return self.filter(announced_in__status=Meeting.Status.PUBLISHED)


class UpcomingMeeting(models.Model):
    """A meeting a report announces, shown as upcoming until its own report arrives."""

    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    announced_in = models.ForeignKey(
        Meeting, verbose_name=_("announced in"), on_delete=models.CASCADE, related_name="announcements"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("announcing paragraph"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="announcements",
    )
    held_as = models.ForeignKey(
        Meeting,
        verbose_name=_("held as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="announced_by",
        help_text=_("The imported meeting that took place as announced; set, it is no longer upcoming."),
    )

    objects = UpcomingMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("upcoming meeting")
        verbose_name_plural = _("upcoming meetings")
        ordering = ["date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["announced_in", "date", "title"], name="upcoming_meeting_unique_announcement"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({long_date(self.date)})"

    def get_absolute_url(self):
        """The meeting's report once it has arrived, else the paragraph that announced it.

        Callers that show a held meeting only to whom may read its report check that first
        (``meetings.selectors.announced_meetings_between``).
        """
        if self.held_as_id:
            return self.held_as.get_absolute_url()
        return self.announcement_url

    def clean(self):
        # The link to the announcement is to this paragraph in the announcing meeting's report.
        if (
            self.agenda_item_id
            and self.announced_in_id
            and self.agenda_item.meeting_id != self.announced_in_id
        ):
            raise ValidationError(
                {"agenda_item": _("The announcing paragraph must be a paragraph of the announcing meeting.")}
            )

    @property
    def announcement_url(self):
        """The paragraph that announced the meeting (one of the announcing meeting's: ``clean``)."""
        if self.agenda_item_id:
            return f"{self.announced_in.get_absolute_url()}#{self.agenda_item.anchor}"
        return self.announced_in.get_absolute_url()

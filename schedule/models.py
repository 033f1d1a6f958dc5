from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from magportal.dates import long_date, weekday_date
from magportal.rendering import reverse_memo
from meetings.roles import may_see_drafts


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        # Unpublished grids are working drafts, like draft meetings.
        if may_see_drafts(user):
            return self.all()
        return self.published()


class Event(models.Model):
    """An annual meeting of the IGF, whose main sessions make the grid."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", help_text=_("IANA name, e.g. America/Mexico_City.")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    is_published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="event_end_not_before_start"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_memo("schedule:event_detail", slug=self.slug)

    def is_visible_to(self, user) -> bool:
        """Whether ``user`` may open this grid: the rule of ``Event.objects.visible_to``."""
        return self.is_published or may_see_drafts(user)


class Session(models.Model):
    """A session of the annual meeting; it may run over several slots."""

    class Kind(models.TextChoices):
        MAIN = "main", _("Main session")
        CEREMONY = "ceremony", _("Ceremony")
        ORIENTATION = "orientation", _("Orientation")
        OTHER = "other", _("Other")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.MAIN)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["event", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.event.get_absolute_url()}#session-{self.pk}"


class Slot(models.Model):
    """A time in the grid when a session takes place."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="slots")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_('e.g. "Youth Open Mic"'))
    continued = models.BooleanField(
        _("continued"), default=False, help_text=_("Continues the session after a break.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=F("start_time")), name="slot_end_after_start"),
        ]
        indexes = [models.Index(fields=["date", "start_time"], name="slot_date_start")]

    def __str__(self):
        return f"{self.session} — {weekday_date(self.date)} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    def get_absolute_url(self):
        return self.session.get_absolute_url()

    @property
    def minutes(self):
        start = self.start_time.hour * 60 + self.start_time.minute
        end = self.end_time.hour * 60 + self.end_time.minute
        return end - start


class ScheduleVersionQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=ScheduleVersion.Status.APPROVED)

    def public(self):
        """Versions anyone may see: numbered, and circulated by no meeting or a published one.

        A draft meeting's annex is a draft version: unnumbered, for those who may see drafts only.
        The meeting's status is checked here too, so a version is never public while its meeting
        is a draft, even before ``schedule.versions.settle_grid`` has renumbered the versions.
        """
        from meetings.models import Meeting

        return self.filter(number__isnull=False).filter(
            Q(meeting__isnull=True) | Q(meeting__status=Meeting.Status.PUBLISHED)
        )

    def in_order(self):
        """Oldest first, by the date of the report that carried each version."""
        return self.order_by("date", "pk")


class ScheduleVersion(models.Model):
    """The grid as one meeting circulated or approved it, kept to show what changed."""

    class Status(models.TextChoices):
        PROVISIONAL = "provisional", _("Provisional")
        APPROVED = "approved", _("Approved")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(
        _("number"),
        null=True,
        blank=True,
        help_text=_("1 for the event's oldest public version, in date order; empty for a draft meeting's."),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("circulated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="circulated_schedule_versions",
        help_text=_("The meeting whose report carries this version of the grid."),
    )
    date = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PROVISIONAL)
    approved_at = models.DateField(_("approved on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approved_schedule_versions",
    )
    snapshot = models.JSONField(_("snapshot"), help_text=_("The sessions and their slots at the time."))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScheduleVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("schedule version")
        verbose_name_plural = _("schedule versions")
        ordering = ["event", "-date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="schedule_version_unique_number"),
        ]

    def __str__(self):
        if self.number is None:
            return f"{self.event} — draft version of {long_date(self.date)}"
        return f"{self.event} — version {self.number}"

    def get_absolute_url(self):
        if self.number is None:
            return reverse("schedule:draft_version_detail", kwargs={"slug": self.event.slug, "pk": self.pk})
        return reverse("schedule:version_detail", kwargs={"slug": self.event.slug, "number": self.number})

    @property
    def is_draft(self):
        """A draft meeting's annex, not (yet) part of the grid's public history."""
        return self.number is None or (self.meeting is not None and not self.meeting.is_published)

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED

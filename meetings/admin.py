import logging

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from magportal.admin_history import HistoryAdmin
from meetings import admin_users  # noqa: F401  (registers the user admin)
from meetings.admin_edit_forms import MeetingChangeForm
from meetings.admin_forms import SENTENCE_KINDS, ConfirmImportForm, ImportReportForm
from meetings.importer import ImportRefused
from meetings.importer.previews import discard_preview, keep_preview, preview_data
from meetings.importer.services import import_report, parse_report, previous_import
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
from meetings.publishing import meeting_published_or_unpublished, set_meeting_published
from meetings.sentences import item_sentences, preview_sentences, set_sentence_kinds

logger = logging.getLogger(__name__)


class AgendaItemInline(admin.TabularInline):
    """The report's paragraphs as a compact, ordered list: a report of 60 paragraphs fits on a screen or
    two. Each row opens the paragraph's own page, where its text, decisions, annotations and notes are
    edited."""

    model = AgendaItem
    extra = 0
    fields = ["position", "number", "section", "first_words", "decision_summary"]
    readonly_fields = fields
    template = "admin/meetings/meeting/agenda_items_inline.html"
    show_change_link = True

    def get_queryset(self, request):
        counted = {
            f"{kind}_count": Count("decisions", filter=Q(decisions__kind=kind), distinct=True)
            for kind in Decision.Kind.values
        }
        return super().get_queryset(request).annotate(**counted).order_by("position")

    def has_add_permission(self, request, obj=None):
        # A paragraph is added from Agenda items, with its text; this list only finds them.
        return False

    @admin.display(description=_("first words"))
    def first_words(self, item):
        return Truncator(" ".join(item.text.split())).words(12)

    @admin.display(description=_("decisions"))
    def decision_summary(self, item):
        decisions, actions = item.decision_count, item.action_count
        counts = [
            ngettext("%(count)d decision", "%(count)d decisions", decisions) % {"count": decisions},
            ngettext("%(count)d action", "%(count)d actions", actions) % {"count": actions},
        ]
        said = [text for text, count in zip(counts, (decisions, actions), strict=True) if count]
        return ", ".join(said) or "—"


@admin.display(description="found by")
def found_by(decision: Decision) -> str:
    if decision.pk is None:
        return ""
    return "the importer" if decision.found_by_importer else "staff"


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    # Narrow enough that owner, due date, status and who found it stay on the page.
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 34})},
        models.CharField: {"widget": forms.TextInput(attrs={"size": 12})},
    }
    fields = ["position", "kind", "text", "owner", "due_date", "status", "session", found_by]
    readonly_fields = [found_by]
    raw_id_fields = ["session"]


class AnnotationInline(admin.StackedInline):
    model = Annotation
    extra = 0
    fields = [("author", "initials", "date"), "visibility", "anchor", "text"]


class FootnoteInline(admin.TabularInline):
    model = Footnote
    extra = 0
    fields = ["kind", "mark", "text", "urls", "offset"]


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin):
    form = MeetingChangeForm
    list_display = ["title", "kind", "number", "date", "cycle_year", "status"]
    list_filter = ["status", "kind", "cycle_year"]
    search_fields = ["title", "chair"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["source_sha256", "imported_at"]
    raw_id_fields = ["event"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "number", "status"]}),
        ("When and who", {"fields": ["date", "end_date", "cycle_year", "chair", "recording_url", "event"]}),
        (
            "Source document",
            {
                "fields": ["source_file", "source_name", "source_sha256", "imported_at"],
                "classes": ["collapse"],
            },
        ),
    ]
    inlines = [AgendaItemInline]
    actions = ["publish_meetings", "unpublish_meetings"]

    def save_model(self, request, obj, form, change):
        was_published = change and Meeting.objects.published().filter(pk=obj.pk).exists()
        super().save_model(request, obj, form, change)
        if change and was_published != obj.is_published:
            meeting_published_or_unpublished(meeting=obj)

    @admin.action(description="Publish the selected meetings (and apply their grids)")
    def publish_meetings(self, request, queryset):
        self._set_published(request, queryset, published=True)

    @admin.action(description="Unpublish the selected meetings (and withdraw their grids)")
    def unpublish_meetings(self, request, queryset):
        self._set_published(request, queryset, published=False)

    def _set_published(self, request, queryset, *, published):
        if not self.has_change_permission(request):
            raise PermissionDenied
        status = Meeting.Status.PUBLISHED if published else Meeting.Status.DRAFT
        with transaction.atomic():
            meetings = list(queryset.exclude(status=status).select_for_update())
            for meeting in meetings:
                set_meeting_published(meeting=meeting, published=published)
        done = "published" if published else "unpublished"
        messages.success(request, f"{len(meetings)} meetings {done}.")

    class Media:
        # A wide title field: report titles run to 80 characters and more.
        css = {"all": ["css/admin.css"]}

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_report_view)
        return [path("import/", view, name="meetings_meeting_import"), *super().get_urls()]

    def import_report_view(self, request):
        """Upload a .docx report, preview what it says, then confirm to save it."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST" and "sha256" in request.POST:
            return self._confirm_import(request)
        form = ImportReportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            # The bytes wait in the media storage under their hash, the session names them: the confirm
            # step never trusts a client path, and only this session may confirm them. Only the latest
            # upload waits, so abandoned previews do not pile up.
            for key in [key for key, _ in request.session.items() if key.startswith(_upload_key(""))]:
                discard_preview(key.removeprefix(_upload_key("")))
                del request.session[key]
            keep_preview(data=form.data_bytes)
            request.session[_upload_key(form.sha256)] = {"name": form.cleaned_data["file"].name}
            confirm = ConfirmImportForm(
                initial={
                    "sha256": form.sha256,
                    "publish": form.cleaned_data["publish"],
                    "replace": form.cleaned_data["replace"],
                }
            )
            return self._preview(
                request, form.report, confirm, form.cleaned_data["file"].name, data=form.data_bytes
            )
        return TemplateResponse(
            request, "admin/meetings/meeting/import_report.html", {**self._context(request), "form": form}
        )

    def _confirm_import(self, request):
        form = ConfirmImportForm(request.POST)
        valid = form.is_valid()
        sha256 = "" if "sha256" in form.errors else form.cleaned_data["sha256"]
        upload = request.session.get(_upload_key(sha256)) if sha256 else None
        data = preview_data(sha256) if upload is not None else None
        if data is not None and "cancel" in request.POST:
            self._forget_upload(request, sha256)
            messages.info(request, f"The import of {upload['name']} was cancelled; nothing was saved.")
            return redirect("admin:meetings_meeting_import")
        if data is None:
            messages.error(request, "The uploaded report is no longer available; please upload it again.")
            return redirect("admin:meetings_meeting_import")
        if not valid:  # a sentence set to something that is no kind
            return self._preview(request, parse_report(data), form, upload["name"], data=data)
        options = {
            "publish": form.cleaned_data["publish"],
            "replace": form.cleaned_data["replace"],
            "sentence_kinds": form.cleaned_data["sentence_kinds"],
        }
        try:
            outcome = import_report(data, source_name=upload["name"], **options)
        except ImportRefused as error:
            form.add_error(None, " ".join(str(error).split()))
            return self._preview(request, parse_report(data), form, upload["name"], data=data)
        except Exception as error:
            logger.exception("importing %s failed", upload["name"])
            form.add_error(None, f"The report could not be saved: {' '.join(str(error).split())}")
            return self._preview(request, parse_report(data), form, upload["name"], data=data)
        self._forget_upload(request, form.cleaned_data["sha256"])
        messages.success(request, outcome.summary())
        return redirect(reverse("admin:meetings_meeting_change", args=[outcome.meeting.pk]))

    def _forget_upload(self, request, sha256: str) -> None:
        discard_preview(sha256)
        del request.session[_upload_key(sha256)]

    def _preview(self, request, report, confirm, name, *, data):
        same_file, same_meeting = previous_import(report, data=data)
        chosen = (
            confirm.cleaned_data.get("sentence_kinds", {}) if confirm.is_bound and confirm.is_valid() else {}
        )
        context = {
            **self._context(request),
            "report": report,
            "items": [(item, preview_sentences(item, chosen=chosen)) for item in report.items],
            "sentence_kinds": SENTENCE_KINDS,
            "confirm": confirm,
            "file_name": name,
            "same_file": same_file,
            "same_meeting": same_meeting,
        }
        return TemplateResponse(request, "admin/meetings/meeting/import_preview.html", context)

    def _context(self, request):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import a summary report",
        }


def _upload_key(sha256: str) -> str:
    return f"meetings.import_report:{sha256}"


@admin.register(AgendaItem)
class AgendaItemAdmin(HistoryAdmin):
    list_display = ["__str__", "number", "position", "section"]
    list_filter = ["meeting__cycle_year", "meeting__kind"]
    list_select_related = ["meeting"]
    search_fields = ["text", "section", "meeting__title"]
    raw_id_fields = ["meeting"]
    exclude = ["not_decisions"]
    inlines = [DecisionInline, AnnotationInline, FootnoteInline]
    change_form_template = "admin/meetings/agendaitem/change_form.html"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        item = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "sentences": item_sentences(item) if item is not None else [],
            "sentence_kinds": SENTENCE_KINDS,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def save_formset(self, request, form, formset, change):
        if formset.model is Decision:
            for inline in formset.forms:
                _mark_kind_set_by_staff(inline)
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        """After the inlines, the sentences whose kind staff changed in the sentence table."""
        super().save_related(request, form, formsets, change)
        kinds = {}
        for key in request.POST:
            if key.startswith("sentence-") and key.endswith("-kind"):
                prefix = key[: -len("-kind")]
                kind, shown = request.POST.get(key), request.POST.get(f"{prefix}-shown")
                text = request.POST.get(f"{prefix}-text", "")
                if kind in SENTENCE_KINDS and kind != shown and text:
                    kinds[text] = kind
        if kinds:
            changed = set_sentence_kinds(item=form.instance, kinds=kinds)
            if changed:
                messages.info(request, f"{changed} sentence(s) set as staff chose; a re-import keeps them.")


class DecisionSessionInline(admin.TabularInline):
    model = DecisionSession
    extra = 0
    raw_id_fields = ["session"]
    verbose_name = "further session"
    verbose_name_plural = "further sessions this decision shapes"


def _mark_kind_set_by_staff(form) -> None:
    """A decision or action whose kind staff changed is set by staff, no longer found by the importer."""
    if form.instance.pk is not None and "kind" in form.changed_data:
        form.instance.origin = Origin.STAFF


@admin.register(Decision)
class DecisionAdmin(HistoryAdmin):
    list_display = ["__str__", "kind", "owner", "due_date", "status", found_by, "agenda_item", "session"]
    list_filter = ["kind", "status", "agenda_item__meeting__cycle_year", "agenda_item__meeting__status"]
    readonly_fields = [found_by]
    list_select_related = ["agenda_item__meeting", "session"]
    search_fields = ["text", "agenda_item__meeting__title"]
    raw_id_fields = ["agenda_item", "session"]
    inlines = [DecisionSessionInline]

    def save_model(self, request, obj, form, change):
        _mark_kind_set_by_staff(form)
        super().save_model(request, obj, form, change)


@admin.register(Annotation)
class AnnotationAdmin(HistoryAdmin):
    list_display = ["__str__", "author", "date", "visibility", "agenda_item"]
    list_filter = ["visibility", "author"]
    list_select_related = ["agenda_item__meeting"]
    search_fields = ["text", "anchor", "author"]
    date_hierarchy = "date"
    raw_id_fields = ["agenda_item"]


@admin.register(Footnote)
class FootnoteAdmin(HistoryAdmin):
    list_display = ["__str__", "kind", "agenda_item"]
    list_filter = ["kind"]
    list_select_related = ["agenda_item__meeting"]
    search_fields = ["text", "mark"]
    raw_id_fields = ["agenda_item", "cited_meeting"]


@admin.register(UpcomingMeeting)
class UpcomingMeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "announced_in", "held_as"]
    date_hierarchy = "date"
    list_select_related = ["announced_in", "held_as"]
    search_fields = ["title"]
    raw_id_fields = ["announced_in", "agenda_item", "held_as"]

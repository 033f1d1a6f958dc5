import logging

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from magportal.admin_history import HistoryAdmin
from meetings import admin_users  # noqa: F401  (registers the user admin)
from meetings.admin_edit_forms import MeetingChangeForm
from meetings.admin_forms import ConfirmImportForm, ImportReportForm
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
    UpcomingMeeting,
)
from meetings.publishing import meeting_published_or_unpublished, set_meeting_published

logger = logging.getLogger(__name__)


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "number", "section", "text"]
    show_change_link = True


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    fields = ["position", "kind", "text", "session"]
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
        (None, {"fields": ["title", "slug", "kind", "number", "status", "opened_version"]}),
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
        upload = request.session.get(_upload_key(form.data.get("sha256", ""))) if form.is_valid() else None
        data = preview_data(form.cleaned_data["sha256"]) if upload is not None else None
        if upload is not None and "cancel" in request.POST:
            self._forget_upload(request, form.cleaned_data["sha256"])
            messages.info(request, f"The import of {upload['name']} was cancelled; nothing was saved.")
            return redirect("admin:meetings_meeting_import")
        if data is None:
            messages.error(request, "The uploaded report is no longer available; please upload it again.")
            return redirect("admin:meetings_meeting_import")
        options = {"publish": form.cleaned_data["publish"], "replace": form.cleaned_data["replace"]}
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
        context = {
            **self._context(request),
            "report": report,
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
    inlines = [DecisionInline, AnnotationInline, FootnoteInline]


class DecisionSessionInline(admin.TabularInline):
    model = DecisionSession
    extra = 0
    raw_id_fields = ["session"]
    verbose_name = "further session"
    verbose_name_plural = "further sessions this decision shapes"


@admin.register(Decision)
class DecisionAdmin(HistoryAdmin):
    list_display = ["__str__", "kind", "agenda_item", "session"]
    list_filter = ["kind", "agenda_item__meeting__cycle_year", "agenda_item__meeting__status"]
    list_select_related = ["agenda_item__meeting", "session"]
    search_fields = ["text", "agenda_item__meeting__title"]
    raw_id_fields = ["agenda_item", "session"]
    inlines = [DecisionSessionInline]


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

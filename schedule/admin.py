from django.contrib import admin

from magportal.admin_history import HistoryAdmin
from schedule.models import Event, Session, Slot


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ["title", "kind"]
    show_change_link = True


class SlotInline(admin.TabularInline):
    model = Slot
    extra = 0
    fields = ["date", "start_time", "end_time", "continued", "note"]


@admin.register(Event)
class EventAdmin(HistoryAdmin):
    list_display = ["title", "venue", "start_date", "end_date", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title", "theme", "venue"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "theme", "is_published"]}),
        ("Where and when", {"fields": ["venue", "time_zone", "start_date", "end_date"]}),
    ]
    inlines = [SessionInline]


@admin.register(Session)
class SessionAdmin(HistoryAdmin):
    list_display = ["title", "kind", "event"]
    list_filter = ["kind", "event"]
    list_select_related = ["event"]
    search_fields = ["title", "description"]
    inlines = [SlotInline]


@admin.register(Slot)
class SlotAdmin(HistoryAdmin):
    list_display = ["session", "date", "start_time", "end_time", "continued", "note"]
    list_filter = ["date", "session__event", "session__kind"]
    list_select_related = ["session__event"]
    search_fields = ["session__title", "note"]
    date_hierarchy = "date"


# Versions of the grid: kept by the importer, read-only here except status and meetings.
from schedule.models import ScheduleVersion  # noqa: E402


@admin.register(ScheduleVersion)
class ScheduleVersionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "date", "status", "meeting", "approved_by"]
    list_filter = ["status", "event"]
    list_select_related = ["event", "meeting", "approved_by"]
    raw_id_fields = ["event", "meeting", "approved_by"]
    readonly_fields = ["snapshot", "created_at"]

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from meetings.models import AgendaItem, Annotation, Decision, Footnote, Meeting


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
    fields = ["kind", "mark", "text", "urls"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
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


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "number", "position", "section"]
    list_filter = ["meeting__cycle_year", "meeting__kind"]
    list_select_related = ["meeting"]
    search_fields = ["text", "section", "meeting__title"]
    raw_id_fields = ["meeting"]
    inlines = [DecisionInline, AnnotationInline, FootnoteInline]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "agenda_item", "session"]
    list_filter = ["kind", "agenda_item__meeting__cycle_year", "agenda_item__meeting__status"]
    list_select_related = ["agenda_item__meeting", "session"]
    search_fields = ["text", "agenda_item__meeting__title"]
    raw_id_fields = ["agenda_item", "session"]


@admin.register(Annotation)
class AnnotationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "author", "date", "visibility", "agenda_item"]
    list_filter = ["visibility", "author"]
    list_select_related = ["agenda_item__meeting"]
    search_fields = ["text", "anchor", "author"]
    date_hierarchy = "date"
    raw_id_fields = ["agenda_item"]


@admin.register(Footnote)
class FootnoteAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "agenda_item"]
    list_filter = ["kind"]
    list_select_related = ["agenda_item__meeting"]
    search_fields = ["text", "mark"]
    raw_id_fields = ["agenda_item"]

from django.urls import path

from schedule import views

app_name = "schedule"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("<slug:slug>.ics", views.event_calendar, name="event_calendar"),
    path("<slug:slug>.json", views.event_json, name="event_json"),
    path("<slug:slug>/", views.event_detail, name="event_detail"),
]

# Versions of the grid.
from schedule import views_versions  # noqa: E402

urlpatterns += [
    path("<slug:slug>/changes/", views_versions.schedule_changes, name="changes"),
    path("<slug:slug>/versions/<int:number>/", views_versions.version_detail, name="version_detail"),
]

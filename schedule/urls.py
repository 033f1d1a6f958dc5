from django.urls import path

from schedule import views

app_name = "schedule"

urlpatterns = [
    path("<slug:slug>/", views.EventDetailView.as_view(), name="event_detail"),
]

# Versions of the grid (issue 7).
from schedule import views_versions  # noqa: E402

urlpatterns += [
    path("<slug:slug>/changes/", views_versions.schedule_changes, name="changes"),
    path("<slug:slug>/versions/<int:number>/", views_versions.version_detail, name="version_detail"),
]

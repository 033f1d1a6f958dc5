from django.urls import path

from schedule import views

app_name = "schedule"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("<slug:slug>.ics", views.event_calendar, name="event_calendar"),
    path("<slug:slug>.json", views.event_json, name="event_json"),
    path("<slug:slug>/", views.event_detail, name="event_detail"),
]

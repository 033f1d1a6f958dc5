from django.urls import path

from meetings import views
from meetings.feeds import ActionsFeed, LatestDecisionsFeed

app_name = "meetings"

urlpatterns = [
    path("", views.home, name="home"),
    path("meetings/", views.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/<slug:slug>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<slug:slug>.docx", views.meeting_docx, name="meeting_docx"),
    path("decisions/", views.DecisionListView.as_view(), name="decision_list"),
    path("decisions/feed/", LatestDecisionsFeed(), name="decision_feed"),
    path("decisions/<int:pk>/", views.DecisionDetailView.as_view(), name="decision_detail"),
    path("actions/", views.ActionListView.as_view(), name="action_list"),
    path("actions/feed/", ActionsFeed(), name="action_feed"),
    path("actions/calendar.ics", views.action_calendar, name="action_calendar"),
]

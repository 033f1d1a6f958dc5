from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.home, name="home"),
    path("meetings/<slug:slug>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("decisions/<int:pk>/", views.DecisionDetailView.as_view(), name="decision_detail"),
]

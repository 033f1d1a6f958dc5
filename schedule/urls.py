from django.urls import path

from schedule import views

app_name = "schedule"

urlpatterns = [
    path("<slug:slug>/", views.EventDetailView.as_view(), name="event_detail"),
]

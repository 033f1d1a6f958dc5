from django.shortcuts import render
from django.views.generic import DetailView

from meetings.models import Decision, Meeting


def home(request):
    meetings = Meeting.objects.visible_to(request.user)[:5]
    return render(request, "meetings/home.html", {"meetings": meetings})


class MeetingDetailView(DetailView):
    template_name = "meetings/meeting_detail.html"

    def get_queryset(self):
        return Meeting.objects.visible_to(self.request.user).prefetch_related("items")


class DecisionDetailView(DetailView):
    template_name = "meetings/decision_detail.html"

    def get_queryset(self):
        return Decision.objects.visible_to(self.request.user).select_related("agenda_item__meeting")

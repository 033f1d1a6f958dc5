from django.views.generic import DetailView

from schedule.models import Event


class EventDetailView(DetailView):
    template_name = "schedule/event_detail.html"

    def get_queryset(self):
        return Event.objects.visible_to(self.request.user)

import datetime

from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from magportal.page_cache import cached_page
from meetings.selectors import decisions_by_session
from schedule import caching
from schedule.calendar import build_calendar
from schedule.json_export import build_json
from schedule.layout import build_grid, describe_time_zone
from schedule.models import Event, Session, Slot
from schedule.versions import current_version, draft_versions, slot_sequence


def _visible_event(request, slug):
    # Unpublished events are 404 for the public in every format.
    return get_object_or_404(Event.objects.visible_to(request.user), slug=slug)


def _slots(event):
    return list(Slot.objects.filter(session__event=event).select_related("session__event"))


def _first_slot_time(session):
    # Sessions not yet scheduled go last.
    times = [(slot.date, slot.start_time) for slot in session.slots.all()]
    return min(times, default=(datetime.date.max, datetime.time.max))


def _may_see(user, meeting):
    return meeting is not None and meeting.is_visible_to(user)


def _public_stamp(event):
    version = event.versions.public().order_by("-date", "-pk").values_list("created_at", flat=True).first()
    return version or event.updated_at


@require_safe
def event_list(request):
    events = Event.objects.visible_to(request.user)
    return render(request, "schedule/event_list.html", {"events": events})


@require_safe
@cached_page(caching.SCOPE)
def event_detail(request, slug):
    event = _visible_event(request, slug)
    sessions = list(
        # By title only: the model's ordering by event first would join the event for nothing.
        event.sessions.order_by("title").prefetch_related(
            Prefetch("slots", queryset=Slot.objects.order_by("date", "start_time"))
        )
    )
    shaping = decisions_by_session(sessions, user=request.user)
    for session in sessions:
        session.shaping_decisions = shaping[session.pk]
    # The prefetch sets each slot's session, so the grid costs no further queries.
    slots = [slot for session in sessions for slot in session.slots.all()]
    sessions.sort(key=_first_slot_time)
    version = current_version(event)
    context = {
        "event": event,
        "grid": build_grid(event=event, slots=slots),
        "version": version,
        # A draft meeting's title is not for the public, even as the grid's source.
        "version_meeting": version.meeting if version and _may_see(request.user, version.meeting) else None,
        # Draft meetings' versions, for those who may see drafts; never for the public.
        "drafts": [d for d in draft_versions(event, user=request.user) if d != version],
        "sessions": sessions,
        "time_zone": describe_time_zone(event),
        "kinds": [(kind.value, kind.label) for kind in Session.Kind if kind in {s.kind for s in sessions}],
    }
    return render(request, "schedule/event_detail.html", context)


# The .ics and .json show nothing of the user but drafts: cached for the signed-in too, by audience.
@require_safe
@cached_page(caching.SCOPE, signed_in_too=True)
def event_calendar(request, slug):
    event = _visible_event(request, slug)
    body = build_calendar(
        event=event,
        slots=_slots(event),
        absolute_url=request.build_absolute_uri,
        sequences=slot_sequence(event=event),
        # When the grid the public sees last changed: not an edit of a draft, which the file does not show.
        stamp=_public_stamp(event),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{event.slug}.ics"
    )
    return response


@require_safe
@cached_page(caching.SCOPE, signed_in_too=True)  # as the .ics
def event_json(request, slug):
    event = _visible_event(request, slug)
    data = build_json(event=event, slots=_slots(event), absolute_url=request.build_absolute_uri)
    response = JsonResponse(data)
    # Published grids are public data that other sites may embed.
    response["Access-Control-Allow-Origin"] = "*"
    return response

"""Events of the current territory: list, create and edit, invite people and companies, record
who came. Every staff role of the event's territory runs them (business developers organise job
datings with companies); an event of another territory is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chemin.companies.models import Company
from chemin.core.http import posted_ids
from chemin.events import services
from chemin.events.forms import EventForm
from chemin.events.models import Event
from chemin.events.services import EventData
from chemin.participants.models import Participant
from chemin.pathways.models import Pathway

PAGE_SIZE = 20
SEARCH_LIMIT = 20
DATA_FIELDS = ("kind", "title", "date", "start_time", "address", "commune", "description")


def _event_or_404(request: HttpRequest, pk: int) -> Event:
    return get_object_or_404(
        Event.objects.visible_to(request.user).select_related("territory", "commune"), pk=pk
    )


def _detail_url(event: Event, anchor: str = "") -> str:
    url = reverse("events:detail", kwargs={"pk": event.pk})
    return f"{url}#{anchor}" if anchor else url


def _data(form: EventForm) -> EventData:
    return EventData(**{name: form.cleaned_data[name] for name in DATA_FIELDS})


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    territory = request.territories.current
    if territory is None:
        raise PermissionDenied
    events = Event.objects.visible_to(request.user).filter(territory=territory).with_counts()
    upcoming = list(events.upcoming().select_related("commune").order_by("date", "start_time", "pk"))
    past = Paginator(
        events.past().select_related("commune").order_by("-date", "-start_time", "-pk"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(request, "events/list.html", {"territory": territory, "upcoming": upcoming, "past": past})


@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    territory = request.territories.current
    if territory is None:
        raise PermissionDenied
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        event = services.event_create(territory=territory, created_by=request.user, data=_data(form))
        messages.success(request, _("Event created: %(title)s") % {"title": event.title})
        return redirect(_detail_url(event))
    return render(request, "events/form.html", {"form": form, "event": None, "territory": territory})


@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    if request.method == "POST":
        form = EventForm(request.POST)
        if form.is_valid():
            services.event_update(event=event, changed_by=request.user, data=_data(form))
            messages.success(request, _("Event saved."))
            return redirect(_detail_url(event))
    else:
        initial = {name: getattr(event, name) for name in DATA_FIELDS}
        initial["commune"] = event.commune_id
        form = EventForm(initial=initial)
    return render(request, "events/form.html", {"form": form, "event": event, "territory": event.territory})


@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    participant_links = list(
        event.participant_links.select_related("pathway__participant").order_by(
            "pathway__participant__last_name", "pathway__participant__first_name", "pk"
        )
    )
    company_links = list(event.company_links.select_related("company").order_by("company__search_name", "pk"))
    person_query = request.GET.get("personne", "").strip()[:100]
    company_query = request.GET.get("entreprise", "").strip()[:100]
    people_found: list[Pathway] = []
    if person_query:
        people_found = list(
            Pathway.objects.open()
            .filter(
                territory=event.territory,
                participant__in=Participant.objects.search(person_query).values("pk"),
            )
            .exclude(pk__in=[link.pathway_id for link in participant_links])
            .select_related("participant")
            .order_by("participant__last_name", "participant__first_name", "pk")[:SEARCH_LIMIT]
        )
    companies = Company.objects.filter(territory=event.territory).exclude(
        pk__in=[link.company_id for link in company_links]
    )
    if company_query:
        companies_found = list(companies.search(company_query)[:SEARCH_LIMIT])
    else:
        # Without a search, suggest the companies that said they take part in job datings.
        companies_found = list(companies.filter(attends_job_datings=True)[:SEARCH_LIMIT])
    context = {
        "event": event,
        "participant_links": participant_links,
        "company_links": company_links,
        "person_query": person_query,
        "company_query": company_query,
        "people_found": people_found,
        "companies_found": companies_found,
        "placements": event.placements.select_related(
            "pathway__participant", "opportunity__company"
        ).order_by("pathway__participant__last_name", "pk"),
    }
    return render(request, "events/detail.html", context)


@require_POST
def event_invite_participants(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    pathways = Pathway.objects.open().filter(territory=event.territory, pk__in=posted_ids(request, "pathway"))
    if not pathways:
        messages.error(request, _("Tick at least one person to invite."))
        return redirect(_detail_url(event, "invite-people"))
    count = services.event_invite_participants(event=event, pathways=pathways, invited_by=request.user)
    messages.success(
        request, ngettext("%(count)d person invited.", "%(count)d people invited.", count) % {"count": count}
    )
    return redirect(_detail_url(event, "participants-title"))


@require_POST
def event_invite_companies(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    companies = Company.objects.filter(territory=event.territory, pk__in=posted_ids(request, "company"))
    if not companies:
        messages.error(request, _("Tick at least one company to invite."))
        return redirect(_detail_url(event, "invite-companies"))
    count = services.event_invite_companies(event=event, companies=companies, invited_by=request.user)
    messages.success(
        request,
        ngettext("%(count)d company invited.", "%(count)d companies invited.", count) % {"count": count},
    )
    return redirect(_detail_url(event, "companies-title"))


@require_POST
def event_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    try:
        services.event_record_attendance(
            event=event,
            present_pathway_ids=posted_ids(request, "present_pathway"),
            present_company_ids=posted_ids(request, "present_company"),
            recorded_by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_detail_url(event))
    messages.success(request, _("Attendance recorded."))
    return redirect(_detail_url(event, "attendance-title"))

"""Workshops of the current territory: list, plan and change a session, register people (and the
waiting list), record attendance, cancel. Counsellors, managers and admins of the workshop's
territory run them; business developers get a 403 on the list and a 404 on a workshop, like
anyone of another territory (its existence does not leak).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chemin.territories.models import Territory
from chemin.workshops import services
from chemin.workshops.enums import RegistrationStatus
from chemin.workshops.forms import AttendanceForm, RegistrationForm, WorkshopForm
from chemin.workshops.models import RUNNING_ROLES, Workshop
from chemin.workshops.services import WorkshopData

PAGE_SIZE = 20
DATA_FIELDS = (
    "theme",
    "title",
    "place",
    "starts_at",
    "ends_at",
    "capacity",
    "facilitator_user",
    "facilitator_partner",
    "description",
)


def _current_territory(request: HttpRequest) -> Territory:
    territory = request.territories.current
    if territory is None or request.territories.role not in RUNNING_ROLES:
        raise PermissionDenied
    return territory


def _workshop_or_404(request: HttpRequest, pk: int) -> Workshop:
    queryset = Workshop.objects.run_by(request.user).select_related(
        "territory", "facilitator_user", "facilitator_partner"
    )
    return get_object_or_404(queryset, pk=pk)


def _detail_url(workshop: Workshop, anchor: str = "") -> str:
    url = reverse("workshops:detail", kwargs={"pk": workshop.pk})
    return f"{url}#{anchor}" if anchor else url


def _data(form: WorkshopForm) -> WorkshopData:
    return WorkshopData(**{name: form.cleaned_data[name] for name in DATA_FIELDS})


def _add_errors(form, error: ValidationError) -> None:
    """Service errors on a form: keyed ones on their field when the form has it, others on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@require_GET
def workshop_list(request: HttpRequest) -> HttpResponse:
    territory = _current_territory(request)
    workshops = (
        Workshop.objects.filter(territory=territory)
        .with_counts()
        .select_related("facilitator_user", "facilitator_partner")
    )
    upcoming = list(workshops.upcoming().order_by("starts_at", "pk"))
    past = Paginator(workshops.past().order_by("-starts_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "workshops/list.html", {"territory": territory, "upcoming": upcoming, "past": past}
    )


@require_http_methods(["GET", "POST"])
def workshop_create(request: HttpRequest) -> HttpResponse:
    territory = _current_territory(request)
    form = WorkshopForm(request.POST or None, territory=territory)
    if request.method == "POST" and form.is_valid():
        try:
            workshop = services.workshop_create(
                territory=territory, created_by=request.user, data=_data(form)
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Workshop planned: %(title)s") % {"title": workshop.title})
            return redirect(_detail_url(workshop))
    return render(request, "workshops/form.html", {"form": form, "workshop": None, "territory": territory})


@require_http_methods(["GET", "POST"])
def workshop_edit(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _workshop_or_404(request, pk)
    if workshop.is_cancelled:
        messages.error(request, _("This workshop is cancelled: it can no longer be changed."))
        return redirect(_detail_url(workshop))
    if request.method == "POST":
        form = WorkshopForm(request.POST, territory=workshop.territory, workshop=workshop)
        if form.is_valid():
            try:
                promoted = services.workshop_update(
                    workshop=workshop, changed_by=request.user, data=_data(form)
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Workshop saved."))
                for registration in promoted:
                    messages.success(
                        request,
                        _("%(name)s moves from the waiting list to a seat.")
                        % {"name": registration.pathway.participant.full_name},
                    )
                return redirect(_detail_url(workshop))
    else:
        form = WorkshopForm(
            initial=WorkshopForm.initial_for(workshop), territory=workshop.territory, workshop=workshop
        )
    return render(
        request, "workshops/form.html", {"form": form, "workshop": workshop, "territory": workshop.territory}
    )


def _render_detail(
    request: HttpRequest,
    workshop: Workshop,
    *,
    register_form: RegistrationForm | None = None,
    attendance_form: AttendanceForm | None = None,
) -> HttpResponse:
    registrations = list(
        workshop.registrations.active().select_related("pathway__participant").order_by("registered_at", "pk")
    )
    registered = sorted(
        (r for r in registrations if r.status == RegistrationStatus.REGISTERED),
        key=lambda r: (
            r.pathway.participant.last_name.lower(),
            r.pathway.participant.first_name.lower(),
            r.pk,
        ),
    )
    waiting = [r for r in registrations if r.status == RegistrationStatus.WAITING_LIST]
    if register_form is None:
        register_form = RegistrationForm(workshop=workshop, exclude_ids={r.pathway_id for r in registrations})
    if workshop.accepts_registrations:
        register_form.prepare_widget()
    show_attendance = workshop.has_started and not workshop.is_cancelled and registered
    if attendance_form is None and show_attendance:
        attendance_form = AttendanceForm(registrations=registered)
    context = {
        "workshop": workshop,
        "registered": registered,
        "waiting": waiting,
        "seats_left": max(workshop.capacity - len(registered), 0),
        "register_form": register_form,
        "attendance_form": attendance_form if show_attendance else None,
    }
    return render(request, "workshops/detail.html", context)


@require_GET
def workshop_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _workshop_or_404(request, pk))


@require_POST
def registration_create(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _workshop_or_404(request, pk)
    active = set(workshop.registrations.active().values_list("pathway_id", flat=True))
    form = RegistrationForm(request.POST, workshop=workshop, exclude_ids=active)
    if not form.is_valid():
        return _render_detail(request, workshop, register_form=form)
    pathway = form.cleaned_data["pathway"]
    try:
        registration = services.registration_create(
            workshop=workshop, pathway=pathway, registered_by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_detail_url(workshop, "register-title"))
    name = pathway.participant.full_name
    if registration.is_waiting:
        messages.warning(
            request,
            _("The workshop is full: %(name)s is on the waiting list, in position %(position)d.")
            % {"name": name, "position": registration.waiting_position()},
        )
        return redirect(_detail_url(workshop, "waiting-title"))
    messages.success(request, _("%(name)s is registered.") % {"name": name})
    return redirect(_detail_url(workshop, "registered-title"))


@require_POST
def registration_cancel(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    workshop = _workshop_or_404(request, pk)
    registration = get_object_or_404(
        workshop.registrations.select_related("pathway__participant", "workshop"), pk=registration_pk
    )
    try:
        promoted = services.registration_cancel(registration=registration, cancelled_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_detail_url(workshop, "registered-title"))
    messages.success(
        request,
        _("Registration of %(name)s cancelled.") % {"name": registration.pathway.participant.full_name},
    )
    if promoted is not None:
        messages.success(
            request,
            _("%(name)s moves from the waiting list to the seat freed.")
            % {"name": promoted.pathway.participant.full_name},
        )
    return redirect(_detail_url(workshop, "registered-title"))


@require_POST
def workshop_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _workshop_or_404(request, pk)
    registered = list(workshop.registrations.registered().select_related("pathway__participant"))
    form = AttendanceForm(request.POST, registrations=registered)
    if not form.is_valid():
        return _render_detail(request, workshop, attendance_form=form)
    try:
        services.workshop_record_attendance(
            workshop=workshop, attendance=form.attendance(), recorded_by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_detail_url(workshop))
    messages.success(request, _("Attendance recorded."))
    return redirect(_detail_url(workshop, "attendance-title"))


@require_http_methods(["GET", "POST"])
def workshop_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _workshop_or_404(request, pk)
    if request.method == "GET" and not workshop.can_be_cancelled:
        messages.error(request, _("This workshop can no longer be cancelled."))
        return redirect(_detail_url(workshop))
    if request.method == "POST":
        try:
            services.workshop_cancel(workshop=workshop, cancelled_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Workshop cancelled. Remember to tell the people registered."))
        return redirect(_detail_url(workshop))
    registered_count = workshop.registrations.active().count()
    return render(
        request, "workshops/cancel.html", {"workshop": workshop, "registered_count": registered_count}
    )

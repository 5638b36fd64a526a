"""The accompanied person's own space (URL namespace "space"): on a phone, in plain French.

Every page but the sign-in ones belongs to the signed-in person only (PERSON_WINDOW):
OutsideWindowMiddleware keeps every other account out (a 404), and each object is fetched
through the person's own file, so another person's step, skill or appointment is a 404 too.
What the person changes goes through the apps' services, marked as theirs, and shows on their
counsellor's timeline.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chemin.appointments.enums import AppointmentStatus, ParticipantResponse
from chemin.appointments.models import MAX_DURATION, Appointment
from chemin.appointments.services import AppointmentNotAnswerable, appointment_respond
from chemin.jobwishes.enums import JobWishStatus
from chemin.jobwishes.models import JobWish
from chemin.jobwishes.services import JobWishData, job_wish_create, next_priority
from chemin.jobwishes.services import PathwayNotOpen as WishPathwayNotOpen
from chemin.notes.enums import NoteVisibility
from chemin.notes.models import Note
from chemin.participant_space import services, tokens
from chemin.participant_space.access import current_participant, current_pathway
from chemin.participant_space.forms import (
    EXPERIENCE_KIND_LABELS,
    RATING_LABELS,
    SHARED_ITEM_LABELS,
    ExperienceForm,
    LinkRequestForm,
    RescheduleForm,
    SharingForm,
    SkillAssessForm,
    StepForm,
    WishForm,
)
from chemin.participants.models import Participant
from chemin.pathways.models import Pathway
from chemin.portfolio import services as portfolio_services
from chemin.portfolio.enums import ExperienceKind
from chemin.portfolio.models import Skill
from chemin.privacy.enums import DEFAULT_SHARED_ITEMS, ConsentPurpose
from chemin.privacy.models import ConsentRecord
from chemin.privacy.selectors import prescriber_shared_items
from chemin.steps import services as step_services
from chemin.steps.enums import StepOwner, StepStatus
from chemin.steps.models import Step
from chemin.steps.services import PathwayNotOpen as StepPathwayNotOpen

logger = logging.getLogger(__name__)

# Notes the person reads: those shared with them, and those shared with their prescriber.
SHARED_NOTES = (NoteVisibility.PARTICIPANT, NoteVisibility.PRESCRIBER)
HOME_STEPS = 3
HOME_MILESTONES = 3
BACKEND = "django.contrib.auth.backends.ModelBackend"

# The space's menu: (URL name, icon, label). Icons always come with their text.
NAV = [
    ("space:home", "house", gettext_lazy("Home")),
    ("space:appointments", "calendar", gettext_lazy("Appointments")),
    ("space:steps", "list-checks", gettext_lazy("My steps")),
    ("space:wishes", "briefcase", gettext_lazy("My jobs")),
    ("space:skills", "star", gettext_lazy("What I can do")),
    ("space:notes", "message-square", gettext_lazy("Messages")),
    ("space:sharing", "share-2", gettext_lazy("Sharing")),
]
NO_PATHWAY_MESSAGE = gettext_lazy(
    "Your pathway is closed: you can still read it, but no longer change it. Talk to your counsellor."
)


@dataclass(frozen=True)
class Space:
    participant: Participant
    pathway: Pathway | None

    @property
    def open_pathway(self) -> Pathway | None:
        return self.pathway if self.pathway is not None and self.pathway.is_open else None


def _space(request: HttpRequest) -> Space:
    participant = current_participant(request)
    return Space(participant=participant, pathway=current_pathway(participant))


def _render(
    request: HttpRequest,
    template: str,
    space: Space,
    context: dict[str, Any],
    *,
    active: str,
    status: int = 200,
) -> HttpResponse:
    nav = [
        {"url_name": name, "icon": icon, "label": label, "active": name == active}
        for name, icon, label in NAV
    ]
    return render(
        request,
        template,
        {"participant": space.participant, "pathway": space.pathway, "nav": nav, **context},
        status=status,
    )


def _site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


# --- Signing in by email link ----------------------------------------------------------------


@login_not_required
@require_http_methods(["GET", "POST"])
def link_request(request: HttpRequest) -> HttpResponse:
    """Ask for a sign-in link. The answer is the same whether the address is known or not."""
    form = LinkRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.link_request(email=form.cleaned_data["email"], site_url=_site_url(request))
        return redirect("space:link_sent")
    return render(request, "participant_space/link_request.html", {"form": form})


@login_not_required
@require_GET
def link_sent(request: HttpRequest) -> HttpResponse:
    return render(
        request, "participant_space/link_sent.html", {"minutes": settings.PARTICIPANT_LINK_MAX_AGE // 60}
    )


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def link_sign_in(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a "Sign in" button, POST signs in: mail scanners that open links (GET) do not
    use them up. An expired, altered or already used link gets a clear page and the form for a
    new one (410: the link is gone for good)."""
    try:
        user = tokens.user_from_token(token)
    except tokens.LinkExpired:
        problem = "expired"
    except tokens.LinkUsed:
        problem = "used"
    except tokens.LinkInvalid:
        problem = "invalid"
    else:
        if request.method == "POST":
            login(request, user, backend=BACKEND)
            logger.info("user %s signed in by email link", user.pk)
            return redirect("space:home")
        return render(request, "participant_space/link_sign_in.html", {"first_name": user.first_name})
    return render(
        request,
        "participant_space/link_problem.html",
        {"problem": problem, "form": LinkRequestForm()},
        status=410,
    )


@require_http_methods(["GET", "POST"])
def password(request: HttpRequest) -> HttpResponse:
    """The person may choose a password, then sign in on the usual sign-in page too."""
    space = _space(request)
    form = SetPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        logger.info("user %s chose a password", request.user.pk)
        messages.success(request, _("Your password is saved. You can also sign in with it."))
        return redirect("space:home")
    return _render(request, "participant_space/password.html", space, {"form": form}, active="")


# --- Home --------------------------------------------------------------------------------------


def _upcoming_appointments(pathway: Pathway | None) -> list[Appointment]:
    if pathway is None:
        return []
    now = timezone.now()
    appointments = (
        Appointment.objects.filter(
            pathway=pathway,
            status=AppointmentStatus.PLANNED,
            starts_at__gt=now - datetime.timedelta(minutes=MAX_DURATION),
        )
        .select_related("staff")
        .order_by("starts_at", "pk")
    )
    return [appointment for appointment in appointments if appointment.is_upcoming]


def _steps(pathway: Pathway | None) -> list[Step]:
    return list(Step.objects.filter(pathway=pathway)) if pathway is not None else []


def _milestones(steps: list[Step]) -> list[Step]:
    return sorted((s for s in steps if s.is_done), key=lambda s: (s.done_on, s.pk), reverse=True)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    space = _space(request)
    steps = _steps(space.pathway)
    appointments = _upcoming_appointments(space.open_pathway)
    context = {
        "next_appointment": appointments[0] if appointments else None,
        "steps_to_do": [step for step in steps if step.is_active][:HOME_STEPS],
        "milestones": _milestones(steps)[:HOME_MILESTONES],
    }
    return _render(request, "participant_space/home.html", space, context, active="space:home")


# --- Job wishes --------------------------------------------------------------------------------


@require_GET
def wishes(request: HttpRequest) -> HttpResponse:
    space = _space(request)
    items = (
        list(JobWish.objects.filter(pathway=space.pathway).order_by("priority", "created_at", "pk"))
        if space.pathway
        else []
    )
    context = {"wishes": items, "confirmed": JobWishStatus.CONFIRMED, "set_aside": JobWishStatus.SET_ASIDE}
    return _render(request, "participant_space/wishes.html", space, context, active="space:wishes")


@require_http_methods(["GET", "POST"])
def wish_create(request: HttpRequest) -> HttpResponse:
    space = _space(request)
    if space.open_pathway is None:
        messages.info(request, NO_PATHWAY_MESSAGE)
        return redirect("space:wishes")
    form = WishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = JobWishData(
            title_in_own_words=form.cleaned_data["title"],
            rome_jobs=[],
            rome_optional=True,
            priority=next_priority(space.open_pathway),
        )
        try:
            job_wish_create(pathway=space.open_pathway, created_by=None, data=data, by_participant=True)
        except WishPathwayNotOpen:
            messages.info(request, NO_PATHWAY_MESSAGE)
            return redirect("space:wishes")
        messages.success(request, _("Thank you! Your counsellor will see it."))
        return redirect("space:wishes")
    return _render(request, "participant_space/wish_form.html", space, {"form": form}, active="space:wishes")


# --- Steps -------------------------------------------------------------------------------------


@require_GET
def steps(request: HttpRequest) -> HttpResponse:
    space = _space(request)
    items = _steps(space.pathway)
    context = {
        "steps_to_do": [step for step in items if step.is_active],
        "milestones": _milestones(items),
        "can_change": space.open_pathway is not None,
    }
    return _render(request, "participant_space/steps.html", space, context, active="space:steps")


@require_http_methods(["GET", "POST"])
def step_create(request: HttpRequest) -> HttpResponse:
    space = _space(request)
    if space.open_pathway is None:
        messages.info(request, NO_PATHWAY_MESSAGE)
        return redirect("space:steps")
    form = StepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            step_services.step_create(
                pathway=space.open_pathway,
                created_by=None,
                title=form.cleaned_data["title"],
                owner=StepOwner.PARTICIPANT,
                due_date=form.cleaned_data["due_date"],
                by_participant=True,
            )
        except StepPathwayNotOpen:
            messages.info(request, NO_PATHWAY_MESSAGE)
            return redirect("space:steps")
        messages.success(request, _("Your step is added. Your counsellor will see it."))
        return redirect("space:steps")
    return _render(request, "participant_space/step_form.html", space, {"form": form}, active="space:steps")


@require_POST
def step_done(request: HttpRequest, pk: int) -> HttpResponse:
    space = _space(request)
    step = get_object_or_404(
        Step.objects.filter(pathway__participant=space.participant).select_related("pathway"), pk=pk
    )
    if step.is_done:
        return redirect("space:steps")
    if not step.is_active:
        messages.info(request, _("This step is no longer planned: talk to your counsellor."))
        return redirect("space:steps")
    try:
        step_services.step_set_status(
            step=step, status=StepStatus.DONE, changed_by=request.user, by_participant=True
        )
    except StepPathwayNotOpen:
        messages.info(request, NO_PATHWAY_MESSAGE)
        return redirect("space:steps")
    messages.success(request, _("Well done! “%(title)s” is done.") % {"title": step.title})
    return redirect("space:steps")


# --- Skills and experiences --------------------------------------------------------------------


@require_GET
def skills(request: HttpRequest) -> HttpResponse:
    space = _space(request)
    context = {
        "skills": list(space.participant.skills.validated_first()),
        "experiences": list(space.participant.experiences.most_recent_first()),
        "rating_labels": RATING_LABELS,
        "kind_labels": EXPERIENCE_KIND_LABELS,
    }
    return _render(request, "participant_space/skills.html", space, context, active="space:skills")


@require_http_methods(["GET", "POST"])
def skill_assess(request: HttpRequest, pk: int) -> HttpResponse:
    space = _space(request)
    skill = get_object_or_404(Skill.objects.filter(participant=space.participant), pk=pk)
    initial = {"self_rating": skill.self_rating} if skill.self_rating else None
    form = SkillAssessForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        portfolio_services.skill_self_assess(skill=skill, self_rating=form.cleaned_data["self_rating"])
        messages.success(request, _("Thank you! Your answer is saved."))
        return redirect("space:skills")
    context = {"form": form, "skill": skill}
    return _render(request, "participant_space/skill_assess.html", space, context, active="space:skills")


@require_http_methods(["GET", "POST"])
def experience_create(request: HttpRequest) -> HttpResponse:
    space = _space(request)
    form = ExperienceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            portfolio_services.experience_create(
                participant=space.participant,
                created_by=None,
                by_participant=True,
                kind=ExperienceKind(form.cleaned_data["kind"]),
                title=form.cleaned_data["title"].strip(),
                start_date=form.start_date,
                end_date=form.end_date,
                description=form.cleaned_data["description"].strip(),
            )
        except ValidationError:
            form.add_error("end_year", _("The end cannot be before the start."))
        else:
            messages.success(request, _("Thank you! Your experience is added."))
            return redirect("space:skills")
    return _render(
        request, "participant_space/experience_form.html", space, {"form": form}, active="space:skills"
    )


# --- Appointments ------------------------------------------------------------------------------


@require_GET
def appointments(request: HttpRequest) -> HttpResponse:
    space = _space(request)
    context = {
        "appointments": _upcoming_appointments(space.open_pathway),
        "confirmed": ParticipantResponse.CONFIRMED,
        "reschedule": ParticipantResponse.RESCHEDULE,
    }
    return _render(
        request, "participant_space/appointments.html", space, context, active="space:appointments"
    )


def _appointment_or_404(space: Space, pk: int) -> Appointment:
    return get_object_or_404(
        Appointment.objects.filter(pathway__participant=space.participant).select_related("staff"), pk=pk
    )


@require_POST
def appointment_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    space = _space(request)
    appointment = _appointment_or_404(space, pk)
    try:
        appointment_respond(appointment=appointment, response=ParticipantResponse.CONFIRMED)
    except AppointmentNotAnswerable:
        messages.info(request, _("This appointment can no longer be changed here: call your counsellor."))
    else:
        messages.success(request, _("Thank you! Your counsellor knows you will come."))
    return redirect("space:appointments")


@require_http_methods(["GET", "POST"])
def appointment_reschedule(request: HttpRequest, pk: int) -> HttpResponse:
    space = _space(request)
    appointment = _appointment_or_404(space, pk)
    form = RescheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            appointment_respond(
                appointment=appointment,
                response=ParticipantResponse.RESCHEDULE,
                message=form.cleaned_data["message"],
            )
        except AppointmentNotAnswerable:
            messages.info(request, _("This appointment can no longer be changed here: call your counsellor."))
        else:
            messages.success(request, _("Your request is sent. Your counsellor will contact you."))
        return redirect("space:appointments")
    context = {"form": form, "appointment": appointment}
    return _render(
        request, "participant_space/appointment_reschedule.html", space, context, active="space:appointments"
    )


# --- Notes, sharing, downloads -----------------------------------------------------------------


@require_GET
def notes(request: HttpRequest) -> HttpResponse:
    space = _space(request)
    items = list(
        Note.objects.filter(pathway__participant=space.participant, visibility__in=SHARED_NOTES)
        .select_related("author")
        .newest_first()
    )
    return _render(request, "participant_space/notes.html", space, {"notes": items}, active="space:notes")


def _shared_labels(items) -> list[str]:
    return [str(label) for value, label in SHARED_ITEM_LABELS.items() if value in items]


@require_http_methods(["GET", "POST"])
def sharing(request: HttpRequest) -> HttpResponse:
    space = _space(request)
    history = list(
        ConsentRecord.objects.filter(participant=space.participant, purpose=ConsentPurpose.PRESCRIBER_SHARING)
        .select_related("recorded_by")
        .order_by("-recorded_at", "-pk")
    )
    if request.method == "POST":
        form = SharingForm(request.POST)
        if form.is_valid():
            items = form.cleaned_data["items"]
            services.sharing_update(participant=space.participant, items=items)
            if items:
                messages.success(request, _("Your choice is saved."))
            else:
                messages.success(request, _("Your choice is saved: your prescriber sees nothing."))
            return redirect("space:sharing")
    else:
        current = prescriber_shared_items(space.participant) if history else frozenset(DEFAULT_SHARED_ITEMS)
        form = SharingForm(initial={"items": sorted(current)})
    context = {
        "form": form,
        "has_choice": bool(history),
        "history": [
            {"record": record, "labels": _shared_labels(record.scope if record.granted else [])}
            for record in history
        ],
    }
    return _render(request, "participant_space/sharing.html", space, context, active="space:sharing")


@require_GET
@never_cache
def cv(request: HttpRequest) -> HttpResponse:
    """Their CV as a PDF, the same one their counsellor prints."""
    from chemin.portfolio.cv import cv_filename, render_cv_pdf

    space = _space(request)
    response = HttpResponse(render_cv_pdf(space.participant, space.pathway), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{cv_filename(space.participant)}"'
    logger.info("participant %s downloaded their CV", space.participant.pk)
    return response


@require_http_methods(["GET", "POST"])
@never_cache
def data(request: HttpRequest) -> HttpResponse:
    """All their data in one ZIP file (RGPD art. 15, 20), without the staff-only notes."""
    from chemin.privacy.subject_access import export_zip

    space = _space(request)
    if request.method == "GET":
        return _render(request, "participant_space/data.html", space, {}, active="")
    filename, content = export_zip(space.participant, user=request.user, for_the_person=True)
    logger.info("participant %s downloaded their data", space.participant.pk)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

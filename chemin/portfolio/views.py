from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chemin.participants.access import current_pathway, file_access, participant_or_404
from chemin.portfolio import services
from chemin.portfolio.enums import SUGGESTED_SKILLS, ExperienceKind, SkillKind
from chemin.portfolio.forms import ExperienceForm, SkillForm
from chemin.portfolio.models import Experience, Skill

if TYPE_CHECKING:
    from chemin.participants.models import Participant
    from chemin.pathways.models import Pathway

EXPERIENCE_PREFIX = "experience"
SKILL_PREFIX = "skill"


@dataclass(frozen=True)
class _PortfolioFile:
    participant: Participant
    pathway: Pathway | None
    # Staff of the current pathway's territory edit; business developers read (job-facing profile).
    can_edit: bool
    job_facing_only: bool


def _portfolio_file(request: HttpRequest, participant_pk: int, *, edit: bool) -> _PortfolioFile:
    """The file (404 outside the user's territories); 403 when editing is asked of a reader."""
    participant = participant_or_404(request.user, participant_pk)
    pathway = current_pathway(participant)
    access = file_access(request.user, pathway)
    file = _PortfolioFile(
        participant=participant,
        pathway=pathway,
        can_edit=access.can_work,
        job_facing_only=access.job_facing_only,
    )
    if edit and not file.can_edit:
        raise PermissionDenied
    return file


def _grouped(items: list[Any], kinds: type[ExperienceKind] | type[SkillKind]) -> list[tuple[Any, list[Any]]]:
    """[(kind, items of that kind)] in the order the enumeration gives, empty kinds left out."""
    by_kind = {
        kind: list(group) for kind, group in groupby(sorted(items, key=lambda i: i.kind), lambda i: i.kind)
    }
    return [(kind, by_kind[kind.value]) for kind in kinds if kind.value in by_kind]


def _render_detail(
    request: HttpRequest,
    file: _PortfolioFile,
    *,
    experience_form: ExperienceForm | None = None,
    skill_form: SkillForm | None = None,
) -> HttpResponse:
    participant = file.participant
    experiences = list(participant.experiences.select_related("rome_job").most_recent_first())
    skills = list(
        participant.skills.select_related("source_experience", "validated_by", "rome_job").validated_first()
    )
    context: dict[str, Any] = {
        "participant": participant,
        "pathway": file.pathway,
        "job_facing_only": file.job_facing_only,
        "can_edit": file.can_edit,
        "experience_groups": _grouped(experiences, ExperienceKind),
        "skill_groups": _grouped(skills, SkillKind),
        "has_experiences": bool(experiences),
        "has_skills": bool(skills),
    }
    if file.can_edit:
        taken = {skill.label.casefold() for skill in skills}
        context["suggestions"] = [
            (str(label), kind) for label, kind in SUGGESTED_SKILLS if str(label).casefold() not in taken
        ]
        context["experience_form"] = experience_form or ExperienceForm(prefix=EXPERIENCE_PREFIX)
        context["skill_form"] = skill_form or SkillForm(prefix=SKILL_PREFIX, participant=participant)
        context["skill_prefix"] = SKILL_PREFIX
    return render(request, "portfolio/detail.html", context)


@require_GET
def detail(request: HttpRequest, participant_pk: int) -> HttpResponse:
    """The portfolio: experiences and skills grouped by kind. Business developers read it (it is
    the job-facing profile); staff of the territory add, edit and validate."""
    return _render_detail(request, _portfolio_file(request, participant_pk, edit=False))


@require_POST
def experience_create(request: HttpRequest, participant_pk: int) -> HttpResponse:
    file = _portfolio_file(request, participant_pk, edit=True)
    participant = file.participant
    form = ExperienceForm(request.POST, prefix=EXPERIENCE_PREFIX)
    if form.is_valid():
        try:
            services.experience_create(participant=participant, created_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Experience added."))
            return redirect("portfolio:detail", participant_pk=participant.pk)
    return _render_detail(request, file, experience_form=form)


@require_http_methods(["GET", "POST"])
def experience_edit(request: HttpRequest, participant_pk: int, pk: int) -> HttpResponse:
    file = _portfolio_file(request, participant_pk, edit=True)
    participant = file.participant
    experience = get_object_or_404(Experience.objects.filter(participant=participant), pk=pk)
    form = ExperienceForm(request.POST or None, instance=experience)
    if request.method == "POST" and form.is_valid():
        try:
            services.experience_update(experience=experience, updated_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Experience saved."))
            return redirect("portfolio:detail", participant_pk=participant.pk)
    context = {
        "participant": participant,
        "pathway": file.pathway,
        "job_facing_only": False,
        "experience": experience,
        "form": form,
    }
    return render(request, "portfolio/experience_edit.html", context)


@require_POST
def skill_create(request: HttpRequest, participant_pk: int) -> HttpResponse:
    """Add a skill from the form, or in one click from a suggestion (same fields, same checks)."""
    file = _portfolio_file(request, participant_pk, edit=True)
    participant = file.participant
    form = SkillForm(request.POST, prefix=SKILL_PREFIX, participant=participant)
    if form.is_valid():
        try:
            skill = services.skill_create(
                participant=participant, created_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Skill “%(label)s” added.") % {"label": skill.label})
            return redirect("portfolio:detail", participant_pk=participant.pk)
    return _render_detail(request, file, skill_form=form)


@require_http_methods(["GET", "POST"])
def skill_edit(request: HttpRequest, participant_pk: int, pk: int) -> HttpResponse:
    file = _portfolio_file(request, participant_pk, edit=True)
    participant = file.participant
    skill = get_object_or_404(Skill.objects.filter(participant=participant), pk=pk)
    form = SkillForm(request.POST or None, instance=skill, participant=participant)
    if request.method == "POST" and form.is_valid():
        try:
            services.skill_update(skill=skill, updated_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Skill saved."))
            return redirect("portfolio:detail", participant_pk=participant.pk)
    context = {
        "participant": participant,
        "pathway": file.pathway,
        "job_facing_only": False,
        "skill": skill,
        "form": form,
    }
    return render(request, "portfolio/skill_edit.html", context)


@require_POST
def skill_validate(request: HttpRequest, participant_pk: int, pk: int) -> HttpResponse:
    participant = _portfolio_file(request, participant_pk, edit=True).participant
    skill = get_object_or_404(Skill.objects.filter(participant=participant), pk=pk)
    skill = services.skill_validate(skill=skill, validated_by=request.user)
    messages.success(request, _("Skill “%(label)s” validated.") % {"label": skill.label})
    return redirect("portfolio:detail", participant_pk=participant.pk)


@require_GET
@never_cache
def cv(request: HttpRequest, participant_pk: int) -> HttpResponse:
    """The one-page CV as a PDF download (job-facing: business developers may print it too)."""
    # WeasyPrint is slow to import: only when a CV is asked for, not when the URLs load.
    from chemin.portfolio.cv import cv_filename, render_cv_pdf

    file = _portfolio_file(request, participant_pk, edit=False)
    participant = file.participant
    response = HttpResponse(render_cv_pdf(participant, file.pathway), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{cv_filename(participant)}"'
    return response

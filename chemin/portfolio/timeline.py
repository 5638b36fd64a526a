"""The portfolio's part of the participant timeline (chemin.core.timeline)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from chemin.core.timeline import TimelineEvent

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant


def experience_events(participant: Participant, user: User) -> Iterable[TimelineEvent]:
    """Experiences the person wrote from their own space. One query, whatever their number;
    job-facing, like the skills."""
    url = reverse("portfolio:detail", kwargs={"participant_pk": participant.pk})
    return [
        TimelineEvent(
            at=experience.created_at,
            kind="skill",
            kind_label=_("Skill"),
            title=_("Experience added: %(title)s") % {"title": experience.title},
            detail=experience.get_kind_display(),
            by_participant=True,
            url=url,
        )
        for experience in participant.experiences.filter(by_participant=True).order_by("-created_at", "-pk")
    ]


def skill_events(participant: Participant, user: User) -> Iterable[TimelineEvent]:
    """A skill validated by a counsellor is a milestone; a skill the person rated from their own
    space is shown as theirs. One query, whatever the number of skills.

    Skills are part of the job-facing profile: whoever may open the file (the caller fetched it
    through participant_or_404) may see them, business developers included.
    """
    skills = (
        participant.skills.filter(Q(validated_on__isnull=False) | Q(self_assessed_at__isnull=False))
        .select_related("validated_by")
        .order_by("-pk")
    )
    url = reverse("portfolio:detail", kwargs={"participant_pk": participant.pk})
    events = []
    for skill in skills:
        if skill.self_assessed_at is not None:
            events.append(
                TimelineEvent(
                    at=skill.self_assessed_at,
                    kind="skill",
                    kind_label=_("Skill"),
                    title=_("Skill rated: %(label)s") % {"label": skill.label},
                    detail=skill.get_self_rating_display() if skill.self_rating else "",
                    by_participant=True,
                    url=url,
                )
            )
        if skill.is_validated:
            events.append(
                TimelineEvent(
                    at=skill.validated_on,
                    kind="skill",
                    kind_label=_("Skill"),
                    title=_("Skill validated: %(label)s") % {"label": skill.label},
                    detail=_("Validated by %(name)s") % {"name": skill.validated_by.get_full_name()},
                    is_milestone=True,
                    url=url,
                )
            )
    return events

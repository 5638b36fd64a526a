"""The portfolio's part of the participant timeline (chemin.core.timeline)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _

from chemin.core.timeline import TimelineEvent

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant


def skill_events(participant: Participant, user: User) -> Iterable[TimelineEvent]:
    """A skill validated by a counsellor is a milestone. One query, whatever the number of skills.

    Skills are part of the job-facing profile: whoever may open the file (the caller fetched it
    through participant_or_404) may see them, business developers included.
    """
    skills = participant.skills.validated().select_related("validated_by").order_by("-validated_on", "-pk")
    url = reverse("portfolio:detail", kwargs={"participant_pk": participant.pk})
    return [
        TimelineEvent(
            at=skill.validated_on,
            kind="skill",
            kind_label=_("Skill"),
            title=_("Skill validated: %(label)s") % {"label": skill.label},
            detail=_("Validated by %(name)s") % {"name": skill.validated_by.get_full_name()},
            is_milestone=True,
            url=url,
        )
        for skill in skills
    ]

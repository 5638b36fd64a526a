"""Follow-up alerts in the staff member's "Mes alertes": check-ins overdue on either side, and
contracts ending within ``ENDING_WITHIN_DAYS`` days — on the pathways the user follows (as
referent, or as manager/admin of the territory). Two queries whatever the number of alerts."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chemin.accounts.enums import Role
from chemin.accounts.models import Membership
from chemin.core.alerts import Alert, AlertKind
from chemin.employments.enums import Side
from chemin.employments.models import CheckIn, CheckInSide, Employment
from chemin.pathways.enums import Phase

if TYPE_CHECKING:
    from chemin.accounts.models import User

# A contract ending soon: time to prepare what comes next with the person.
ENDING_WITHIN_DAYS = 15

FOLLOW_UP_ALERT = AlertKind("follow_up_overdue", gettext_lazy("Follow-up check-ins overdue"), order=60)
CONTRACT_ENDING_ALERT = AlertKind("contract_ending", gettext_lazy("Contracts ending soon"), order=80)


def _followed(user: User, prefix: str) -> Q:
    managed = Membership.objects.filter(
        user=user, territory__is_active=True, role__in=[Role.MANAGER, Role.ADMIN]
    ).values("territory")
    return (Q(**{f"{prefix}referent": user}) | Q(**{f"{prefix}territory__in": managed})) & ~Q(
        **{f"{prefix}phase": Phase.CLOSED}
    )


def overdue_check_ins(user: User, today: datetime.date):
    """Check-ins due before today with a side not recorded, on running contracts the user follows."""
    recorded = CheckInSide.objects.filter(check_in=OuterRef("pk"))
    return (
        CheckIn.objects.filter(_followed(user, "employment__pathway__"), due_on__lt=today)
        .filter(Q(employment__ended_on__isnull=True) | Q(employment__ended_on__gte=F("due_on")))
        .annotate(
            employee_done=Exists(recorded.filter(side=Side.EMPLOYEE)),
            employer_done=Exists(recorded.filter(side=Side.EMPLOYER)),
        )
        .filter(Q(employee_done=False) | Q(employer_done=False))
        .select_related("employment__pathway__participant")
        .order_by("due_on", "pk")
    )


def follow_up_alerts(user: User) -> list[Alert]:
    today = timezone.localdate()
    alerts = []
    for check_in in overdue_check_ins(user, today):
        pathway = check_in.employment.pathway
        participant = pathway.participant
        missing = [
            str(label).lower()
            for value, label in Side.choices
            if not (check_in.employee_done if value == Side.EMPLOYEE else check_in.employer_done)
        ]
        url = reverse("participant_employments:list", kwargs={"participant_pk": participant.pk})
        alerts.append(
            Alert(
                kind=FOLLOW_UP_ALERT.code,
                title=_("%(person)s: follow-up %(milestone)s overdue since %(date)s (%(sides)s)")
                % {
                    "person": participant.full_name,
                    "milestone": check_in.get_milestone_display(),
                    "date": date_format(check_in.due_on, "SHORT_DATE_FORMAT"),
                    "sides": ", ".join(missing),
                },
                url=f"{url}#suivi-{check_in.pk}",
                since=check_in.due_on,
                territory_id=pathway.territory_id,
                referent_id=pathway.referent_id,
            )
        )
    ending = (
        Employment.objects.filter(
            _followed(user, "pathway__"),
            ended_on__isnull=True,
            planned_end_date__gte=today,
            planned_end_date__lte=today + datetime.timedelta(days=ENDING_WITHIN_DAYS),
        )
        .select_related("pathway__participant", "company")
        .order_by("planned_end_date", "pk")
    )
    for employment in ending:
        participant = employment.pathway.participant
        url = reverse("participant_employments:list", kwargs={"participant_pk": participant.pk})
        alerts.append(
            Alert(
                kind=CONTRACT_ENDING_ALERT.code,
                title=_("%(person)s: the contract at %(company)s ends on %(date)s")
                % {
                    "person": participant.full_name,
                    "company": employment.company.name,
                    "date": date_format(employment.planned_end_date, "SHORT_DATE_FORMAT"),
                },
                url=f"{url}#emploi-{employment.pk}",
                since=employment.planned_end_date - datetime.timedelta(days=ENDING_WITHIN_DAYS),
                territory_id=employment.pathway.territory_id,
                referent_id=employment.pathway.referent_id,
            )
        )
    return alerts

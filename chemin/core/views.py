import logging
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from chemin.accounts.enums import Role
from chemin.accounts.models import User
from chemin.appointments.selectors import appointments_of_day
from chemin.core import alerts
from chemin.pathways.models import Pathway

logger = logging.getLogger(__name__)

# Managers (and admins) of the current territory may look at everyone's alerts there.
MANAGING_ROLES = (Role.MANAGER, Role.ADMIN)
# The alerts page's query parameters, in French like the URLs.
PERIMETER_PARAM, TERRITORY_PERIMETER = "perimetre", "territoire"
KIND_PARAM = "type"


def _visible_kinds(role: Role | None) -> list[alerts.AlertKind]:
    """Business developers get the alerts about their own company work, never a participant's."""
    if role == Role.BUSINESS_DEVELOPER:
        return alerts.registered_kinds(about_participants=False)
    return alerts.registered_kinds()


def _alerts_url(*, territory_wide: bool = False, kind: str = "") -> str:
    query = {}
    if territory_wide:
        query[PERIMETER_PARAM] = TERRITORY_PERIMETER
    if kind:
        query[KIND_PARAM] = kind
    url = reverse("core:alerts")
    return f"{url}?{urlencode(query)}" if query else url


@dataclass(frozen=True)
class KindCount:
    kind: alerts.AlertKind
    mine: int
    territory: int
    mine_url: str
    territory_url: str


def home(request: HttpRequest) -> HttpResponse:
    """The caseload's size, the alerts counted by kind (mine and, for a manager, the territory's)
    and today's appointments. A fixed number of queries whatever the number of participants."""
    territory = request.territories.current
    role = request.territories.role
    context: dict[str, object] = {"todays_appointments": []}
    if territory is None:
        return render(request, "core/home.html", context)
    manages = role in MANAGING_ROLES
    kinds = _visible_kinds(role)
    found = alerts.collect(request.user, kinds=[kind.code for kind in kinds])
    mine = alerts.count_by_kind(alerts.mine(found, request.user))
    territory_wide = alerts.count_by_kind(alerts.of_territory(found, territory)) if manages else {}
    counts = [
        KindCount(
            kind=kind,
            mine=mine.get(kind.code, 0),
            territory=territory_wide.get(kind.code, 0),
            mine_url=_alerts_url(kind=kind.code),
            territory_url=_alerts_url(territory_wide=True, kind=kind.code),
        )
        for kind in kinds
        if mine.get(kind.code) or territory_wide.get(kind.code)
    ]
    context.update(
        {
            "manages": manages,
            "alert_counts": counts,
            "territory_alerts_url": _alerts_url(territory_wide=True),
        }
    )
    if role != Role.BUSINESS_DEVELOPER:
        context["todays_appointments"] = appointments_of_day(request.user, timezone.localdate())
        context["caseload"] = (
            Pathway.objects.open()
            .filter(territory=territory)
            .aggregate(mine=Count("pk", filter=Q(referent=request.user)), territory=Count("pk"))
        )
    return render(request, "core/home.html", context)


@dataclass(frozen=True)
class AlertGroup:
    kind: alerts.AlertKind
    # (alert, its referent's name in the territory view, else "")
    items: list[tuple[alerts.Alert, str]]


@require_GET
def alerts_page(request: HttpRequest) -> HttpResponse:
    """The user's alerts grouped by kind, oldest first; a manager may switch to the whole current
    territory's. A fixed number of queries whatever the number of participants."""
    territory = request.territories.current
    role = request.territories.role
    manages = territory is not None and role in MANAGING_ROLES
    territory_wide = manages and request.GET.get(PERIMETER_PARAM) == TERRITORY_PERIMETER
    kinds = _visible_kinds(role)
    found = alerts.collect(request.user, kinds=[kind.code for kind in kinds]) if territory else []
    scoped = alerts.of_territory(found, territory) if territory_wide else alerts.mine(found, request.user)
    counts = alerts.count_by_kind(scoped)
    selected = request.GET.get(KIND_PARAM, "")
    if selected not in {kind.code for kind in kinds}:
        selected = ""
    names: dict[int, str] = {}
    if territory_wide:
        referent_ids = {alert.referent_id for alert in scoped if alert.referent_id is not None}
        if referent_ids:
            names = {
                user.pk: user.get_full_name()
                for user in User.objects.filter(pk__in=referent_ids).only("pk", "first_name", "last_name")
            }
    groups = []
    for kind in kinds:
        if selected and kind.code != selected:
            continue
        items = [
            (alert, names.get(alert.referent_id, "") if alert.referent_id else "")
            for alert in scoped
            if alert.kind == kind.code
        ]
        if items:
            groups.append(AlertGroup(kind=kind, items=items))
    filters = [
        {"label": kind.label, "code": kind.code, "count": counts.get(kind.code, 0)}
        for kind in kinds
        if counts.get(kind.code) or kind.code == selected
    ]
    for entry in filters:
        entry["url"] = _alerts_url(territory_wide=territory_wide, kind=entry["code"])
    context = {
        "territory": territory,
        "manages": manages,
        "territory_wide": territory_wide,
        "mine_url": _alerts_url(kind=selected),
        "territory_url": _alerts_url(territory_wide=True, kind=selected),
        "all_url": _alerts_url(territory_wide=territory_wide),
        "total": len(scoped),
        "filters": filters,
        "selected": alerts.get_kind(selected) if selected else None,
        "groups": groups,
    }
    return render(request, "core/alerts.html", context)


@login_not_required
@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 otherwise — for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("healthz: database unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


# Error pages. They render without the request context processors' database work, so a broken
# database still gets a French 500 page.
# The pages the browser tests check with axe-core (tests/browser), as people know them.
AUDITED_PAGES = [
    _("Signing in, and receiving a sign-in link by email"),
    _("Home page, alerts and calendar of the staff"),
    _("List of people followed, participant file and its timeline"),
    _("Referrals: recording, accepting and declining"),
    _("Job wishes, steps, notes, skills portfolio and CV"),
    _("Barriers, partners and activations of the prescriber"),
    _("Companies, offers, job proposals, immersions and events"),
    _("Contract starts and follow-up in employment, employer answer page"),
    _("Exits, agreements, reporting, audit trail and personal data"),
    _("Prescriber portal: referring a person, list and follow-up of the people referred"),
    _("Personal space: home, job wishes, steps, appointments, sharing with the prescriber"),
]


@login_not_required
@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (déclaration d'accessibilité, RGAA), open to everyone."""
    return render(request, "core/accessibility.html", {"audited_pages": AUDITED_PAGES})


@login_not_required
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


@login_not_required
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


@login_not_required
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)

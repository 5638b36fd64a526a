"""Companies of the territory, their contacts, the interactions logged with them, and "My day".

Every staff role of a territory reads and writes its companies (business developers first of
all, but counsellors call employers too). A company of a territory the user does not work in is a
404; someone with no territory gets the 403 page.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chemin.companies import services
from chemin.companies.forms import CompanyFilterForm, CompanyForm, ContactForm, InteractionForm
from chemin.companies.models import Company, CompanyContact, CompanyInteraction
from chemin.core.http import is_id, next_url

PAGE_SIZE = 25
DETAIL_INTERACTIONS = 50
TODAY_STALE_ROWS = 15


def _require_staff(request: HttpRequest) -> None:
    # request.territories.choices is cached and already needed by the page header: no extra query.
    if not request.territories.choices:
        raise PermissionDenied


def _company_or_404(request: HttpRequest, pk: int) -> Company:
    _require_staff(request)
    return get_object_or_404(
        Company.objects.visible_to(request.user).select_related(
            "territory", "commune", "naf_sector", "followed_by"
        ),
        pk=pk,
    )


def _detail_url(company: Company, anchor: str = "") -> str:
    url = reverse("companies:detail", kwargs={"pk": company.pk})
    return f"{url}#{anchor}" if anchor else url


@require_GET
def company_list(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    territory = request.territories.current
    form = CompanyFilterForm(request.GET or None)
    filters = form.filters()
    companies = Company.objects.filter(territory=territory).select_related("commune", "followed_by")
    if filters["query"]:
        companies = companies.search(filters["query"])
    if filters["relationship"]:
        companies = companies.filter(relationship=filters["relationship"])
    if filters["not_contacted_for"]:
        since = timezone.localdate() - datetime.timedelta(days=filters["not_contacted_for"])
        companies = companies.not_contacted_since(since)
    companies = (
        companies.by_last_contact()
        if filters["sort"] == "last_contact"
        else companies.order_by("search_name", "pk")
    )
    page = Paginator(companies, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "query": filters["query"],
        "territory": territory,
        "stale_after": settings.COMPANY_STALE_AFTER_DAYS,
    }
    return render(request, "companies/list.html", context)


@require_GET
def company_detail(request: HttpRequest, pk: int) -> HttpResponse:
    company = _company_or_404(request, pk)
    interactions = list(
        company.interactions.select_related("contact", "staff").order_by("-date", "-created_at", "-pk")[
            : DETAIL_INTERACTIONS + 1
        ]
    )
    logged = None
    logged_pk = request.GET.get("echange", "")
    if is_id(logged_pk):
        logged = next((item for item in interactions if item.pk == int(logged_pk)), None)
    context = {
        "company": company,
        "contacts": list(company.contacts.order_by("-is_active", "last_name", "first_name", "pk")),
        "interactions": interactions[:DETAIL_INTERACTIONS],
        "more_interactions": len(interactions) > DETAIL_INTERACTIONS,
        "logged": logged,
        "stale_after": settings.COMPANY_STALE_AFTER_DAYS,
    }
    return render(request, "companies/detail.html", context)


@require_http_methods(["GET", "POST"])
def company_create(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    territory = request.territories.current
    form = CompanyForm(request.POST or None, territory=territory, initial={"followed_by": request.user.pk})
    if request.method == "POST" and form.is_valid():
        company = services.company_create(territory=territory, created_by=request.user, **form.company_data())
        messages.success(
            request, _("%(name)s is in the companies of the territory.") % {"name": company.name}
        )
        return redirect(_detail_url(company))
    status = 400 if form.errors else 200
    return render(request, "companies/form.html", {"form": form, "company": None}, status=status)


@require_http_methods(["GET", "POST"])
def company_update(request: HttpRequest, pk: int) -> HttpResponse:
    company = _company_or_404(request, pk)
    form = CompanyForm(request.POST or None, instance=company, territory=company.territory)
    if request.method == "POST" and form.is_valid():
        services.company_update(company=company, updated_by=request.user, **form.company_data())
        messages.success(request, _("Changes saved."))
        return redirect(_detail_url(company))
    if request.method == "POST":
        # The form wrote the typed values on the instance: the page heading keeps the saved name.
        company.refresh_from_db(fields=["name"])
    status = 400 if form.errors else 200
    return render(request, "companies/form.html", {"form": form, "company": company}, status=status)


# --- Contacts -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def contact_create(request: HttpRequest, company_pk: int) -> HttpResponse:
    company = _company_or_404(request, company_pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact = services.contact_create(company=company, **form.contact_data())
        messages.success(request, _("%(name)s is added to the contacts.") % {"name": contact.full_name})
        return redirect(_detail_url(company, "contacts"))
    status = 400 if form.errors else 200
    return render(request, "companies/contact_form.html", {"form": form, "company": company}, status=status)


def _contact_or_404(request: HttpRequest, pk: int) -> CompanyContact:
    _require_staff(request)
    return get_object_or_404(
        CompanyContact.objects.filter(company__in=Company.objects.visible_to(request.user)).select_related(
            "company"
        ),
        pk=pk,
    )


@require_http_methods(["GET", "POST"])
def contact_update(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _contact_or_404(request, pk)
    company = contact.company
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        services.contact_update(contact=contact, **form.contact_data())
        messages.success(request, _("Changes saved."))
        return redirect(_detail_url(company, "contacts"))
    context = {"form": form, "company": company, "contact": contact}
    return render(request, "companies/contact_form.html", context, status=400 if form.errors else 200)


@require_POST
def contact_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _contact_or_404(request, pk)
    services.contact_deactivate(contact=contact)
    messages.success(
        request, _("%(name)s is marked as no longer at the company.") % {"name": contact.full_name}
    )
    return redirect(_detail_url(contact.company, "contacts"))


# --- Interactions ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def interaction_create(request: HttpRequest, company_pk: int) -> HttpResponse:
    company = _company_or_404(request, company_pk)
    form = InteractionForm(request.POST or None, company=company)
    if request.method == "POST" and form.is_valid():
        try:
            interaction = services.interaction_log(company=company, staff=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The interaction is logged."))
            url = reverse("companies:detail", kwargs={"pk": company.pk})
            return redirect(f"{url}?echange={interaction.pk}#echange-{interaction.pk}")
    status = 400 if form.errors else 200
    return render(
        request, "companies/interaction_form.html", {"form": form, "company": company}, status=status
    )


@require_POST
def next_action_done(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    interaction = get_object_or_404(
        CompanyInteraction.objects.filter(
            company__in=Company.objects.visible_to(request.user)
        ).select_related("company"),
        pk=pk,
    )
    services.next_action_mark_done(interaction=interaction, done_by=request.user)
    messages.success(request, _("Next action done: %(action)s") % {"action": interaction.next_action})
    return redirect(next_url(request, _detail_url(interaction.company, f"echange-{interaction.pk}")))


# --- My day ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekProgress:
    today: int
    week: int
    target: int

    @property
    def percent(self) -> int:
        if not self.target:
            return 100
        return min(100, round(100 * self.week / self.target))

    @property
    def reached(self) -> bool:
        return self.week >= self.target


@require_GET
def today(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    territory = request.territories.current
    day = timezone.localdate()
    week_start = day - datetime.timedelta(days=day.weekday())
    mine = CompanyInteraction.objects.filter(staff=request.user, company__territory=territory)
    counts = mine.filter(date__gte=week_start, date__lte=day).aggregate(
        today=Count("pk", filter=Q(date=day)), week=Count("pk")
    )
    progress = WeekProgress(
        today=counts["today"], week=counts["week"], target=territory.weekly_company_contacts_target
    )
    logged_today = list(
        mine.filter(date=day).select_related("company", "contact").order_by("-created_at", "-pk")
    )
    due = list(
        mine.next_actions_due(day).select_related("company", "contact").order_by("next_action_on", "pk")
    )
    stale_after = settings.COMPANY_STALE_AFTER_DAYS
    stale = Company.objects.filter(territory=territory).not_contacted_since(
        day - datetime.timedelta(days=stale_after)
    )
    stale_rows = list(stale.by_last_contact().select_related("commune")[: TODAY_STALE_ROWS + 1])
    context = {
        "territory": territory,
        "day": day,
        "week_start": week_start,
        "progress": progress,
        "logged_today": logged_today,
        "due": due,
        "stale": stale_rows[:TODAY_STALE_ROWS],
        "more_stale": len(stale_rows) > TODAY_STALE_ROWS,
        "stale_after": stale_after,
        "stale_list_url": reverse("companies:list") + f"?not_contacted_for={stale_after}&sort=last_contact",
    }
    return render(request, "companies/today.html", context)

"""The scope and period chooser shared by the dashboard, the drill-down, the exports and the jobs.

Its values travel in the query string (``perimetre``, ``du``, ``au``) so every page and export of
the same figures has the same address; the choices offered are only those the user may report on,
so an agreement or territory of someone else is "not one of the available choices".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from chemin.agreements.models import Agreement
from chemin.reporting.access import reporting_agreements, reporting_territories
from chemin.reporting.indicators import Scope

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.territories.models import Territory

ORGANISATION = "organisation"
MAX_YEARS = 5


@dataclass(frozen=True)
class ScopeChoice:
    value: str
    label: str
    scope: Scope
    agreement: Agreement | None = None
    territories: tuple[Territory, ...] = ()

    def default_period(self, today: datetime.date) -> tuple[datetime.date, datetime.date]:
        if self.agreement is not None:
            return self.agreement.starts_on, self.agreement.ends_on
        return datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)


def scope_choices(user: User) -> list[ScopeChoice]:
    """What the user may report on: their agreements, their territories, and all of them. Two
    queries (three with agreements)."""
    territories = list(reporting_territories(user).order_by("name"))
    territory_ids = {territory.pk for territory in territories}
    choices: list[ScopeChoice] = []
    agreements = list(reporting_agreements(user).prefetch_related("territories"))
    for agreement in agreements:
        covered = tuple(t for t in agreement.territories.all() if t.pk in territory_ids)
        # A superuser sees the agreement whole; anyone else its part in their territories.
        ids = None if user.is_superuser else tuple(t.pk for t in covered)
        choices.append(
            ScopeChoice(
                value=f"convention-{agreement.pk}",
                label=gettext("Agreement %(reference)s — %(funder)s")
                % {"reference": agreement.reference, "funder": agreement.funder.name},
                scope=Scope(agreement=agreement, territory_ids=ids),
                agreement=agreement,
                territories=covered,
            )
        )
    for territory in territories:
        choices.append(
            ScopeChoice(
                value=f"territoire-{territory.pk}",
                label=gettext("Territory %(name)s") % {"name": territory.name},
                scope=Scope(territory_ids=(territory.pk,)),
                territories=(territory,),
            )
        )
    if user.is_superuser:
        choices.append(
            ScopeChoice(
                ORGANISATION, gettext("The whole organisation"), Scope(), territories=tuple(territories)
            )
        )
    elif len(territories) > 1:
        choices.append(
            ScopeChoice(
                ORGANISATION,
                gettext("All my territories"),
                Scope(territory_ids=tuple(sorted(territory_ids))),
                territories=tuple(territories),
            )
        )
    return choices


class ReportForm(forms.Form):
    perimetre = forms.ChoiceField(label=_("Scope"))
    du = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    au = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, data, *, user: User, current_territory: Territory | None = None, choices=None):
        self.scope_options = {choice.value: choice for choice in (choices or scope_choices(user))}
        data = data.copy() if data is not None else {}
        if not data.get("perimetre") and self.scope_options:
            data["perimetre"] = self._default_value(current_territory)
        choice = self.scope_options.get(data.get("perimetre"))
        if choice is not None and not data.get("du") and not data.get("au"):
            start, end = choice.default_period(timezone.localdate())
            data["du"], data["au"] = start.isoformat(), end.isoformat()
        super().__init__(data)
        self.fields["perimetre"].choices = [(c.value, c.label) for c in self.scope_options.values()]

    def _default_value(self, current_territory: Territory | None) -> str:
        if current_territory is not None and f"territoire-{current_territory.pk}" in self.scope_options:
            return f"territoire-{current_territory.pk}"
        return next(iter(self.scope_options))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("du"), cleaned.get("au")
        if "du" in cleaned and start is None:
            self.add_error("du", _("Give the first day of the period."))
        if "au" in cleaned and end is None:
            self.add_error("au", _("Give the last day of the period."))
        if start and end:
            if end < start:
                self.add_error(
                    "au",
                    _("The end of the period (%(end)s) is before its start (%(start)s).")
                    % {
                        "end": formats.date_format(end, "SHORT_DATE_FORMAT"),
                        "start": formats.date_format(start, "SHORT_DATE_FORMAT"),
                    },
                )
            elif (end - start).days > 366 * MAX_YEARS:
                self.add_error("au", _("Choose a period of at most %(years)s years.") % {"years": MAX_YEARS})
        return cleaned

    @property
    def choice(self) -> ScopeChoice:
        return self.scope_options[self.cleaned_data["perimetre"]]

    @property
    def scope(self) -> Scope:
        return self.choice.scope

    @property
    def start(self) -> datetime.date:
        return self.cleaned_data["du"]

    @property
    def end(self) -> datetime.date:
        return self.cleaned_data["au"]

    def query(self) -> dict[str, str]:
        return {
            "perimetre": self.cleaned_data["perimetre"],
            "du": self.start.isoformat(),
            "au": self.end.isoformat(),
        }

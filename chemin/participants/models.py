from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.participants.enums import EducationLevel, IncomeSupport
from chemin.referentials.models import Commune
from chemin.referentials.text import normalize

if TYPE_CHECKING:
    from chemin.accounts.models import User

# The version of the data-processing notice the person agreed to; bump it when the text changes.
CONSENT_TEXT_VERSION = "2026-11"


class ParticipantQuerySet(models.QuerySet["Participant"]):
    def visible_to(self, user: User) -> ParticipantQuerySet:
        """People with a pathway, open or closed, in one of the user's territories."""
        from chemin.territories.models import Territory

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        territories = Territory.objects.for_user(user)
        with_pathway_there = Participant.objects.filter(pathways__territory__in=territories).values("pk")
        return self.filter(pk__in=with_pathway_there)

    def search(self, text: str) -> ParticipantQuerySet:
        """Accent- and case-insensitive search on first and last name."""
        needle = normalize(text)
        if not needle:
            return self
        query = models.Q()
        for word in needle.split():
            query &= models.Q(search_name__contains=word)
        return self.filter(query)

    def same_identity(self, *, first_name: str, last_name: str, birth_date) -> ParticipantQuerySet:
        return self.filter(search_name=normalize(f"{first_name} {last_name}"), birth_date=birth_date)


class Participant(models.Model):
    """A person being accompanied. Their accompaniments are their pathways."""

    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    # normalize("first last"): lower case, no accents, for search and duplicate detection.
    search_name = models.CharField(max_length=310, editable=False, db_index=True)
    birth_date = models.DateField(_("birth date"))
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("commune")
    )

    # Situation
    income_support = models.CharField(
        _("income support"), max_length=10, choices=IncomeSupport.choices, default=IncomeSupport.NONE
    )
    france_travail_registered = models.BooleanField(_("registered with France Travail"), default=False)
    france_travail_id = models.CharField(_("France Travail identifier"), max_length=11, blank=True)
    registered_since = models.DateField(_("job seeker since"), null=True, blank=True)
    rqth = models.BooleanField(_("RQTH (recognised disabled worker)"), default=False)
    qpv_resident = models.BooleanField(_("lives in a QPV"), default=False)
    education_level = models.CharField(
        _("education level"), max_length=10, choices=EducationLevel.choices, blank=True
    )
    has_driving_licence = models.BooleanField(_("driving licence (B)"), default=False)
    has_vehicle = models.BooleanField(_("has a vehicle"), default=False)
    languages = models.CharField(_("languages spoken"), max_length=200, blank=True)

    # Consent to data processing (RGPD): when, and to which version of the notice.
    consent_given_at = models.DateTimeField(_("consent given on"), null=True, blank=True)
    consent_text_version = models.CharField(_("consent notice version"), max_length=20, blank=True)
    # Set once by chemin.privacy.anonymisation: names, contact and free texts are gone since then.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True, editable=False)
    # Their own space (chemin/participant_space), once opened: signed in by email link or password.
    user = models.OneToOneField(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participant",
        verbose_name=_("personal space account"),
    )

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = [Lower("last_name"), Lower("first_name")]
        indexes = [models.Index(fields=["search_name", "birth_date"], name="participant_identity_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consent_given_at__isnull=True) | ~models.Q(consent_text_version=""),
                name="participant_consent_has_version",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        self.search_name = normalize(f"{self.first_name} {self.last_name}")
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def age(self) -> int:
        today = timezone.localdate()
        born = self.birth_date
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    @property
    def is_long_term_unemployed(self) -> bool:
        """Registered as a job seeker for 12 months or more (demandeur d'emploi de longue durée)."""
        if not self.france_travail_registered or self.registered_since is None:
            return False
        today = timezone.localdate()
        try:
            one_year_ago = today.replace(year=today.year - 1)
        except ValueError:  # 29 February: 28 February of the year before stands in for it.
            one_year_ago = today.replace(year=today.year - 1, day=28)
        return self.registered_since <= one_year_ago

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chemin.prescribers.enums import AccessRequestStatus, OrganisationKind
from chemin.referentials.models import Commune
from chemin.referentials.text import normalize


def _words_query(text: str, *lookups: str) -> models.Q | None:
    """Every word of the text in one of the normalised columns; None when there is nothing to look for."""
    needle = normalize(text)
    if not needle:
        return None
    query = models.Q()
    for word in needle.split():
        alternatives = models.Q()
        for lookup in lookups:
            alternatives |= models.Q(**{f"{lookup}__contains": word})
        query &= alternatives
    return query


class PrescriberOrganisationQuerySet(models.QuerySet["PrescriberOrganisation"]):
    def search(self, text: str) -> PrescriberOrganisationQuerySet:
        """Accent- and case-insensitive: each word in the organisation's name or a référent's name."""
        needle = normalize(text)
        if not needle:
            return self
        query = models.Q()
        for word in needle.split():
            with_referent = Prescriber.objects.filter(search_name__contains=word).values("organisation_id")
            query &= models.Q(search_name__contains=word) | models.Q(pk__in=with_referent)
        return self.filter(query)

    def same_name(self, *, name: str, kind: str) -> PrescriberOrganisationQuerySet:
        """Organisations of that kind whose name reads the same, accents and case aside."""
        return self.filter(search_name=normalize(name), kind=kind)


class PrescriberOrganisation(models.Model):
    """An organisation that refers people (an agency of France Travail, a Mission Locale, a CCAS…)."""

    name = models.CharField(_("name"), max_length=200)
    # normalize(name): lower case, no accents, for search and duplicate detection.
    search_name = models.CharField(max_length=200, editable=False, db_index=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("commune")
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PrescriberOrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("prescriber organisation")
        verbose_name_plural = _("prescriber organisations")
        ordering = ["name"]
        indexes = [models.Index(fields=["kind"], name="prescriberorg_kind_idx")]
        constraints = [
            models.UniqueConstraint(fields=["name", "kind"], name="prescriberorganisation_unique_name_kind"),
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganisationKind.values), name="prescriberorganisation_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.search_name = normalize(self.name)
        super().save(*args, **kwargs)


class PrescriberQuerySet(models.QuerySet["Prescriber"]):
    def search(self, text: str) -> PrescriberQuerySet:
        """Accent- and case-insensitive: each word in the référent's name or their organisation's."""
        query = _words_query(text, "search_name", "organisation__search_name")
        return self if query is None else self.filter(query)


class Prescriber(models.Model):
    """A named référent in a prescriber organisation: the person who refers and is kept informed."""

    organisation = models.ForeignKey(
        PrescriberOrganisation,
        # Referrals keep their prescriber: an organisation with référents is never deleted.
        on_delete=models.PROTECT,
        related_name="prescribers",
        verbose_name=_("organisation"),
    )
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    # normalize("first last"), for search.
    search_name = models.CharField(max_length=310, editable=False, db_index=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    # Their account on the prescriber portal, once invited (chemin/prescriber_portal).
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="prescriber",
        verbose_name=_("portal account"),
    )
    # The weekly email of what changed for the people they referred (chemin/prescriber_portal/digest.py).
    digest_weekly = models.BooleanField(_("weekly digest by email"), default=True)
    # The end of the period the last digest covered: the next one tells what changed since.
    digest_sent_at = models.DateTimeField(_("last digest sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PrescriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("prescriber")
        verbose_name_plural = _("prescribers")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} ({self.organisation})"

    def save(self, *args, **kwargs) -> None:
        self.search_name = normalize(f"{self.first_name} {self.last_name}")
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class PortalAccessRequest(models.Model):
    """A référent asking for an account on the prescriber portal before anyone invited them.

    A manager approves it (the référent joins the directory and gets the invitation) or declines it.
    """

    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("professional email"))
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200)
    organisation_kind = models.CharField(
        _("kind of organisation"), max_length=32, choices=OrganisationKind.choices
    )
    status = models.CharField(
        _("status"), max_length=16, choices=AccessRequestStatus.choices, default=AccessRequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # The directory entry the approval linked or created.
    prescriber = models.ForeignKey(
        Prescriber,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("référent"),
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("portal access request")
        verbose_name_plural = _("portal access requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=AccessRequestStatus.values), name="accessrequest_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(organisation_kind__in=OrganisationKind.values),
                name="accessrequest_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} ({self.organisation_name})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

"""Reference data shipped with the project: ROME 4.0 jobs, NAF sectors and French communes.

Rows are written only by the `load_referentials` command, from the files in data/ (their origin is
in each folder's SOURCE.md). Natural keys are the primary keys, so other apps store the official
codes ("D1505", "62041") and a reload never changes what they point to.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from chemin.referentials.enums import CoordQuality, RomeProximity


class RomeDomain(models.Model):
    """One of the 14 ROME "grands domaines", A to N."""

    letter = models.CharField(_("letter"), max_length=1, primary_key=True)
    label = models.CharField(_("label"), max_length=200)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("ROME domain")
        verbose_name_plural = _("ROME domains")
        ordering = ["letter"]

    def __str__(self) -> str:
        return f"{self.letter} — {self.label}"


class RomeJobQuerySet(models.QuerySet["RomeJob"]):
    def in_family(self, family: str) -> RomeJobQuerySet:
        """Jobs of one family, given by its three characters ("D15")."""
        return self.filter(code__startswith=family.upper())

    def in_domain(self, letter: str) -> RomeJobQuerySet:
        return self.filter(domain_id=letter.upper())

    def near(self, job: RomeJob) -> RomeJobQuerySet:
        """The other jobs of the same domain, those of the same family first."""
        return (
            self.in_domain(job.domain_letter)
            .exclude(pk=job.pk)
            .annotate(
                same_family=Case(
                    When(code__startswith=job.family, then=Value(True)),
                    default=Value(False),
                    output_field=models.BooleanField(),
                )
            )
            .order_by("-same_family", "code")
        )


class RomeJob(models.Model):
    """A ROME 4.0 job sheet ("fiche métier"): the code job wishes and opportunities refer to."""

    code = models.CharField(_("ROME code"), max_length=5, primary_key=True)
    label = models.CharField(_("label"), max_length=200)
    # PROTECT: job wishes and opportunities keep their ROME codes; a domain never disappears with them.
    domain = models.ForeignKey(
        RomeDomain, on_delete=models.PROTECT, related_name="jobs", verbose_name=_("domain")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RomeJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("ROME job")
        verbose_name_plural = _("ROME jobs")
        ordering = ["code"]
        constraints = [
            # A ROME code starts with its domain letter: "D1505" belongs to domain D.
            models.CheckConstraint(
                condition=Q(domain_id=Substr("code", 1, 1)), name="referentials_romejob_code_in_domain"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"

    @property
    def domain_letter(self) -> str:
        return self.code[:1]

    @property
    def family(self) -> str:
        """The three-character family ("D15"): jobs of a family are close neighbours."""
        return self.code[:3]

    def proximity_to(self, other: RomeJob) -> RomeProximity:
        if self.code == other.code:
            return RomeProximity.SAME_JOB
        if self.family == other.family:
            return RomeProximity.SAME_FAMILY
        if self.domain_letter == other.domain_letter:
            return RomeProximity.SAME_DOMAIN
        return RomeProximity.UNRELATED


class NafSector(models.Model):
    """A NAF division (two digits) and the ROME jobs France Travail attaches to it."""

    # Two digits, zero-padded ("01"); "00" is the source's "across all sectors" entry.
    code = models.CharField(_("NAF code"), max_length=2, primary_key=True)
    label = models.CharField(_("label"), max_length=200)
    rome_jobs = models.ManyToManyField(
        RomeJob, related_name="naf_sectors", blank=True, verbose_name=_("ROME jobs")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("NAF sector")
        verbose_name_plural = _("NAF sectors")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"


class Commune(models.Model):
    """A current French commune (INSEE code), with its postal codes and an approximate position."""

    code_insee = models.CharField(_("INSEE code"), max_length=5, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    # normalize_place_name(name): lower case, no accents, hyphens as spaces, "St" spelt "saint".
    search_name = models.CharField(_("name for search"), max_length=100, editable=False)
    departement = models.CharField(_("département"), max_length=3)
    region = models.CharField(_("region"), max_length=3)
    epci_siren = models.CharField(_("intercommunality SIREN"), max_length=9, blank=True)
    # Space-separated, so it reads the same on SQLite and PostgreSQL and a LIKE finds a prefix.
    postal_codes = models.CharField(_("postal codes"), max_length=200)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    coord_quality = models.CharField(
        _("position quality"), max_length=20, choices=CoordQuality.choices, default=CoordQuality.NONE
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["search_name", "code_insee"]
        indexes = [
            # Name and postal-code prefix searches (search_communes); the pattern operator class
            # lets PostgreSQL use the index for LIKE 'abc%' whatever the database collation.
            models.Index(
                fields=["search_name"], name="ref_commune_name_idx", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(
                fields=["postal_codes"], name="ref_commune_postal_idx", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["departement"], name="ref_commune_dep_idx"),
            # Communes within reach of a point (opportunities.selectors: a latitude/longitude box).
            models.Index(fields=["latitude", "longitude"], name="ref_commune_position_idx"),
        ]
        constraints = [
            # A position is whole or absent, and "none" means absent: distances rely on it.
            models.CheckConstraint(
                condition=(
                    Q(latitude__isnull=True, longitude__isnull=True, coord_quality=CoordQuality.NONE)
                    | (
                        Q(latitude__isnull=False, longitude__isnull=False)
                        & ~Q(coord_quality=CoordQuality.NONE)
                    )
                ),
                name="referentials_commune_position_consistent",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True)
                | Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="referentials_commune_position_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.departement})"

    @property
    def postal_code_list(self) -> list[str]:
        return self.postal_codes.split()

    @property
    def main_postal_code(self) -> str:
        codes = self.postal_code_list
        return codes[0] if codes else ""

    @property
    def has_position(self) -> bool:
        return (
            self.coord_quality != CoordQuality.NONE
            and self.latitude is not None
            and self.longitude is not None
        )

    @property
    def is_position_precise(self) -> bool:
        """True for the place's own point; centroids are estimates (see CoordQuality)."""
        return self.has_position and self.coord_quality == CoordQuality.GEONAMES

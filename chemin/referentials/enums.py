from django.db import models
from django.utils.translation import gettext_lazy as _


class CoordQuality(models.TextChoices):
    """How good a commune's coordinate is (the `coord_source` column of data/communes/communes.csv).

    Source: data/communes/SOURCE.md — GeoNames "cities1000" (CC BY 4.0) joined to the INSEE
    communes on normalised name and département; the fallbacks are the project's own estimates.
    """

    # The place's own point in GeoNames: 8,000 communes holding 76 % of the population.
    GEONAMES = "geonames", _("own position")
    # Population-weighted centre of the matched communes of the same intercommunality (EPCI):
    # an estimate, typically within 10–15 km.
    EPCI_CENTROID = "epci_centroid", _("estimated from the intercommunality")
    # The same at département level: rough.
    DEPARTEMENT_CENTROID = "departement_centroid", _("estimated from the département")
    # No coordinate (223 communes, mostly overseas): a distance must be reported as unknown, never 0.
    NONE = "none", _("no position")


class RomeProximity(models.IntegerChoices):
    """How close two ROME jobs are in the ROME tree (larger is closer).

    Source: the ROME code structure published by France Travail — one letter for the domain,
    two digits for the family within it, two for the job sheet ("D15" + "05").
    """

    UNRELATED = 0, _("unrelated jobs")
    SAME_DOMAIN = 1, _("same domain")
    SAME_FAMILY = 2, _("same family")
    SAME_JOB = 3, _("same job")

import pytest
from django.db import IntegrityError
from django.utils import translation

from chemin.referentials.enums import CoordQuality
from chemin.referentials.geo import distance_km, distance_label, estimate_distance, is_rough_estimate
from chemin.referentials.models import Commune
from tests.referentials.factories import CommuneFactory

LENS, ARRAS, SAINT_PIERRE = "62498", "62041", "97502"


@pytest.fixture
def communes(db) -> dict[str, Commune]:
    return Commune.objects.in_bulk([LENS, ARRAS, SAINT_PIERRE])


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


class TestDistance:
    def test_measures_the_straight_line_between_two_communes(self, communes):
        assert distance_km(communes[LENS], communes[ARRAS]) == pytest.approx(15.9, abs=0.1)
        assert distance_km(communes[ARRAS], communes[LENS]) == distance_km(communes[LENS], communes[ARRAS])

    def test_shows_it_rounded_and_approximate(self, communes):
        assert distance_label(communes[LENS], communes[ARRAS]) == "≈ 16 km"

    def test_is_zero_within_one_commune(self, communes):
        assert distance_km(communes[LENS], communes[LENS]) == 0.0
        assert distance_label(communes[LENS], communes[LENS]) == "same commune"

    def test_is_unknown_never_zero_when_a_commune_has_no_position(self, communes):
        saint_pierre = communes[SAINT_PIERRE]
        assert saint_pierre.coord_quality == CoordQuality.NONE
        assert distance_km(communes[LENS], saint_pierre) is None
        assert distance_km(saint_pierre, communes[LENS]) is None
        assert distance_km(saint_pierre, saint_pierre) is None
        assert distance_label(communes[LENS], saint_pierre) == "distance unknown"
        assert distance_label(saint_pierre, saint_pierre) == "distance unknown"

    def test_is_unknown_when_a_coordinate_is_missing_whatever_the_quality_says(self):
        placed = CommuneFactory.build()
        half_placed = CommuneFactory.build(longitude=None)
        assert distance_km(placed, half_placed) is None
        assert distance_label(placed, half_placed) == "distance unknown"

    def test_never_says_less_than_one_km_for_communes_sharing_an_estimated_point(self, db):
        a = CommuneFactory(epci_estimate=True, latitude=50.0, longitude=2.0)
        b = CommuneFactory(epci_estimate=True, latitude=50.0, longitude=2.0)
        assert distance_km(a, b) == 0.0
        assert distance_label(a, b) == "nearby"

    def test_says_less_than_one_km_for_two_close_precise_points(self, db):
        a = CommuneFactory(latitude=50.0, longitude=2.0)
        b = CommuneFactory(latitude=50.002, longitude=2.0)
        assert distance_label(a, b) == "less than 1 km"

    def test_says_at_least_one_km_once_the_distance_rounds_to_zero(self, db):
        a = CommuneFactory(latitude=50.0, longitude=2.0)
        b = CommuneFactory(latitude=50.006, longitude=2.0)  # about 670 m
        assert distance_label(a, b) == "≈ 1 km"


class TestRoughEstimate:
    def test_is_precise_only_between_two_own_positions(self, db):
        own = CommuneFactory()
        other_own = CommuneFactory(latitude=50.3)
        from_epci = CommuneFactory(epci_estimate=True)
        from_departement = CommuneFactory(departement_estimate=True)
        assert not is_rough_estimate(own, other_own)
        assert is_rough_estimate(own, from_epci)
        assert is_rough_estimate(from_departement, own)

    def test_flags_a_known_distance_from_an_estimated_position(self, db):
        own = CommuneFactory()
        from_epci = CommuneFactory(epci_estimate=True, latitude=50.6)
        estimate = estimate_distance(own, from_epci)
        assert estimate.is_rough
        assert estimate.label == distance_label(own, from_epci)
        assert estimate.km == distance_km(own, from_epci)

    def test_does_not_flag_an_unknown_distance_or_the_same_commune(self, db):
        own = CommuneFactory(epci_estimate=True)
        nowhere = CommuneFactory(without_position=True)
        assert not estimate_distance(own, nowhere).is_rough
        assert estimate_distance(own, nowhere).km is None
        assert not estimate_distance(own, own).is_rough


@pytest.mark.django_db
class TestPositionConstraints:
    def test_refuses_a_position_on_a_commune_said_to_have_none(self):
        with pytest.raises(IntegrityError):
            CommuneFactory(coord_quality=CoordQuality.NONE)

    def test_refuses_half_a_position(self):
        with pytest.raises(IntegrityError):
            CommuneFactory(latitude=None)

    def test_refuses_a_latitude_out_of_range(self):
        with pytest.raises(IntegrityError):
            CommuneFactory(latitude=91)

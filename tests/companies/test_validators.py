import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation

from chemin.companies.models import Company
from chemin.companies.validators import normalize_naf_code, normalize_siret


class TestSiret:
    @pytest.mark.parametrize(
        ("typed", "kept"),
        [
            ("732 829 320 00074", "73282932000074"),
            ("44306184100047", "44306184100047"),
            # La Poste's establishments: the sum of the digits is a multiple of 5.
            ("356 000 000 00065", "35600000000065"),
        ],
    )
    def test_accepts_real_sirets_typed_with_or_without_spaces(self, typed, kept):
        assert normalize_siret(typed) == kept

    @pytest.mark.parametrize(
        ("typed", "message"),
        [
            ("7328293200007", "14 chiffres"),
            ("7328293200007A", "14 chiffres"),
            ("73282932000075", "n’existe pas"),
            ("35600000000066", "n’existe pas"),
        ],
    )
    def test_refuses_a_wrong_length_or_check_digit_in_french(self, typed, message):
        with translation.override("fr"), pytest.raises(ValidationError) as error:
            normalize_siret(typed)
        assert message in error.value.messages[0]


class TestNafCode:
    @pytest.mark.parametrize(
        ("typed", "kept"), [("47.11F", "47.11F"), ("4711f", "47.11F"), (" 88.10B", "88.10B")]
    )
    def test_accepts_a_naf_subclass(self, typed, kept):
        assert normalize_naf_code(typed) == kept

    @pytest.mark.parametrize("typed", ["47.1F", "4711", "AB.CDE", "47.11FF"])
    def test_refuses_anything_else(self, typed):
        with pytest.raises(ValidationError):
            normalize_naf_code(typed)


@pytest.mark.django_db
class TestCompanyRules:
    def test_one_siret_once_per_territory_but_several_prospects_without_siret(
        self, territory, other_territory
    ):
        Company.objects.create(territory=territory, name="Drive Leclerc Liévin", siret="73282932000074")
        Company.objects.create(territory=other_territory, name="Drive Leclerc Liévin", siret="73282932000074")
        Company.objects.create(territory=territory, name="Boulangerie Ducrocq")
        Company.objects.create(territory=territory, name="Garage Lefebvre")
        with pytest.raises(IntegrityError):
            Company.objects.create(territory=territory, name="Doublon", siret="73282932000074")

    def test_search_ignores_accents_and_finds_a_siren(self, territory):
        company = Company.objects.create(
            territory=territory, name="Pâtisserie Hénaut", siret="44306184100047"
        )
        assert list(Company.objects.search("patisserie henaut")) == [company]
        assert list(Company.objects.search("443 061 841")) == [company]
        assert company.siren == "443061841"

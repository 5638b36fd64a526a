import pytest

from chemin.referentials.selectors import search_communes
from tests.referentials.factories import CommuneFactory


def names(query: str, limit: int = 5) -> list[str]:
    return [commune.name for commune in search_communes(query, limit=limit)]


@pytest.mark.django_db
class TestCommuneSearch:
    def test_finds_the_communes_of_a_postal_code_most_populated_first(self):
        found = search_communes("62300")
        assert [c.name for c in found[:2]] == ["Lens", "Éleu-dit-Leauwette"]
        assert all("62300" in c.postal_code_list for c in found[:2])

    def test_lists_the_communes_of_a_postal_code_being_typed(self):
        found = search_communes("623", limit=10)
        assert found[0].name == "Lens"
        assert all(any(code.startswith("623") for code in c.postal_code_list) for c in found)

    def test_finds_a_city_by_any_of_its_postal_codes(self):
        assert names("75015") == ["Paris"]
        assert names("13008")[0] == "Marseille"

    def test_lists_an_insee_code_typed_whole_after_the_postal_codes(self):
        # 62300 is Lens's postal code and Équihen-Plage's INSEE code.
        assert names("62300")[-1] == "Équihen-Plage"

    def test_finds_a_corsican_commune_by_its_insee_code(self):
        assert names("2a004") == ["Ajaccio"]

    @pytest.mark.parametrize("query", ["Saint-Omer", "saint omer", "ST OMER", "st-omer", "Saint-Omér"])
    def test_ignores_case_accents_hyphens_and_the_saint_abbreviation(self, query):
        assert search_communes(query)[0].code_insee == "62765"

    def test_reads_an_apostrophe_as_a_space(self):
        assert names("l'hay les roses") == ["L'Haÿ-les-Roses"]
        assert names("l hay") == ["L'Haÿ-les-Roses"]

    def test_ranks_the_exact_name_then_names_starting_with_it_then_names_containing_it(self):
        found = search_communes("lens", limit=10)
        assert found[0].code_insee == "62498"
        assert found[1].name == "Lens-Lestang"
        assert all(" lens" in c.search_name for c in found[2:])
        populations = [c.population for c in found[2:]]
        assert populations == sorted(populations, reverse=True)

    def test_a_word_in_the_middle_of_the_name_matches(self):
        assert "Saint-Omer" in names("omer")

    def test_combines_a_name_and_a_postal_code(self):
        assert names("Lens 62300") == ["Lens"]
        assert names("62300 lens") == ["Lens"]

    def test_sorts_an_unknown_population_last_on_every_database(self):
        # PostgreSQL sorts NULL first in a descending order, SQLite last: the query says which.
        CommuneFactory(name="Zorglub-le-Haut", population=None)
        CommuneFactory(name="Zorglub-le-Bas", population=12)
        CommuneFactory(name="Zorglub-la-Forêt", population=5)
        assert names("zorglub") == ["Zorglub-le-Bas", "Zorglub-la-Forêt", "Zorglub-le-Haut"]

    @pytest.mark.parametrize("query", ["", "  ", "6", "1234567", "62300 62000"])
    def test_returns_nothing_for_an_empty_or_unusable_query(self, query, django_assert_num_queries):
        with django_assert_num_queries(0):
            assert search_communes(query) == []

    def test_returns_nothing_for_an_unknown_name(self):
        assert search_communes("zzqxw") == []

    def test_respects_the_limit(self):
        assert len(search_communes("saint", limit=7)) == 7

    def test_costs_one_query(self, django_assert_num_queries):
        with django_assert_num_queries(1):
            search_communes("saint", limit=25)

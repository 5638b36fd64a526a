import pytest
from django.utils import timezone

from chemin.referentials.models import RomeJob
from chemin.referentials.search import clear_rome_index, search_rome
from tests.referentials.factories import RomeJobFactory


def codes(query: str, limit: int = 5) -> list[str]:
    return [job.code for job in search_rome(query, limit=limit)]


@pytest.mark.django_db
class TestRomeSearch:
    # The acceptance cases of DESIGN.md §3: everyday words, as counsellors type them.
    def test_finds_the_cashier_from_the_feminine_without_accent(self):
        assert "D1505" in codes("caissiere")

    def test_finds_the_welder_from_a_misspelt_word(self):
        assert "H2913" in codes("soudur")

    def test_finds_the_order_picker_from_the_singular_masculine(self):
        assert "N1103" in codes("preparateur de commande")

    def test_finds_care_at_home_jobs_from_the_everyday_words(self):
        assert any(code.startswith("K13") for code in codes("aide a domicile"))

    def test_ranks_the_everyday_meaning_first(self):
        # H2215 is a crate maker ("caissier de l'emballage industriel"), not a shop cashier.
        assert codes("caissière")[0] == "D1505"
        assert codes("soudur")[0] == "H2913"
        assert codes("preparateur de commande")[0] == "N1103"
        assert codes("aide a domicile", limit=3) == ["K1302", "K1304", "K1311"]

    @pytest.mark.parametrize("query", ["Soudeur", "soudeuse", "SOUDEUSE", "  soudeur  "])
    def test_ignores_case_gender_and_spaces(self, query):
        assert codes(query)[0] == "H2913"

    @pytest.mark.parametrize("query", ["hôtesse de caisse", "hotesse de caisse", "HÔTE DE CAISSE"])
    def test_ignores_accents(self, query):
        assert codes(query)[0] == "D1505"

    def test_reads_hyphens_as_spaces(self):
        assert codes("aide-ménagère")[0] == "K1304"
        assert codes("aide soignante")[0] == "J1501"

    def test_tolerates_a_typo(self):
        assert codes("boulangr")[0] == "D1102"
        assert codes("manutentionaire")[0] == "N1105"

    def test_completes_a_word_being_typed(self):
        assert codes("preparateur de com")[0] == "N1103"
        assert "N1101" in codes("caris")

    def test_puts_an_exact_word_before_a_prefix_and_a_prefix_before_a_typo(self):
        # "cuisinier" is a word of G1609; "cuisin" only starts it; "cuisiner" is one letter off.
        assert codes("cuisinier")[0] == "G1609"
        assert codes("cuisin")[0] == "G1609"
        assert codes("cuisiner")[0] == "G1609"

    def test_puts_the_general_job_before_its_specialisations(self):
        # Then the jobs whose name starts with the query, then those merely containing it.
        assert codes("soudeur", limit=4) == ["H2913", "H2917", "H2916", "H2915"]

    @pytest.mark.parametrize(
        ("query", "code"),
        [
            ("femme de ménage", "K2205"),
            ("agent d'entretien", "K2205"),
            ("auxiliaire de vie", "K1302"),
            ("cariste", "N1101"),
            ("magasinier", "N1110"),
            ("manutentionnaire", "N1105"),
            ("serveur", "G1803"),
            ("plongeur", "G1605"),
            ("vendeuse", "D1214"),
            ("agent de sécurité", "K2503"),
            ("chauffeur livreur", "N4105"),
        ],
    )
    def test_knows_the_everyday_words_of_job_ads(self, query, code):
        assert codes(query)[0] == code

    def test_finds_a_job_by_its_code_in_any_case(self):
        assert codes("d1505") == ["D1505"]
        assert codes("D 1505") == ["D1505"]

    def test_lists_a_family_from_the_start_of_a_code(self):
        found = codes("D15", limit=50)
        assert found[:2] == ["D1501", "D1502"]
        assert found == sorted(found)
        assert all(code.startswith("D15") for code in found)
        assert len(found) == RomeJob.objects.in_family("D15").count()

    @pytest.mark.parametrize("query", ["", "   ", "de la", "?!"])
    def test_returns_nothing_for_an_empty_query(self, query, django_assert_num_queries):
        with django_assert_num_queries(0):
            assert search_rome(query) == []

    def test_returns_nothing_for_gibberish(self):
        assert search_rome("zzqxw") == []

    def test_respects_the_limit(self):
        assert len(search_rome("agent", limit=3)) == 3
        assert search_rome("agent", limit=0) == []

    def test_returns_jobs_with_their_domain(self, django_assert_num_queries):
        search_rome("warm the index")
        # The index version, then the jobs with their domain.
        with django_assert_num_queries(2):
            jobs = search_rome("caissiere")
            assert jobs[0].domain.letter == "D"


@pytest.mark.django_db
class TestRomeIndex:
    def test_is_rebuilt_once_after_being_cleared(self, django_assert_num_queries):
        clear_rome_index()
        # Version, all codes and labels, then the jobs found.
        with django_assert_num_queries(3):
            search_rome("cariste")
        with django_assert_num_queries(2):
            search_rome("cariste")

    def test_sees_a_job_added_by_another_process(self):
        search_rome("cariste")
        RomeJobFactory(code="N9001", label="Zorglubier / Zorglubière")
        assert codes("zorglubiere") == ["N9001"]

    def test_sees_a_label_changed_by_another_process(self):
        search_rome("cariste")
        RomeJob.objects.filter(pk="N1101").update(
            label="Conducteur de chariot gyropode", updated_at=timezone.now()
        )
        assert codes("gyropode") == ["N1101"]

    def test_forgets_a_job_that_is_gone(self):
        RomeJobFactory(code="N9002", label="Ramasseur / Ramasseuse de comètes")
        assert codes("comete") == ["N9002"]
        RomeJob.objects.filter(pk="N9002").delete()
        assert codes("comete") == []

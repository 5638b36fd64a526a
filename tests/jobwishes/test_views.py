import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from chemin.jobwishes.enums import JobWishStatus
from chemin.jobwishes.models import JobWish, JobWishVersion
from tests.jobwishes.factories import JobWishFactory, change_wish
from tests.participants.factories import PathwayFactory


def list_url(participant) -> str:
    return reverse("jobwishes:list", kwargs={"participant_pk": participant.pk})


def create_url(participant) -> str:
    return reverse("jobwishes:create", kwargs={"participant_pk": participant.pk})


def edit_url(job_wish) -> str:
    return reverse(
        "jobwishes:edit", kwargs={"participant_pk": job_wish.pathway.participant_id, "pk": job_wish.pk}
    )


def status_url(job_wish) -> str:
    return reverse(
        "jobwishes:set_status", kwargs={"participant_pk": job_wish.pathway.participant_id, "pk": job_wish.pk}
    )


def wish_post(**overrides) -> dict:
    data = {
        "title_in_own_words": "travailler dans un entrepôt, préparation de commandes",
        "rome_job_1": "N1103",
        "rome_job_2": "",
        "rome_job_3": "",
        "priority": "1",
        "contract_types": ["cdi", "temporary"],
        "working_hours": "full_time",
        "max_hours_per_week": "",
        "max_commute_km": "25",
        "status": "exploring",
    }
    data.update(overrides)
    return data


class TestJobWishList:
    def test_shows_each_wish_with_its_rome_labels_conditions_and_history(self, counsellor_client, pathway):
        wish = JobWishFactory(
            pathway=pathway,
            title_in_own_words="aide à domicile",
            rome_codes=["K1302", "K1304"],
            contract_types=["cdi", "cdd"],
            max_commute_km=15,
        )
        change_wish(wish, title_in_own_words="aide à domicile auprès des personnes âgées", status="confirmed")

        response = counsellor_client.get(list_url(pathway.participant))

        assertContains(response, "« aide à domicile auprès des personnes âgées »")
        assertContains(response, "Assistant / Assistante de vie dépendance")
        assertContains(response, "Employé familial / Employée familiale")
        assertContains(response, "CDI, CDD")
        assertContains(response, "15 km au maximum")
        assertContains(response, "Statut : Confirmée")
        assertContains(response, "Auparavant : 1 version précédente")
        assertContains(response, "« aide à domicile » — K1302")
        assertContains(response, "Modifiée le")
        assertContains(response, "Alice Martin")

    def test_orders_wishes_by_priority(self, counsellor_client, pathway):
        JobWishFactory(pathway=pathway, title_in_own_words="caissière", priority=2)
        JobWishFactory(
            pathway=pathway, title_in_own_words="préparation de commandes", priority=1, rome_codes=["N1103"]
        )

        content = counsellor_client.get(list_url(pathway.participant)).content.decode()

        assert content.index("préparation de commandes") < content.index("caissière")

    @pytest.mark.parametrize("wishes", [1, 4])
    def test_query_count_does_not_grow_with_wishes_codes_and_versions(
        self, counsellor_client, pathway, django_assert_num_queries, wishes
    ):
        for index in range(wishes):
            wish = JobWishFactory(pathway=pathway, priority=index + 1, rome_codes=["K1302", "K1304", "K2205"])
            change_wish(wish, status="confirmed")
            change_wish(wish, rome_codes=["K1302", "K1304"])
        # Another person's wishes are not read.
        JobWishFactory(pathway=PathwayFactory(territory=pathway.territory))

        with django_assert_num_queries(13):
            response = counsellor_client.get(list_url(pathway.participant))

        assert response.status_code == 200
        assert response.content.decode().count('class="wish wish--') == wishes

    def test_says_when_there_is_no_wish_yet(self, counsellor_client, pathway):
        assertContains(
            counsellor_client.get(list_url(pathway.participant)), "Aucune piste écrite pour l’instant."
        )

    def test_closed_pathway_shows_its_wishes_read_only(self, counsellor_client, counsellor, territory):
        pathway = PathwayFactory(territory=territory, referent=counsellor)
        wish = JobWishFactory(pathway=pathway)
        pathway.phase, pathway.closed_on = "closed", pathway.entry_date
        pathway.exit_category, pathway.exit_reason = "other", "no_news"
        pathway.save()

        response = counsellor_client.get(list_url(pathway.participant))

        assertContains(response, "L’accompagnement est clos")
        assertContains(response, "« caissière »")
        assertNotContains(response, edit_url(wish))
        assertNotContains(response, create_url(pathway.participant))


class TestJobWishCreate:
    def test_counsellor_writes_a_wish_with_several_rome_codes(self, counsellor_client, counsellor, pathway):
        response = counsellor_client.post(
            create_url(pathway.participant), wish_post(rome_job_2="n1105 ", max_hours_per_week="35")
        )

        wish = JobWish.objects.get()
        assertRedirects(response, f"{list_url(pathway.participant)}#piste-{wish.pk}")
        assert wish.pathway == pathway
        assert wish.title_in_own_words == "travailler dans un entrepôt, préparation de commandes"
        assert [job.code for job in wish.rome_job_list] == ["N1103", "N1105"]
        assert wish.contract_types == ["cdi", "temporary"]
        assert wish.max_commute_km == 25
        assert wish.max_hours_per_week == 35
        assert wish.version == 1
        assert wish.created_by == counsellor
        assert wish.by_participant is False
        snapshot = wish.versions.get()
        assert snapshot.version == 1
        assert snapshot.rome_codes == ["N1103", "N1105"]
        assert snapshot.changed_by == counsellor
        messages = [str(message) for message in response.wsgi_request._messages]
        assert messages == ["Piste ajoutée : « travailler dans un entrepôt, préparation de commandes »."]

    def test_form_proposes_the_next_priority(self, counsellor_client, pathway):
        JobWishFactory(pathway=pathway, priority=1)
        JobWishFactory(pathway=pathway, priority=2)

        response = counsellor_client.get(create_url(pathway.participant))

        assert response.context["form"]["priority"].value() == 3

    def test_unknown_rome_code_is_a_field_error_and_nothing_is_saved(self, counsellor_client, pathway):
        response = counsellor_client.post(create_url(pathway.participant), wish_post(rome_job_2="ZZ999"))

        assert response.status_code == 200
        assert response.context["form"].errors["rome_job_2"] == [
            "Code ROME inconnu : ZZ999. Choisissez un métier dans la liste."
        ]
        assert not JobWish.objects.exists()
        assert not JobWishVersion.objects.exists()
        # What was typed is kept, and the optional codes are shown open.
        assertContains(response, 'value="travailler dans un entrepôt, préparation de commandes"')
        assertContains(response, 'value="ZZ999"')
        assertContains(response, '<details class="wish-form__more" open>')

    def test_a_wish_without_rome_code_is_refused(self, counsellor_client, pathway):
        response = counsellor_client.post(create_url(pathway.participant), wish_post(rome_job_1=""))

        assert response.context["form"].errors["rome_job_1"] == [
            "Choisissez au moins un métier ROME pour cette piste."
        ]
        assert not JobWish.objects.exists()

    def test_negative_commute_is_refused(self, counsellor_client, pathway):
        response = counsellor_client.post(create_url(pathway.participant), wish_post(max_commute_km="-5"))

        assert response.context["form"].errors["max_commute_km"] == [
            "Le trajet maximum doit être un nombre de kilomètres positif."
        ]
        assertContains(response, 'value="-5"')
        assert not JobWish.objects.exists()

    def test_more_hours_than_the_legal_week_are_refused(self, counsellor_client, pathway):
        response = counsellor_client.post(create_url(pathway.participant), wish_post(max_hours_per_week="60"))

        assert response.context["form"].errors["max_hours_per_week"] == [
            "Une semaine de travail ne peut pas dépasser 48 heures."
        ]
        assert not JobWish.objects.exists()

    def test_the_same_rome_code_twice_is_refused(self, counsellor_client, pathway):
        response = counsellor_client.post(create_url(pathway.participant), wish_post(rome_job_3="N1103"))

        assert response.context["form"].errors["rome_job_3"] == ["Ce métier ROME est déjà choisi plus haut."]
        assert not JobWish.objects.exists()

    def test_unknown_contract_type_is_refused(self, counsellor_client, pathway):
        response = counsellor_client.post(
            create_url(pathway.participant), wish_post(contract_types=["cdi", "stage"])
        )

        assert "contract_types" in response.context["form"].errors
        assert not JobWish.objects.exists()

    def test_needs_an_open_pathway(self, counsellor_client, counsellor, territory):
        pathway = PathwayFactory(territory=territory, referent=counsellor, closed=True)

        response = counsellor_client.post(create_url(pathway.participant), wish_post())

        assertRedirects(response, list_url(pathway.participant))
        assert not JobWish.objects.exists()
        messages = [str(message) for message in response.wsgi_request._messages]
        assert messages == [
            "Cette personne n’a pas d’accompagnement ouvert : ouvrez-en un avant d’écrire des pistes."
        ]

    def test_a_colleague_and_a_manager_of_the_territory_may_write_wishes(
        self, colleague_client, manager_client, pathway
    ):
        colleague_client.post(create_url(pathway.participant), wish_post())
        manager_client.post(create_url(pathway.participant), wish_post(rome_job_1="D1505", priority="2"))

        assert JobWish.objects.count() == 2


class TestJobWishEdit:
    def test_saving_keeps_what_the_person_wanted_before(self, colleague_client, colleague, pathway):
        wish = JobWishFactory(pathway=pathway, title_in_own_words="caissière", rome_codes=["D1505"])

        response = colleague_client.post(
            edit_url(wish),
            wish_post(
                title_in_own_words="mise en rayon", rome_job_1="D1507", rome_job_2="D1505", version="1"
            ),
        )

        assertRedirects(response, f"{list_url(pathway.participant)}#piste-{wish.pk}")
        wish.refresh_from_db()
        assert wish.title_in_own_words == "mise en rayon"
        assert [job.code for job in wish.rome_job_list] == ["D1507", "D1505"]
        assert wish.version == 2
        assert wish.updated_by == colleague
        first, second = wish.versions.order_by("version")
        assert (first.title_in_own_words, first.rome_codes, first.changed_by) == (
            "caissière",
            ["D1505"],
            pathway.referent,
        )
        assert (second.title_in_own_words, second.rome_codes, second.changed_by) == (
            "mise en rayon",
            ["D1507", "D1505"],
            colleague,
        )

    def test_form_is_filled_with_the_wish_and_its_version(self, counsellor_client, pathway):
        wish = JobWishFactory(pathway=pathway, rome_codes=["K1302", "K1304"], max_commute_km=8)
        change_wish(wish, priority=2)

        form = counsellor_client.get(edit_url(wish)).context["form"]

        assert form["rome_job_1"].value() == "K1302"
        assert form["rome_job_2"].value() == "K1304"
        assert form["max_commute_km"].value() == 8
        assert form["version"].value() == 2

    def test_invalid_input_changes_nothing(self, counsellor_client, pathway):
        wish = JobWishFactory(pathway=pathway)

        response = counsellor_client.post(edit_url(wish), wish_post(rome_job_1="XX", version="1"))

        assert "rome_job_1" in response.context["form"].errors
        wish.refresh_from_db()
        assert wish.title_in_own_words == "caissière"
        assert wish.version == 1
        assert wish.versions.count() == 1

    def test_a_wish_of_another_participant_is_not_found(self, counsellor_client, pathway, territory):
        other_wish = JobWishFactory(pathway=PathwayFactory(territory=territory))
        url = reverse(
            "jobwishes:edit", kwargs={"participant_pk": pathway.participant.pk, "pk": other_wish.pk}
        )

        assert counsellor_client.get(url).status_code == 404


class TestJobWishSetStatus:
    def test_confirming_a_wish_is_celebrated_and_kept_in_history(self, counsellor_client, pathway):
        wish = JobWishFactory(pathway=pathway, title_in_own_words="caissière")

        response = counsellor_client.post(status_url(wish), {"status": "confirmed"})

        assertRedirects(response, f"{list_url(pathway.participant)}#piste-{wish.pk}")
        wish.refresh_from_db()
        assert wish.status == JobWishStatus.CONFIRMED
        assert wish.version == 2
        assert list(wish.versions.values_list("status", flat=True).order_by("version")) == [
            "exploring",
            "confirmed",
        ]
        messages = [str(message) for message in response.wsgi_request._messages]
        assert messages == ["Piste confirmée : « caissière ». Un vrai pas en avant !"]

    def test_setting_aside(self, counsellor_client, pathway):
        wish = JobWishFactory(pathway=pathway)

        response = counsellor_client.post(status_url(wish), {"status": "set_aside"})

        wish.refresh_from_db()
        assert wish.status == JobWishStatus.SET_ASIDE
        messages = [str(message) for message in response.wsgi_request._messages]
        assert messages == ["Statut de « caissière » : Mise de côté."]

    def test_an_unknown_status_changes_nothing(self, counsellor_client, pathway):
        wish = JobWishFactory(pathway=pathway)

        counsellor_client.post(status_url(wish), {"status": "hired"})

        wish.refresh_from_db()
        assert (wish.status, wish.version) == (JobWishStatus.EXPLORING, 1)

    def test_only_post(self, counsellor_client, pathway):
        wish = JobWishFactory(pathway=pathway)

        assert counsellor_client.get(status_url(wish)).status_code == 405


class TestJobWishPermissions:
    @pytest.fixture
    def wish(self, pathway):
        return JobWishFactory(pathway=pathway)

    def urls(self, wish) -> list[str]:
        participant = wish.pathway.participant
        return [list_url(participant), create_url(participant), edit_url(wish), status_url(wish)]

    def test_a_counsellor_of_another_territory_gets_404_everywhere(self, other_counsellor_client, wish):
        list_page, create_page, edit_page, status_action = self.urls(wish)
        for url in [list_page, create_page, edit_page]:
            assert other_counsellor_client.get(url).status_code == 404, url
        for url in [create_page, edit_page, status_action]:
            response = other_counsellor_client.post(url, wish_post(version="1", status="confirmed"))
            assert response.status_code == 404, url
        wish.refresh_from_db()
        assert (wish.version, wish.status) == (1, JobWishStatus.EXPLORING)

    def test_anonymous_visitors_are_sent_to_log_in(self, client, wish):
        for url in self.urls(wish):
            response = client.post(url) if url == status_url(wish) else client.get(url)
            assertRedirects(
                response, f"{reverse('accounts:login')}?next={url}", fetch_redirect_response=False
            )

    def test_a_business_developer_reads_the_wishes_without_edit_controls(
        self, business_developer_client, wish
    ):
        response = business_developer_client.get(list_url(wish.pathway.participant))

        assertContains(response, "« caissière »")
        assertContains(response, "Hôte / Hôtesse de caisse")
        assertNotContains(response, edit_url(wish))
        assertNotContains(response, status_url(wish))
        assertNotContains(response, create_url(wish.pathway.participant))

    def test_a_business_developer_cannot_write_wishes(self, business_developer_client, wish):
        participant = wish.pathway.participant
        assert business_developer_client.get(create_url(participant)).status_code == 403
        assert business_developer_client.post(create_url(participant), wish_post()).status_code == 403
        assert business_developer_client.get(edit_url(wish)).status_code == 403
        response = business_developer_client.post(edit_url(wish), wish_post(version="1"))
        assert response.status_code == 403
        assertContains(response, "Accès refusé", status_code=403)
        assert business_developer_client.post(status_url(wish), {"status": "confirmed"}).status_code == 403
        wish.refresh_from_db()
        assert (wish.version, wish.status, JobWish.objects.count()) == (1, JobWishStatus.EXPLORING, 1)

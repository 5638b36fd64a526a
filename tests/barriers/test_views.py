import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from chemin.barriers.enums import BarrierCategory, BarrierStatus, ConstraintKind
from chemin.barriers.models import Barrier, JobConstraint
from tests.barriers.factories import BarrierFactory, JobConstraintFactory
from tests.participants.factories import PathwayFactory

HEALTH_WORDS = "Mon dos ne supporte plus les charges lourdes."
CONFIDENTIAL = "Un frein à caractère confidentiel est suivi par le ou la référent·e."


def list_url(participant) -> str:
    return reverse("barriers:list", kwargs={"participant_pk": participant.pk})


def create_url(participant) -> str:
    return reverse("barriers:create", kwargs={"participant_pk": participant.pk})


def status_url(barrier) -> str:
    return reverse(
        "barriers:change_status", kwargs={"participant_pk": barrier.pathway.participant_id, "pk": barrier.pk}
    )


def constraint_create_url(participant) -> str:
    return reverse("barriers:constraint_create", kwargs={"participant_pk": participant.pk})


def constraint_end_url(constraint) -> str:
    return reverse(
        "barriers:constraint_end",
        kwargs={"participant_pk": constraint.pathway.participant_id, "pk": constraint.pk},
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages]


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def barrier_data(**overrides) -> dict:
    return {
        "category": BarrierCategory.FAMILY,
        "situation": "13",
        "own_words": "Ma fille a 18 mois, pas de place en crèche.",
        "identified_on": days_ago(1).isoformat(),
        **overrides,
    }


@pytest.mark.django_db
class TestBarrierList:
    def test_open_barriers_come_first_with_words_history_and_constraints(self, counsellor_client, pathway):
        lifted = BarrierFactory(
            pathway=pathway,
            category=BarrierCategory.DIGITAL,
            situation="x-no-device",
            own_words="",
            lifted=True,
        )
        childcare = BarrierFactory(
            pathway=pathway, category=BarrierCategory.FAMILY, situation="13", own_words="Ma fille a 18 mois."
        )
        JobConstraintFactory(pathway=pathway, barrier=childcare, school_hours=True)

        response = counsellor_client.get(list_url(pathway.participant))

        content = response.content.decode()
        assert (
            content.index("Freins en cours")
            < content.index("Enfant(s) de moins de 3 ans sans solution de garde")
            < content.index("Freins levés ou abandonnés")
            < content.index("Ni ordinateur ni smartphone")
        )
        assertContains(response, "« Ma fille a 18 mois. »")
        assertContains(response, f"Repéré le {childcare.identified_on:%d/%m/%Y} par Alice Martin")
        assertContains(response, "Seulement dans une plage horaire : de 09:00 à 16:30")
        assertContains(response, "<summary>Historique", count=2)
        assertContains(response, status_url(childcare))
        assert lifted.pk in [b.pk for b in response.context["ended_barriers"]]

    def test_a_colleague_reads_that_a_confidential_barrier_exists_nothing_more(
        self, colleague_client, pathway
    ):
        health = BarrierFactory(pathway=pathway, health=True)
        BarrierFactory(pathway=pathway)

        response = colleague_client.get(list_url(pathway.participant))

        assertContains(response, CONFIDENTIAL)
        assertNotContains(response, HEALTH_WORDS)
        assertNotContains(response, "Santé")
        assertNotContains(response, "Problème déclaré")
        assertNotContains(response, status_url(health))
        assertContains(response, "Aucun moyen de transport à disposition")
        assert colleague_client.get(status_url(health)).status_code == 404

    @pytest.mark.parametrize("reader", ["counsellor_client", "manager_client"])
    def test_the_referent_and_managers_read_a_health_barrier(self, request, reader, pathway):
        BarrierFactory(pathway=pathway, health=True)

        response = request.getfixturevalue(reader).get(list_url(pathway.participant))

        assertContains(response, HEALTH_WORDS)
        assertContains(response, "Santé")
        assertNotContains(response, CONFIDENTIAL)

    def test_a_business_developer_sees_the_constraint_but_not_the_barriers_category_or_text(
        self, business_developer_client, pathway
    ):
        barrier = BarrierFactory(
            pathway=pathway, category=BarrierCategory.FAMILY, situation="13", own_words="Ma fille a 18 mois."
        )
        JobConstraintFactory(pathway=pathway, barrier=barrier, school_hours=True)
        BarrierFactory(pathway=pathway, health=True)

        response = business_developer_client.get(list_url(pathway.participant))

        assert response.status_code == 200
        assertContains(response, "Seulement dans une plage horaire : de 09:00 à 16:30")
        for secret in [
            "Contraintes familiales",
            "Enfant(s) de moins de 3 ans",
            "Ma fille a 18 mois",
            "Santé",
            HEALTH_WORDS,
            "confidentiel",
            "Freins en cours",
            "Repéré le",
        ]:
            assertNotContains(response, secret)
        assertNotContains(response, create_url(pathway.participant))
        assertNotContains(response, "Terminer")
        assert response.context["open_barriers"] == []

    def test_a_business_developer_changes_nothing(self, business_developer_client, pathway):
        barrier = BarrierFactory(pathway=pathway)
        constraint = JobConstraintFactory(pathway=pathway)
        participant = pathway.participant

        assert business_developer_client.get(create_url(participant)).status_code == 403
        assert business_developer_client.post(create_url(participant), barrier_data()).status_code == 403
        assert business_developer_client.post(status_url(barrier), {"status": "lifted"}).status_code == 403
        assert business_developer_client.post(constraint_end_url(constraint)).status_code == 403
        assert business_developer_client.get(constraint_create_url(participant)).status_code == 403
        assert Barrier.objects.count() == 1
        assert JobConstraint.objects.current().count() == 1

    def test_someone_of_another_territory_gets_a_404_everywhere(self, other_counsellor_client, pathway):
        barrier = BarrierFactory(pathway=pathway)
        constraint = JobConstraintFactory(pathway=pathway)
        participant = pathway.participant

        for url in [
            list_url(participant),
            create_url(participant),
            status_url(barrier),
            constraint_create_url(participant),
        ]:
            assert other_counsellor_client.get(url).status_code == 404, url
        assert other_counsellor_client.post(create_url(participant), barrier_data()).status_code == 404
        assert other_counsellor_client.post(status_url(barrier), {"status": "lifted"}).status_code == 404
        assert other_counsellor_client.post(constraint_end_url(constraint)).status_code == 404
        assert Barrier.objects.count() == 1
        assert JobConstraint.objects.current().count() == 1

    def test_a_barrier_of_another_participant_is_a_404(
        self, counsellor_client, counsellor, pathway, territory
    ):
        other = BarrierFactory(pathway=PathwayFactory(territory=territory, referent=counsellor))
        url = reverse(
            "barriers:change_status", kwargs={"participant_pk": pathway.participant_id, "pk": other.pk}
        )
        assert counsellor_client.get(url).status_code == 404

    def test_a_closed_pathway_is_read_only(self, counsellor_client, counsellor, territory):
        pathway = PathwayFactory(territory=territory, referent=counsellor, closed=True)
        barrier = BarrierFactory(pathway=pathway, identified_on=pathway.entry_date)

        response = counsellor_client.get(list_url(pathway.participant))

        assertContains(response, "Le parcours est clos")
        assertNotContains(response, status_url(barrier))
        assertRedirects(
            counsellor_client.post(create_url(pathway.participant), barrier_data()),
            list_url(pathway.participant),
        )
        assert Barrier.objects.count() == 1

    @pytest.mark.parametrize("barriers", [2, 6])
    def test_query_count_does_not_grow_with_barriers(
        self, counsellor_client, pathway, django_assert_num_queries, barriers
    ):
        for index in range(barriers):
            barrier = BarrierFactory(pathway=pathway, health=index % 2 == 0, lifted=index % 3 == 0)
            JobConstraintFactory(pathway=pathway, barrier=barrier, school_hours=True)
        JobConstraintFactory(pathway=pathway)
        BarrierFactory(pathway=PathwayFactory(territory=pathway.territory))

        # Session, user, memberships (territory context), participant, pathway, role; constraints,
        # barriers, their transitions; the audit trail's read; session save (3).
        with django_assert_num_queries(13):
            response = counsellor_client.get(list_url(pathway.participant))

        assert response.content.decode().count('class="barrier barrier--') == barriers


@pytest.mark.django_db
class TestBarrierCreate:
    def test_the_form_offers_every_categorys_situations_without_javascript(self, counsellor_client, pathway):
        response = counsellor_client.get(create_url(pathway.participant))

        assertContains(response, '<optgroup label="Contraintes familiales">')
        assertContains(response, "Enfant(s) de moins de 3 ans sans solution de garde")
        assertContains(response, "Consentement de la personne recueilli le")

    def test_htmx_swaps_the_situations_of_the_chosen_category(self, counsellor_client, pathway):
        htmx = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "barrier-situation"}

        family = counsellor_client.get(create_url(pathway.participant), {"category": "24"}, **htmx)
        health = counsellor_client.get(create_url(pathway.participant), {"category": "25"}, **htmx)

        assertContains(family, "Enfant(s) de moins de 3 ans sans solution de garde")
        assertNotContains(family, "Aucun moyen de transport")
        assertNotContains(family, "<optgroup")
        assertNotContains(family, "Consentement")
        assertNotContains(family, "<html")
        assertContains(health, "Consentement de la personne recueilli le")

    def test_records_a_childcare_barrier_with_school_hours(self, counsellor_client, counsellor, pathway):
        response = counsellor_client.post(
            create_url(pathway.participant),
            barrier_data(
                constraint_kinds=[ConstraintKind.HOURS_WINDOW, ConstraintKind.NO_WEEKEND],
                earliest_start="09:00",
                latest_end="16:30",
            ),
        )

        barrier = Barrier.objects.get()
        assertRedirects(response, f"{list_url(pathway.participant)}#frein-{barrier.pk}")
        assert (barrier.pathway, barrier.category, barrier.situation, barrier.identified_by) == (
            pathway,
            BarrierCategory.FAMILY,
            "13",
            counsellor,
        )
        assert sorted(barrier.constraints.values_list("kind", flat=True)) == ["hours_window", "no_weekend"]
        assert messages_of(response) == ["Frein repéré : Contraintes familiales"]

    def test_a_health_barrier_without_consent_is_refused_on_the_field(self, counsellor_client, pathway):
        response = counsellor_client.post(
            create_url(pathway.participant),
            barrier_data(category=BarrierCategory.HEALTH, situation="15", own_words=HEALTH_WORDS),
        )

        assert response.status_code == 200
        assert response.context["form"].errors["consent_given_on"] == [
            "La santé et la justice sont des données sensibles : indiquez d’abord le jour où la personne "
            "a consenti à leur enregistrement."
        ]
        assertContains(response, HEALTH_WORDS)
        assert not Barrier.objects.exists()

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            ({"situation": "6"}, "situation", "Cette situation relève d’une autre catégorie"),
            ({"situation": "", "own_words": "  "}, "own_words", "Choisissez une situation type"),
            ({"identified_on": "2999-01-01"}, "identified_on", "Cette date est dans le futur."),
            ({"identified_on": "31/02/2026"}, "identified_on", "Saisissez une date valide"),
            (
                {"constraint_kinds": ["hours_window"], "earliest_start": "17:00", "latest_end": "09:00"},
                "latest_end",
                "L’heure de fin doit venir après l’heure de début.",
            ),
            ({"constraint_kinds": ["hours_window"]}, "earliest_start", "Indiquez l’heure de début"),
            ({"constraint_kinds": ["max_commute"]}, "max_commute_km", "Indiquez un trajet maximum"),
        ],
    )
    def test_bad_input_is_a_french_field_error_and_nothing_is_saved(
        self, counsellor_client, pathway, overrides, field, message
    ):
        response = counsellor_client.post(create_url(pathway.participant), barrier_data(**overrides))

        assert response.status_code == 200
        assert message in " ".join(response.context["form"].errors[field])
        assert not Barrier.objects.exists()
        assert not JobConstraint.objects.exists()

    def test_a_colleague_records_a_barrier_too(self, colleague_client, pathway):
        colleague_client.post(create_url(pathway.participant), barrier_data())
        assert Barrier.objects.count() == 1


@pytest.mark.django_db
class TestBarrierChangeStatus:
    def test_lifting_ends_the_constraint_with_it(self, counsellor_client, pathway):
        barrier = BarrierFactory(pathway=pathway, category=BarrierCategory.FAMILY, situation="13")
        constraint = JobConstraintFactory(pathway=pathway, barrier=barrier, school_hours=True)
        kept = JobConstraintFactory(pathway=pathway, barrier=barrier, kept_after_barrier=True)

        page = counsellor_client.get(status_url(barrier))
        assertContains(page, 'value="lifted"')
        response = counsellor_client.post(
            status_url(barrier),
            {"status": "lifted", "on": timezone.localdate().isoformat(), "comment": "Crèche AVIP."},
        )

        assertRedirects(response, f"{list_url(pathway.participant)}#frein-{barrier.pk}")
        assert messages_of(response) == ["Bravo ! Frein levé : Contraintes familiales"]
        barrier.refresh_from_db()
        constraint.refresh_from_db()
        kept.refresh_from_db()
        assert barrier.status == BarrierStatus.LIFTED
        assert constraint.ended_on == timezone.localdate()
        assert kept.ended_on is None

    def test_a_status_not_allowed_is_refused_in_french(self, counsellor_client, pathway):
        barrier = BarrierFactory(pathway=pathway, lifted=True)

        response = counsellor_client.post(
            status_url(barrier), {"status": "persistent", "on": timezone.localdate().isoformat()}
        )

        assert response.status_code == 200
        assert response.context["form"].errors["status"] == [
            "Un frein « Levé » ne peut pas prendre ce statut."
        ]
        barrier.refresh_from_db()
        assert barrier.status == BarrierStatus.LIFTED
        assert barrier.transitions.count() == 2

    def test_a_date_before_the_last_change_is_refused(self, counsellor_client, pathway):
        barrier = BarrierFactory(pathway=pathway, identified_on=days_ago(3))

        response = counsellor_client.post(
            status_url(barrier), {"status": "lifted", "on": days_ago(4).isoformat()}
        )

        assert response.context["form"].errors["on"] == [
            "Cette date est antérieure au dernier changement du frein."
        ]
        barrier.refresh_from_db()
        assert barrier.status == BarrierStatus.IDENTIFIED


@pytest.mark.django_db
class TestConstraints:
    def test_adds_a_constraint_on_its_own(self, counsellor_client, pathway):
        response = counsellor_client.post(
            constraint_create_url(pathway.participant),
            {
                "kind": "max_commute",
                "max_commute_km": "15",
                "commute_means": "public_transport",
                "started_on": timezone.localdate().isoformat(),
            },
        )

        assertRedirects(response, f"{list_url(pathway.participant)}#contraintes")
        constraint = JobConstraint.objects.get()
        assert (constraint.kind, constraint.max_commute_km, constraint.barrier) == ("max_commute", 15, None)
        assert messages_of(response) == ["Contrainte ajoutée : Trajet maximum : 15 km (transports en commun)"]

    def test_a_max_commute_without_a_limit_is_refused(self, counsellor_client, pathway):
        response = counsellor_client.post(
            constraint_create_url(pathway.participant),
            {"kind": "max_commute", "started_on": timezone.localdate().isoformat()},
        )
        assert response.context["form"].errors["max_commute_km"] == [
            "Indiquez un trajet maximum en kilomètres, en minutes ou les deux."
        ]
        assert not JobConstraint.objects.exists()

    def test_ends_a_constraint_tied_to_a_barrier(self, counsellor_client, pathway):
        barrier = BarrierFactory(pathway=pathway)
        constraint = JobConstraintFactory(pathway=pathway, barrier=barrier)

        response = counsellor_client.post(constraint_end_url(constraint))

        assertRedirects(response, f"{list_url(pathway.participant)}#contraintes")
        constraint.refresh_from_db()
        assert constraint.ended_on == timezone.localdate()
        assert messages_of(response) == ["Contrainte terminée : Pas de travail de nuit"]

    def test_ending_twice_says_why(self, counsellor_client, pathway):
        constraint = JobConstraintFactory(pathway=pathway, ended_on=days_ago(1))

        response = counsellor_client.post(constraint_end_url(constraint))

        assert messages_of(response) == [
            "La contrainte n’a pas pu être terminée : Cette contrainte est déjà terminée."
        ]

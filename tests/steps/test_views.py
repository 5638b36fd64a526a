import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from chemin.steps.enums import StepOwner, StepStatus
from chemin.steps.models import Step
from tests.participants.factories import PathwayFactory
from tests.steps.factories import StepFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def list_url(participant) -> str:
    return reverse("steps:list", kwargs={"participant_pk": participant.pk})


def create_url(participant) -> str:
    return reverse("steps:create", kwargs={"participant_pk": participant.pk})


def edit_url(step) -> str:
    return reverse("steps:edit", kwargs={"participant_pk": step.pathway.participant_id, "pk": step.pk})


def status_url(step) -> str:
    return reverse("steps:set_status", kwargs={"participant_pk": step.pathway.participant_id, "pk": step.pk})


def messages_of(response) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages]


class TestStepList:
    def test_steps_under_way_come_first_overdue_ones_said_in_words(self, counsellor_client, pathway):
        StepFactory(pathway=pathway, title="Mettre à jour le CV", done=True)
        StepFactory(pathway=pathway, title="Appeler la crèche de Liévin", overdue=True)
        StepFactory(pathway=pathway, title="S'inscrire à l'atelier confiance en soi")
        StepFactory(pathway=pathway, title="Chercher une garde le mercredi", dropped=True)

        response = counsellor_client.get(list_url(pathway.participant))

        content = response.content.decode()
        assert (
            content.index("Appeler la crèche de Liévin")
            < content.index("S&#x27;inscrire à l&#x27;atelier confiance en soi")
            < content.index("Étapes franchies")
            < content.index("Mettre à jour le CV")
            < content.index("Étapes abandonnées")
            < content.index("Chercher une garde le mercredi")
        )
        assertContains(response, "En retard de 3 jours")
        assertContains(response, "1 étape est en retard.")
        assertContains(response, f"Étape franchie le {timezone.localdate():%d/%m/%Y}")
        assertContains(response, 'class="step step--done"')

    def test_milestones_newest_first(self, counsellor_client, pathway):
        today = timezone.localdate()
        StepFactory(
            pathway=pathway,
            title="Ouvrir l'espace France Travail",
            done=True,
            done_on=today - datetime.timedelta(days=9),
        )
        StepFactory(pathway=pathway, title="Acheter des chaussures de sécurité", done=True, done_on=today)

        content = counsellor_client.get(list_url(pathway.participant)).content.decode()

        assert content.index("Acheter des chaussures") < content.index("Ouvrir l&#x27;espace France Travail")

    @pytest.mark.parametrize("steps", [1, 5])
    def test_query_count_does_not_grow_with_steps(
        self, counsellor_client, pathway, django_assert_num_queries, steps
    ):
        for _ in range(steps):
            StepFactory(pathway=pathway, overdue=True)
            StepFactory(pathway=pathway, done=True)
            StepFactory(pathway=pathway, partner=True, in_progress=True)
        StepFactory(pathway=PathwayFactory(territory=pathway.territory))

        with django_assert_num_queries(11):
            response = counsellor_client.get(list_url(pathway.participant))

        assert response.content.decode().count("data-step-row") == 3 * steps

    def test_a_partner_step_names_the_partner(self, counsellor_client, pathway):
        StepFactory(pathway=pathway, partner=True)

        assertContains(
            counsellor_client.get(list_url(pathway.participant)), "Qui : CCAS de Liévin (Un partenaire)"
        )

    def test_closed_pathway_is_read_only(self, counsellor_client, counsellor, territory):
        pathway = PathwayFactory(territory=territory, referent=counsellor)
        step = StepFactory(pathway=pathway)
        pathway.phase, pathway.closed_on = "closed", pathway.entry_date
        pathway.exit_category, pathway.exit_reason = "other", "no_news"
        pathway.save()

        response = counsellor_client.get(list_url(pathway.participant))

        assertContains(response, step.title)
        assertNotContains(response, status_url(step))
        assertNotContains(response, create_url(pathway.participant))


class TestStepCreate:
    def test_counsellor_adds_a_step(self, counsellor_client, counsellor, pathway):
        due = timezone.localdate() + datetime.timedelta(days=10)

        response = counsellor_client.post(
            create_url(pathway.participant),
            {
                "title": "Demander l'aide au permis au Département",
                "owner": "participant",
                "due_date": due.isoformat(),
            },
        )

        step = Step.objects.get()
        assertRedirects(response, f"{list_url(pathway.participant)}#etape-{step.pk}")
        assert (step.pathway, step.owner, step.due_date, step.status, step.done_on, step.created_by) == (
            pathway,
            StepOwner.PARTICIPANT,
            due,
            StepStatus.TODO,
            None,
            counsellor,
        )
        assert messages_of(response) == ["Étape ajoutée : Demander l'aide au permis au Département"]

    def test_accepts_a_french_date(self, counsellor_client, pathway):
        counsellor_client.post(
            create_url(pathway.participant),
            {
                "title": "Rendez-vous plateforme mobilité",
                "owner": "partner",
                "owner_name": "Wimoov",
                "due_date": "15/03/2027",
            },
        )

        step = Step.objects.get()
        assert (step.due_date, step.owner_label) == (datetime.date(2027, 3, 15), "Wimoov")

    def test_an_invalid_date_is_a_field_error_and_nothing_is_saved(self, counsellor_client, pathway):
        response = counsellor_client.post(
            create_url(pathway.participant),
            {"title": "Mettre à jour le CV", "owner": "participant", "due_date": "31/02/2027"},
        )

        assert response.context["form"].errors["due_date"] == [
            "Saisissez une date valide, par exemple 15/03/2026."
        ]
        assertContains(response, 'value="Mettre à jour le CV"')
        assert not Step.objects.exists()

    def test_a_partner_name_needs_a_partner_owner(self, counsellor_client, pathway):
        response = counsellor_client.post(
            create_url(pathway.participant),
            {"title": "Faire le point budget", "owner": "participant", "owner_name": "CCAS"},
        )

        assert response.context["form"].errors["owner_name"] == [
            "Indiquez un partenaire seulement quand c’est un partenaire qui s’en charge."
        ]
        assert not Step.objects.exists()

    def test_a_title_is_required(self, counsellor_client, pathway):
        response = counsellor_client.post(
            create_url(pathway.participant), {"title": "  ", "owner": "participant"}
        )

        assert "title" in response.context["form"].errors
        assert not Step.objects.exists()

    def test_needs_an_open_pathway(self, counsellor_client, counsellor, territory):
        pathway = PathwayFactory(territory=territory, referent=counsellor, closed=True)

        response = counsellor_client.post(
            create_url(pathway.participant), {"title": "CV", "owner": "participant"}
        )

        assertRedirects(response, list_url(pathway.participant))
        assert not Step.objects.exists()
        assert messages_of(response) == [
            "Cette personne n’a pas d’accompagnement ouvert : les étapes s’écrivent pendant un accompagnement ouvert."
        ]


class TestStepEdit:
    def test_edits_a_step(self, colleague_client, pathway):
        step = StepFactory(pathway=pathway, title="CV")

        response = colleague_client.post(
            edit_url(step),
            {"title": "Mettre à jour le CV", "owner": "counsellor", "due_date": "", "status": "in_progress"},
        )

        assertRedirects(response, f"{list_url(pathway.participant)}#etape-{step.pk}")
        step.refresh_from_db()
        assert (step.title, step.owner, step.due_date, step.status) == (
            "Mettre à jour le CV",
            StepOwner.COUNSELLOR,
            None,
            StepStatus.IN_PROGRESS,
        )

    def test_marking_done_from_the_form_is_celebrated(self, counsellor_client, pathway):
        step = StepFactory(pathway=pathway, title="Mettre à jour le CV")

        response = counsellor_client.post(
            edit_url(step), {"title": "Mettre à jour le CV", "owner": "participant", "status": "done"}
        )

        step.refresh_from_db()
        assert step.done_on == timezone.localdate()
        assert messages_of(response) == ["Bravo ! Étape franchie : Mettre à jour le CV"]

    def test_form_is_filled_with_the_step(self, counsellor_client, pathway):
        step = StepFactory(pathway=pathway, partner=True, in_progress=True)

        form = counsellor_client.get(edit_url(step)).context["form"]

        assert (form["owner"].value(), form["owner_name"].value(), form["status"].value()) == (
            "partner",
            "CCAS de Liévin",
            "in_progress",
        )


class TestStepSetStatus:
    def test_marking_done_celebrates_it_and_dates_it(self, counsellor_client, pathway):
        step = StepFactory(pathway=pathway, title="Appeler la crèche de Liévin")

        response = counsellor_client.post(status_url(step), {"status": "done"})

        assertRedirects(
            response, f"{list_url(pathway.participant)}#etape-{step.pk}", fetch_redirect_response=False
        )
        step.refresh_from_db()
        assert (step.status, step.done_on) == (StepStatus.DONE, timezone.localdate())
        page = counsellor_client.get(list_url(pathway.participant))
        assertContains(
            page,
            '<p class="message message--success">Bravo ! Étape franchie : Appeler la crèche de Liévin</p>',
        )

    def test_with_htmx_the_updated_row_comes_back_celebrated(self, counsellor_client, pathway):
        step = StepFactory(pathway=pathway, title="Appeler la crèche de Liévin")

        response = counsellor_client.post(status_url(step), {"status": "done"}, **HTMX)

        assert response.status_code == 200
        assertContains(response, f'id="etape-{step.pk}"')
        assertContains(response, 'class="step step--done"')
        assertContains(response, "data-step-focus")
        assertContains(response, f"Étape franchie le {timezone.localdate():%d/%m/%Y}")
        assertContains(response, 'hx-swap-oob="innerHTML:#step-announcer"')
        assertContains(
            response,
            '<p class="message celebration">Bravo ! Étape franchie : Appeler la crèche de Liévin</p>',
        )
        assertNotContains(response, "<html")
        # Not celebrated twice: no message waits for the next page.
        assert messages_of(response) == []

    def test_with_htmx_starting_a_step_is_announced_plainly(self, counsellor_client, pathway):
        step = StepFactory(pathway=pathway, title="Réviser le code")

        response = counsellor_client.post(status_url(step), {"status": "in_progress"}, **HTMX)

        assertContains(response, "Réviser le code : En cours")
        assertNotContains(response, "Bravo")
        step.refresh_from_db()
        assert (step.status, step.done_on) == (StepStatus.IN_PROGRESS, None)

    def test_reopening_a_done_step_clears_its_date(self, counsellor_client, pathway):
        step = StepFactory(pathway=pathway, done=True)

        counsellor_client.post(status_url(step), {"status": "todo"})

        step.refresh_from_db()
        assert (step.status, step.done_on) == (StepStatus.TODO, None)

    def test_an_unknown_status_changes_nothing(self, counsellor_client, pathway):
        step = StepFactory(pathway=pathway)

        response = counsellor_client.post(status_url(step), {"status": "finished"})

        assertRedirects(response, list_url(pathway.participant))
        step.refresh_from_db()
        assert step.status == StepStatus.TODO

    def test_with_htmx_a_refusal_reloads_the_list(self, counsellor_client, pathway):
        step = StepFactory(pathway=pathway)

        response = counsellor_client.post(status_url(step), {"status": "finished"}, **HTMX)

        assert response.headers["HX-Redirect"] == list_url(pathway.participant)

    def test_only_post(self, counsellor_client, pathway):
        assert counsellor_client.get(status_url(StepFactory(pathway=pathway))).status_code == 405


class TestStepPermissions:
    @pytest.fixture
    def step(self, pathway):
        return StepFactory(pathway=pathway)

    def test_a_counsellor_of_another_territory_gets_404_everywhere(self, other_counsellor_client, step):
        participant = step.pathway.participant
        for url in [list_url(participant), create_url(participant), edit_url(step)]:
            assert other_counsellor_client.get(url).status_code == 404, url
        for url in [create_url(participant), edit_url(step), status_url(step)]:
            response = other_counsellor_client.post(
                url, {"title": "x", "owner": "participant", "status": "done"}
            )
            assert response.status_code == 404, url
        step.refresh_from_db()
        assert step.status == StepStatus.TODO

    def test_anonymous_visitors_are_sent_to_log_in(self, client, step):
        participant = step.pathway.participant
        for url in [list_url(participant), create_url(participant), edit_url(step)]:
            assertRedirects(
                client.get(url), f"{reverse('accounts:login')}?next={url}", fetch_redirect_response=False
            )
        response = client.post(status_url(step), {"status": "done"})
        assert response.status_code == 302
        step.refresh_from_db()
        assert step.status == StepStatus.TODO

    def test_steps_are_not_for_business_developers(self, business_developer_client, step):
        participant = step.pathway.participant
        for url in [list_url(participant), create_url(participant), edit_url(step)]:
            response = business_developer_client.get(url)
            assert response.status_code == 403, url
            assertContains(response, "Accès refusé", status_code=403)
        assert business_developer_client.post(status_url(step), {"status": "done"}).status_code == 403
        step.refresh_from_db()
        assert step.status == StepStatus.TODO

    def test_a_manager_may_mark_a_step_done(self, manager_client, step):
        manager_client.post(status_url(step), {"status": "done"})

        step.refresh_from_db()
        assert step.status == StepStatus.DONE

"""Following a person: only what they share, never a barrier, a restricted or a team note."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from chemin.appointments.enums import AppointmentStatus
from chemin.exits.services import exit_review_save, exit_review_send, pathway_close
from chemin.opportunities.services import placement_create
from chemin.privacy.enums import SharedItem
from tests.appointments.factories import AppointmentFactory, at
from tests.barriers.factories import BarrierFactory
from tests.employments.factories import make_employment
from tests.immersions.factories import ImmersionFactory
from tests.jobwishes.factories import JobWishFactory
from tests.notes.factories import NoteFactory
from tests.opportunities.factories import make_company, make_opportunity
from tests.prescriber_portal.conftest import share
from tests.steps.factories import StepFactory

EVERYTHING = list(SharedItem.values)


def url(referral):
    return reverse("portal:follow", kwargs={"pk": referral.pk})


def fill(pathway, rows: int = 3) -> None:
    """Several rows of every kind the prescriber might see, and of what they must never see."""
    company = make_company(pathway.territory)
    for n in range(rows):
        StepFactory(pathway=pathway, done=True, title=f"Inscription à la formation {n}")
        StepFactory(pathway=pathway, title=f"Étape pas encore faite {n}")
        JobWishFactory(pathway=pathway, title_in_own_words=f"travailler avec les chevaux {n}", priority=n + 1)
        AppointmentFactory(pathway=pathway, starts_at=at(-(n + 2)), status=AppointmentStatus.HELD)
        AppointmentFactory(pathway=pathway, starts_at=at(-(n + 20)), status=AppointmentStatus.NO_SHOW)
        opportunity = make_opportunity(company, pathway.referent, title=f"Agent de quai {n}")
        placement_create(pathway=pathway, opportunity=opportunity, created_by=pathway.referent)
        ImmersionFactory(pathway=pathway, job_title=f"Palefrenière {n}")
        make_employment(pathway, job_title=f"Agente de propreté {n}")
        NoteFactory(pathway=pathway, for_prescriber=True, text=f"Bonne nouvelle partagée {n}")
        NoteFactory(pathway=pathway, restricted=True, text=f"Secret médical {n}")
        NoteFactory(pathway=pathway, text=f"Note d’équipe {n}")
    BarrierFactory(pathway=pathway, health=True)


class TestWhatIsShown:
    def test_milestones_only_by_default(self, prescriber_client, accepted_referral):
        fill(accepted_referral.pathway, rows=1)
        share(accepted_referral.participant)
        content = prescriber_client.get(url(accepted_referral)).content.decode()
        assert "Parcours ouvert" in content
        assert "Premier rendez-vous" in content
        # A step reached, never its words: they may tell a barrier.
        assert "Une étape franchie" in content
        assert "Inscription à la formation" not in content and "Étape pas encore faite" not in content
        # The wish text, only when the person shares their wishes.
        assert "travailler avec les chevaux" not in content
        assert "Agent de quai" not in content and "Palefrenière" not in content
        assert "Agente de propreté" not in content
        # Notes written for the prescriber go with the milestones; never the restricted or team ones.
        assert "Bonne nouvelle partagée 0" in content
        assert "Secret médical" not in content and "Note d’équipe" not in content

    def test_notes_for_the_prescriber_stop_with_the_milestones(self, prescriber_client, accepted_referral):
        fill(accepted_referral.pathway, rows=1)
        share(accepted_referral.participant, SharedItem.EXIT)
        content = prescriber_client.get(url(accepted_referral)).content.decode()
        assert "Bonne nouvelle partagée" not in content and "Parcours ouvert" not in content

    def test_everything_the_person_shares(self, prescriber_client, accepted_referral):
        fill(accepted_referral.pathway, rows=1)
        share(accepted_referral.participant, *EVERYTHING)
        content = prescriber_client.get(url(accepted_referral)).content.decode()
        assert "travailler avec les chevaux 0" in content
        assert "Rendez-vous honoré" in content
        assert "Offre d’emploi proposée : Agent de quai 0" in content
        assert "Immersion : Palefrenière 0" in content
        assert "Début de contrat : Agente de propreté 0" in content
        assert "Secret médical" not in content and "Note d’équipe" not in content

    def test_the_exit_with_the_review_sent_but_never_the_remaining_barriers(
        self, prescriber_client, accepted_referral, counsellor
    ):
        pathway = accepted_referral.pathway
        share(accepted_referral.participant, SharedItem.MILESTONES, SharedItem.EXIT)
        pathway_close(
            pathway=pathway,
            category="sustainable_employment",
            closed_on=timezone.localdate(),
            closed_by=counsellor,
        )
        review = exit_review_save(
            pathway=pathway,
            achievements="Permis obtenu, CDI signé.",
            remaining_barriers="Douleurs au dos.",
            next_steps="Point à 3 mois.",
            read_with_person_on=timezone.localdate(),
            written_by=counsellor,
        )
        exit_review_send(review=review, sent_by=counsellor)
        content = prescriber_client.get(url(accepted_referral)).content.decode()
        assert "Fin du parcours" in content
        assert "Emploi durable" in content
        assert "Permis obtenu, CDI signé." in content and "Point à 3 mois." in content
        assert "Douleurs au dos." not in content

    def test_query_count_is_fixed(self, prescriber_client, accepted_referral, django_assert_num_queries):
        fill(accepted_referral.pathway, rows=3)
        share(accepted_referral.participant, *EVERYTHING)
        # Session, user, prescriber, referral, consents, steps, wishes, appointments, placements,
        # immersions, employments, shared notes (no exit: the pathway is open), session save (3),
        # the read recorded in the audit trail.
        with django_assert_num_queries(16):
            response = prescriber_client.get(url(accepted_referral))
        follow = response.context["follow"]
        assert len(follow.job_wishes) == 3 and len(follow.appointments_kept) == 3
        assert len(follow.job_proposals) == 3 and len(follow.immersions) == 3
        assert len(follow.contract_starts) == 3 and len(follow.notes) == 3
        assert len(follow.milestones) == 2 + 3


@pytest.mark.django_db
def test_a_colleague_of_the_same_organisation_follows_the_person_too(
    client, accepted_referral, colleague_prescriber
):
    from chemin.accounts.enums import AccountKind
    from tests.accounts.factories import UserFactory

    colleague_prescriber.user = UserFactory(kind=AccountKind.PRESCRIBER)
    colleague_prescriber.save()
    share(accepted_referral.participant)
    client.force_login(colleague_prescriber.user)
    assert client.get(url(accepted_referral)).status_code == 200


def test_milestones_are_newest_first(prescriber_client, accepted_referral):
    StepFactory(
        pathway=accepted_referral.pathway,
        done=True,
        done_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    share(accepted_referral.participant)
    milestones = prescriber_client.get(url(accepted_referral)).context["follow"].milestones
    assert [m.day for m in milestones] == sorted((m.day for m in milestones), reverse=True)

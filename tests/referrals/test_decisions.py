import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from chemin.participants.models import CONSENT_TEXT_VERSION, Participant
from chemin.pathways.enums import Phase
from chemin.pathways.models import Pathway
from chemin.referrals.enums import ReferralStatus
from chemin.referrals.services import referral_accept, referral_decline
from tests.participants.factories import ParticipantFactory, PathwayFactory
from tests.referrals.factories import ReferralFactory, days_ago


def accept_url(referral) -> str:
    return reverse("referrals:accept", kwargs={"pk": referral.pk})


def decline_url(referral) -> str:
    return reverse("referrals:decline", kwargs={"pk": referral.pk})


@pytest.fixture
def accept_data(counsellor) -> dict[str, str]:
    return {"first_meeting_on": days_ago(2).isoformat(), "referent": str(counsellor.pk), "consent": "on"}


@pytest.fixture
def twin(referral, territory, colleague):
    """Samira Haddouche's existing file in Lens-Liévin, whose last pathway was closed."""
    participant = ParticipantFactory(
        first_name="Samira", last_name="Haddouche", birth_date=referral.birth_date, email="", phone=""
    )
    PathwayFactory(
        participant=participant,
        territory=territory,
        referent=colleague,
        closed=True,
        entry_date=days_ago(400),
        closed_on=days_ago(200),
    )
    return participant


@pytest.mark.django_db
class TestAccept:
    def test_records_the_persons_choice_to_share_with_their_prescriber(
        self, counsellor_client, counsellor, referral, accept_data
    ):
        from chemin.privacy.enums import ConsentPurpose
        from chemin.privacy.models import ConsentRecord
        from chemin.privacy.selectors import prescriber_shared_items

        form = counsellor_client.get(reverse("referrals:detail", kwargs={"pk": referral.pk})).context[
            "accept_form"
        ]
        assert not form["prescriber_sharing"].value()  # asked, never ticked in advance
        counsellor_client.post(accept_url(referral), {**accept_data, "prescriber_sharing": "on"})
        participant = Participant.objects.get()
        record = ConsentRecord.objects.get(participant=participant, purpose=ConsentPurpose.PRESCRIBER_SHARING)
        assert (record.granted, record.scope, record.recorded_by) == (True, ["milestones"], counsellor)
        assert prescriber_shared_items(participant) == {"milestones"}

    def test_an_unticked_sharing_is_recorded_as_refused(self, counsellor_client, referral, accept_data):
        from chemin.privacy.enums import ConsentPurpose
        from chemin.privacy.models import ConsentRecord
        from chemin.privacy.selectors import prescriber_shared_items

        counsellor_client.post(accept_url(referral), accept_data)
        participant = Participant.objects.get()
        record = ConsentRecord.objects.get(participant=participant, purpose=ConsentPurpose.PRESCRIBER_SHARING)
        assert record.granted is False
        assert prescriber_shared_items(participant) == frozenset()

    def test_opens_a_file_and_a_pathway_and_goes_to_the_file(
        self, counsellor_client, counsellor, referral, accept_data
    ):
        response = counsellor_client.post(accept_url(referral), accept_data)
        participant = Participant.objects.get()
        assert response.status_code == 302
        assert response.url == f"/personnes/{participant.pk}/"
        assert (participant.first_name, participant.last_name) == ("Samira", "Haddouche")
        assert participant.birth_date == datetime.date(1989, 4, 12)
        assert participant.email == "samira.h@example.org"
        assert participant.phone == "06 11 22 33 44"
        assert participant.consent_text_version == CONSENT_TEXT_VERSION
        assert participant.consent_given_at is not None
        pathway = Pathway.objects.get()
        assert pathway.participant == participant
        assert pathway.territory == referral.territory
        assert pathway.referent == counsellor
        assert pathway.entry_date == days_ago(2)
        assert pathway.phase == Phase.WELCOME
        referral.refresh_from_db()
        assert referral.status == ReferralStatus.ACCEPTED
        assert referral.first_meeting_on == days_ago(2)
        assert referral.days_to_first_meeting == 8
        assert referral.decided_by == counsellor
        assert referral.decided_on == timezone.localdate()
        assert referral.participant == participant
        assert referral.pathway == pathway

    def test_names_another_counsellor_of_the_territory_as_referent(
        self, manager_client, colleague, referral, accept_data
    ):
        manager_client.post(accept_url(referral), {**accept_data, "referent": colleague.pk})
        assert Pathway.objects.get().referent == colleague

    def test_refuses_a_referent_from_another_territory(
        self, counsellor_client, other_counsellor, referral, accept_data
    ):
        response = counsellor_client.post(
            accept_url(referral), {**accept_data, "referent": other_counsellor.pk}
        )
        assert "referent" in response.context["accept_form"].errors
        assert not Pathway.objects.exists()

    def test_refuses_a_first_meeting_in_the_future(self, counsellor_client, referral, accept_data):
        tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
        response = counsellor_client.post(accept_url(referral), {**accept_data, "first_meeting_on": tomorrow})
        assert response.status_code == 200
        assert response.context["accept_form"].errors["first_meeting_on"] == [
            "Le premier rendez-vous ne peut pas être dans le futur : acceptez l’orientation une fois qu’il a eu lieu."
        ]
        assert not Participant.objects.exists()
        referral.refresh_from_db()
        assert referral.status == ReferralStatus.RECEIVED

    def test_refuses_a_first_meeting_before_the_referral(self, counsellor_client, referral, accept_data):
        response = counsellor_client.post(
            accept_url(referral), {**accept_data, "first_meeting_on": days_ago(11).isoformat()}
        )
        assert response.context["accept_form"].errors["first_meeting_on"] == [
            f"Le premier rendez-vous ne peut pas précéder l’orientation ({days_ago(10):%d/%m/%Y})."
        ]
        assert not Participant.objects.exists()

    def test_needs_the_persons_consent(self, counsellor_client, referral, accept_data):
        del accept_data["consent"]
        response = counsellor_client.post(accept_url(referral), accept_data)
        assert response.context["accept_form"].errors["consent"] == [
            "L’accord de la personne est nécessaire pour ouvrir sa fiche."
        ]
        assert not Participant.objects.exists()
        assert not Pathway.objects.exists()

    def test_keeps_what_was_typed(self, counsellor_client, referral, accept_data):
        response = counsellor_client.post(accept_url(referral), {**accept_data, "consent": ""})
        assert f'value="{days_ago(2).isoformat()}"' in response.content.decode()

    def test_refuses_get(self, counsellor_client, referral):
        assert counsellor_client.get(accept_url(referral)).status_code == 405

    def test_is_a_404_for_a_counsellor_of_another_territory(
        self, other_counsellor_client, other_counsellor, referral, accept_data
    ):
        response = other_counsellor_client.post(
            accept_url(referral), {**accept_data, "referent": other_counsellor.pk}
        )
        assert response.status_code == 404
        assert not Participant.objects.exists()

    def test_sends_anonymous_visitors_to_the_login_page(self, client, referral, accept_data):
        response = client.post(accept_url(referral), accept_data)
        assert response.status_code == 302
        assert response.url.startswith("/compte/connexion/")
        assert not Participant.objects.exists()

    def test_an_accepted_referral_cannot_be_accepted_again(
        self, counsellor_client, territory, counsellor, accept_data
    ):
        accepted = ReferralFactory(territory=territory, accepted=True, recorded_by=counsellor)
        response = counsellor_client.post(accept_url(accepted), accept_data, follow=True)
        assert "Cette orientation a déjà été acceptée." in response.content.decode()
        assert Pathway.objects.count() == 1

    def test_a_declined_referral_cannot_be_accepted(self, counsellor_client, territory, accept_data):
        declined = ReferralFactory(territory=territory, declined=True)
        response = counsellor_client.post(accept_url(declined), accept_data, follow=True)
        assert "Cette orientation a déjà été refusée." in response.content.decode()
        assert not Pathway.objects.exists()


@pytest.mark.django_db
class TestAcceptOnAnExistingFile:
    def test_attaches_the_referral_to_the_existing_person(
        self, counsellor_client, referral, twin, accept_data
    ):
        response = counsellor_client.post(accept_url(referral), {**accept_data, "person": twin.pk})
        assert response.url == f"/personnes/{twin.pk}/"
        assert Participant.objects.count() == 1
        assert twin.pathways.count() == 2
        assert twin.pathways.open().get().entry_date == days_ago(2)
        twin.refresh_from_db()
        # The file had no contact details: the referral's fill them in.
        assert twin.email == "samira.h@example.org"
        assert twin.phone == "06 11 22 33 44"
        referral.refresh_from_db()
        assert referral.participant == twin

    def test_can_still_create_a_new_file_for_a_namesake(self, counsellor_client, referral, twin, accept_data):
        counsellor_client.post(accept_url(referral), {**accept_data, "person": "new"})
        assert Participant.objects.count() == 2

    def test_refuses_to_attach_to_someone_with_an_open_pathway(
        self, counsellor_client, referral, twin, territory, colleague, accept_data
    ):
        PathwayFactory(participant=twin, territory=territory, referent=colleague)
        response = counsellor_client.post(accept_url(referral), {**accept_data, "person": twin.pk})
        assert response.status_code == 200
        assert response.context["accept_form"].errors["person"] == [
            "Samira Haddouche a déjà un accompagnement en cours : il doit être clôturé avant que cette orientation en ouvre un autre."
        ]
        assert twin.pathways.count() == 2
        referral.refresh_from_db()
        assert referral.status == ReferralStatus.RECEIVED

    def test_cannot_attach_to_a_file_of_another_territory(
        self, counsellor_client, referral, other_territory, accept_data
    ):
        elsewhere = ParticipantFactory(
            first_name="Samira", last_name="Haddouche", birth_date=referral.birth_date
        )
        PathwayFactory(participant=elsewhere, territory=other_territory, closed=True)
        response = counsellor_client.post(accept_url(referral), {**accept_data, "person": elsewhere.pk})
        # The choice is not even offered: the person field does not exist, the value is ignored.
        assert response.status_code == 302
        assert elsewhere.pathways.count() == 1
        assert Participant.objects.count() == 2


@pytest.mark.django_db
class TestAcceptService:
    def test_refuses_to_open_a_second_pathway_for_someone(self, referral, counsellor, territory):
        participant = ParticipantFactory()
        PathwayFactory(participant=participant, territory=territory)
        with pytest.raises(ValidationError) as error:
            referral_accept(
                referral=referral,
                accepted_by=counsellor,
                first_meeting_on=days_ago(1),
                referent=counsellor,
                existing_participant=participant,
            )
        assert error.value.code == "already_open"
        referral.refresh_from_db()
        assert referral.status == ReferralStatus.RECEIVED

    def test_refuses_a_referent_who_is_not_staff_of_the_territory(
        self, referral, counsellor, other_counsellor
    ):
        with pytest.raises(ValidationError) as error:
            referral_accept(
                referral=referral,
                accepted_by=counsellor,
                first_meeting_on=days_ago(1),
                referent=other_counsellor,
            )
        assert error.value.code == "referent_not_in_territory"
        assert not Participant.objects.exists()

    def test_refuses_a_referral_decided_meanwhile(self, referral, counsellor, colleague):
        referral_decline(referral=referral, declined_by=colleague, reason="Hors périmètre.")
        stale = type(referral).objects.get(pk=referral.pk)
        stale.status = ReferralStatus.RECEIVED  # what the first person's page still shows
        with pytest.raises(ValidationError) as error:
            referral_accept(
                referral=stale, accepted_by=counsellor, first_meeting_on=days_ago(1), referent=counsellor
            )
        assert error.value.code == "already_decided"
        assert not Pathway.objects.exists()

    def test_the_database_allows_one_open_pathway_per_person(self, territory, counsellor):
        participant = ParticipantFactory()
        PathwayFactory(participant=participant, territory=territory, referent=counsellor)
        with pytest.raises(IntegrityError), transaction.atomic():
            Pathway.objects.create(participant=participant, territory=territory, referent=counsellor)
        PathwayFactory(participant=participant, territory=territory, referent=counsellor, closed=True)
        assert participant.pathways.count() == 2

    def test_the_database_refuses_a_first_meeting_before_the_referral(self, referral):
        referral.first_meeting_on = referral.referred_on - datetime.timedelta(days=1)
        with pytest.raises(IntegrityError), transaction.atomic():
            referral.save()

    def test_the_database_refuses_an_accepted_referral_without_pathway(self, referral):
        referral.status = ReferralStatus.ACCEPTED
        with pytest.raises(IntegrityError), transaction.atomic():
            referral.save()


@pytest.mark.django_db
class TestDecline:
    def test_declines_with_a_reason(self, counsellor_client, counsellor, referral):
        response = counsellor_client.post(
            decline_url(referral), {"reason": "Accompagnement déjà en cours par Cap emploi."}
        )
        assert response.status_code == 302
        assert response.url == f"/orientations/{referral.pk}/"
        referral.refresh_from_db()
        assert referral.status == ReferralStatus.DECLINED
        assert referral.decline_reason == "Accompagnement déjà en cours par Cap emploi."
        assert referral.decided_by == counsellor
        assert referral.decided_on == timezone.localdate()
        assert not Participant.objects.exists()

    def test_refuses_to_decline_without_a_reason(self, counsellor_client, referral):
        response = counsellor_client.post(decline_url(referral), {"reason": "   "})
        assert response.status_code == 200
        assert response.context["decline_form"].errors["reason"] == [
            "Indiquez pourquoi l’orientation est refusée."
        ]
        assert '<details class="decline" open>' in response.content.decode()
        referral.refresh_from_db()
        assert referral.status == ReferralStatus.RECEIVED

    def test_the_database_refuses_a_decline_without_reason(self, referral):
        referral.status = ReferralStatus.DECLINED
        with pytest.raises(IntegrityError), transaction.atomic():
            referral.save()

    def test_a_declined_referral_cannot_be_declined_again(self, counsellor_client, territory):
        declined = ReferralFactory(territory=territory, declined=True)
        response = counsellor_client.post(decline_url(declined), {"reason": "Encore"}, follow=True)
        assert "Cette orientation a déjà été refusée." in response.content.decode()
        declined.refresh_from_db()
        assert declined.decline_reason != "Encore"

    def test_is_a_404_for_a_counsellor_of_another_territory(self, other_counsellor_client, referral):
        response = other_counsellor_client.post(decline_url(referral), {"reason": "Pas chez nous"})
        assert response.status_code == 404
        referral.refresh_from_db()
        assert referral.status == ReferralStatus.RECEIVED

    def test_refuses_get(self, counsellor_client, referral):
        assert counsellor_client.get(decline_url(referral)).status_code == 405

import pytest

from chemin.activations.demo import seed_activations
from chemin.activations.enums import ActivationStatus
from chemin.activations.models import PrescriberActivation
from chemin.barriers.enums import BarrierCategory
from chemin.prescribers.enums import OrganisationKind
from chemin.referrals.models import Referral
from tests.prescribers.factories import PrescriberFactory
from tests.referrals.factories import ReferralFactory


@pytest.mark.django_db
class TestSeedActivations:
    def test_one_answered_by_the_departement_in_4_days_one_waiting_and_idempotent(
        self, territory, counsellor
    ):
        rsa = PrescriberFactory(
            organisation__kind=OrganisationKind.DEPARTEMENT, organisation__name="MDS Artois"
        )
        ReferralFactory(accepted=True, territory=territory, recorded_by=counsellor)
        ReferralFactory(accepted=True, territory=territory, recorded_by=counsellor, prescriber=rsa)
        pathways = [referral.pathway for referral in Referral.objects.order_by("pk")]

        seed_activations(pathways=pathways)
        seed_activations(pathways=pathways)

        answered = PrescriberActivation.objects.get(status=ActivationStatus.ACCEPTED)
        waiting = PrescriberActivation.objects.get(status=ActivationStatus.SENT)
        assert PrescriberActivation.objects.count() == 2
        assert answered.prescriber == rsa
        assert answered.delay_days == 4
        assert answered.barrier.category == BarrierCategory.MOBILITY
        assert waiting.pathway != answered.pathway
        assert waiting.barrier.category == BarrierCategory.MOBILITY

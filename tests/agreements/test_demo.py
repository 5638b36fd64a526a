import datetime

import pytest
from django.utils import timezone

from chemin.agreements.demo import DEPARTEMENT, FRANCE_TRAVAIL, PLIE, seed_agreements
from chemin.agreements.models import Agreement, Funder, IaeEligibilityCheck
from chemin.participants.enums import IncomeSupport
from tests.participants.factories import ParticipantFactory, PathwayFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


class TestSeedAgreements:
    def test_three_agreements_with_targets_people_attached_and_one_iae_check(
        self, territory, other_territory, counsellor, other_counsellor
    ):
        rsa = PathwayFactory(
            territory=territory,
            referent=counsellor,
            participant=ParticipantFactory(income_support=IncomeSupport.RSA),
        )
        long_term = PathwayFactory(
            territory=territory,
            referent=counsellor,
            participant=ParticipantFactory(
                france_travail_registered=True, registered_since=TODAY - datetime.timedelta(days=800)
            ),
        )
        in_arras = PathwayFactory(
            territory=other_territory,
            referent=other_counsellor,
            participant=ParticipantFactory(
                france_travail_registered=True, registered_since=TODAY - datetime.timedelta(days=800)
            ),
        )
        closed = PathwayFactory(territory=territory, referent=counsellor, closed=True)
        pathways = [rsa, long_term, in_arras, closed]

        seed_agreements(territories={"lens-lievin": territory, "arras": other_territory}, pathways=pathways)
        seed_agreements(territories=[territory, other_territory], pathways=pathways)

        assert Funder.objects.count() == 3
        agreements = {agreement.reference: agreement for agreement in Agreement.objects.all()}
        assert set(agreements) == {DEPARTEMENT, FRANCE_TRAVAIL, PLIE}
        for agreement in agreements.values():
            assert agreement.starts_on <= TODAY - datetime.timedelta(days=300)
            assert agreement.ends_on >= TODAY + datetime.timedelta(days=60)
            assert agreement.has_targets and agreement.planned_entries
            agreement.full_clean()
        assert set(agreements[FRANCE_TRAVAIL].territories.all()) == {territory}
        assert agreements[FRANCE_TRAVAIL].follow_up_milestones == ["m1", "m3", "m6"]

        for pathway in pathways:
            pathway.refresh_from_db()
        assert rsa.agreement.reference == DEPARTEMENT
        assert long_term.agreement.reference == FRANCE_TRAVAIL
        # France Travail's market is Lens-Liévin's only: Arras's long-term job seeker goes to the PLIE.
        assert in_arras.agreement.reference == PLIE
        assert closed.agreement.reference == PLIE

        check = IaeEligibilityCheck.objects.get()
        assert check.pathway == rsa and check.structure_kind == "aci"
        assert "RSA" in check.criteria and check.is_eligible

    def test_a_pathway_already_under_an_agreement_keeps_it(self, territory, counsellor):
        pathway = PathwayFactory(territory=territory, referent=counsellor)
        seed_agreements(territories=[territory], pathways=[pathway])
        own = Agreement.objects.get(reference=FRANCE_TRAVAIL)
        pathway.refresh_from_db()
        pathway.agreement = own
        pathway.save()
        seed_agreements(territories=[territory], pathways=[pathway])
        pathway.refresh_from_db()
        assert pathway.agreement == own

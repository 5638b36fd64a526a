"""The participant file's pages of this app: the pathway's agreement and the IAE checks."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from chemin.agreements.models import IaeEligibilityCheck
from chemin.participants.enums import EducationLevel, IncomeSupport
from tests.agreements.factories import AgreementFactory, IaeEligibilityCheckFactory
from tests.participants.factories import PathwayFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def attach_url(participant) -> str:
    return reverse("agreements:pathway_agreement", kwargs={"participant_pk": participant.pk})


def iae_url(participant) -> str:
    return reverse("agreements:iae_checks", kwargs={"participant_pk": participant.pk})


@pytest.fixture
def rsa_agreement(territory):
    return AgreementFactory(
        territories=[territory],
        reference="CD62-RSA",
        title="Accompagnement RSA",
        target_public=["rsa", "under_26"],
    )


class TestPathwayAgreement:
    @pytest.fixture(autouse=True)
    def forty_years_old(self, participant):
        """Nadia meets no target public criterion until a test gives her one."""
        participant.birth_date = TODAY.replace(year=TODAY.year - 40, day=1)
        participant.save()

    def test_offers_agreements_of_the_territory_running_at_entry_or_today(
        self, counsellor_client, participant, territory, other_territory, rsa_agreement
    ):
        AgreementFactory(territories=[other_territory], title="Convention d’Arras")
        AgreementFactory(territories=[territory], ended=True, title="Convention terminée")
        AgreementFactory(territories=[territory], coming=True, title="Convention à venir")
        response = counsellor_client.get(attach_url(participant))
        assert response.status_code == 200
        assert [agreement for _radio, agreement, *_ in response.context["form"].options()] == [
            None,
            rsa_agreement,
        ]
        page = response.content.decode()
        assert "Public cible : Allocataires du RSA, Moins de 26 ans" in page
        assert "cette personne n’en fait pas partie" in page

    def test_a_person_of_the_target_public_is_attached_at_once(
        self, counsellor_client, participant, pathway, rsa_agreement
    ):
        participant.income_support = IncomeSupport.RSA
        participant.save()
        response = counsellor_client.post(attach_url(participant), {"agreement": rsa_agreement.pk})
        assert response.status_code == 302
        assert response.url == reverse("participants:detail", kwargs={"pk": participant.pk})
        pathway.refresh_from_db()
        assert pathway.agreement == rsa_agreement

    def test_someone_outside_the_target_public_gets_a_warning_then_confirms(
        self, counsellor_client, participant, pathway, rsa_agreement
    ):
        response = counsellor_client.post(attach_url(participant), {"agreement": rsa_agreement.pk})
        assert response.status_code == 200
        page = response.content.decode()
        assert (
            "Nadia Benamar ne remplit aucun des critères de public cible de cette convention "
            "(Allocataires du RSA, Moins de 26 ans). Cochez « Rattacher quand même » pour confirmer."
        ) in page
        assert 'aria-describedby="id_outside_target_confirmed_error"' in page
        # The choice is kept.
        assert response.context["form"]["agreement"].value() == str(rsa_agreement.pk)
        assert f'value="{rsa_agreement.pk}" id="id_agreement_1" checked' in page
        pathway.refresh_from_db()
        assert pathway.agreement is None

        response = counsellor_client.post(
            attach_url(participant), {"agreement": rsa_agreement.pk, "outside_target_confirmed": "on"}
        )
        assert response.status_code == 302
        pathway.refresh_from_db()
        assert pathway.agreement == rsa_agreement

    def test_an_agreement_of_another_territory_is_refused(
        self, counsellor_client, participant, pathway, other_territory
    ):
        elsewhere = AgreementFactory(territories=[other_territory])
        response = counsellor_client.post(attach_url(participant), {"agreement": elsewhere.pk})
        assert "agreement" in response.context["form"].errors
        pathway.refresh_from_db()
        assert pathway.agreement is None

    def test_empty_takes_the_pathway_off_its_agreement(
        self, manager_client, participant, pathway, rsa_agreement
    ):
        pathway.agreement = rsa_agreement
        pathway.save()
        assert manager_client.post(attach_url(participant), {"agreement": ""}).status_code == 302
        pathway.refresh_from_db()
        assert pathway.agreement is None

    def test_another_territory_gets_404_a_business_developer_403(
        self, other_counsellor_client, business_developer_client, participant, rsa_agreement
    ):
        for client, status in ((other_counsellor_client, 404), (business_developer_client, 403)):
            assert client.get(attach_url(participant)).status_code == status
            assert client.post(attach_url(participant), {"agreement": rsa_agreement.pk}).status_code == status

    def test_a_closed_pathway_keeps_its_agreement(
        self, counsellor_client, territory, counsellor, rsa_agreement
    ):
        closed = PathwayFactory(territory=territory, referent=counsellor, closed=True)
        response = counsellor_client.post(attach_url(closed.participant), {"agreement": rsa_agreement.pk})
        assert response.status_code == 302
        closed.refresh_from_db()
        assert closed.agreement is None

    def test_the_query_count_does_not_grow_with_agreements(
        self, counsellor_client, participant, territory, django_assert_num_queries
    ):
        for _ in range(4):
            AgreementFactory(territories=[territory], target_public=["rsa"])
        # Session, user, participant, pathway, role, agreements with their funder; the switcher's
        # memberships; the audit trail's read; session save (3).
        with django_assert_num_queries(11):
            response = counsellor_client.get(attach_url(participant))
        assert len(response.context["form"].options()) == 5


class TestIaeChecks:
    @pytest.fixture
    def karim(self, participant):
        participant.birth_date = TODAY.replace(year=TODAY.year - 24) - datetime.timedelta(days=3)
        participant.income_support = IncomeSupport.ARE
        participant.qpv_resident = True
        participant.education_level = EducationLevel.INFRA_3
        participant.save()
        return participant

    def test_the_checklist_is_prefilled_from_the_file(self, counsellor_client, karim):
        response = counsellor_client.get(iae_url(karim))
        assert response.status_code == 200
        form = response.context["form"]
        assert form["level_1"].value() == []
        assert form["level_2"].value() == ["NIV_3_INFRA", "JEUNE", "QPV"]
        page = response.content.decode()
        assert "ACI (atelier et chantier d’insertion)" in page
        assert "Justificatif : Attestation RSA" in page
        assert page.count("d’après le dossier") == 3

    def test_checking_the_rule_saves_nothing(self, counsellor_client, karim):
        data = {
            "structure_kind": "aci",
            "level_2": ["NIV_3_INFRA", "JEUNE", "QPV"],
            "checked_on": TODAY.isoformat(),
            "action": "preview",
        }
        response = counsellor_client.post(iae_url(karim), data)
        assert response.status_code == 200
        page = response.content.decode()
        assert "La règle est respectée." in page
        assert "3 critères de niveau 2" in page
        assert not IaeEligibilityCheck.objects.exists()
        data["level_2"] = ["JEUNE", "QPV"]
        page = counsellor_client.post(iae_url(karim), data).content.decode()
        assert "La règle n’est pas respectée." in page
        assert "il faut 1 critère de niveau 1, ou 3 de niveau 2" in page

    def test_recording_saves_the_check_with_its_date_and_lists_it(
        self, counsellor_client, counsellor, karim, pathway
    ):
        data = {
            "structure_kind": "ai",
            "level_2": ["JEUNE", "QPV"],
            "checked_on": (TODAY - datetime.timedelta(days=2)).isoformat(),
            "action": "save",
        }
        response = counsellor_client.post(iae_url(karim), data)
        check = IaeEligibilityCheck.objects.get()
        assert response.status_code == 302
        assert response.url == f"{iae_url(karim)}#iae-check-{check.pk}"
        assert (check.pathway, check.structure_kind, check.criteria) == (pathway, "ai", ["JEUNE", "QPV"])
        assert check.is_eligible and check.checked_by == counsellor
        assert check.checked_on == TODAY - datetime.timedelta(days=2)
        page = counsellor_client.get(iae_url(karim)).content.decode()
        assert "Vérification enregistrée : la règle est respectée." in page
        assert f"AI (association intermédiaire), vérifié le {check.checked_on:%d/%m/%Y}" in page

    def test_criteria_that_exclude_each_other_are_refused_on_their_group(self, counsellor_client, karim):
        data = {
            "structure_kind": "aci",
            "level_2": ["JEUNE", "SENIOR"],
            "checked_on": TODAY.isoformat(),
            "action": "save",
        }
        response = counsellor_client.post(iae_url(karim), data)
        assert response.context["form"].errors == {
            "level_2": [
                "« Jeune (moins de 26 ans) » et « Senior (50 ans ou plus) » s’excluent : n’en cochez qu’un."
            ]
        }
        assert not IaeEligibilityCheck.objects.exists()

    def test_the_structure_type_is_needed(self, counsellor_client, karim):
        response = counsellor_client.post(
            iae_url(karim), {"level_1": ["RSA"], "checked_on": TODAY.isoformat(), "action": "save"}
        )
        assert response.context["form"].errors == {"structure_kind": ["Choisissez le type de structure."]}

    def test_another_territory_gets_404_a_business_developer_403(
        self, other_counsellor_client, business_developer_client, participant
    ):
        data = {
            "structure_kind": "aci",
            "level_1": ["RSA"],
            "checked_on": TODAY.isoformat(),
            "action": "save",
        }
        for client, status in ((other_counsellor_client, 404), (business_developer_client, 403)):
            assert client.get(iae_url(participant)).status_code == status
            assert client.post(iae_url(participant), data).status_code == status
        assert not IaeEligibilityCheck.objects.exists()

    def test_a_closed_pathway_shows_its_checks_but_takes_no_new_one(
        self, manager_client, territory, counsellor
    ):
        closed = PathwayFactory(territory=territory, referent=counsellor, closed=True)
        IaeEligibilityCheckFactory(pathway=closed, checked_by=counsellor)
        response = manager_client.get(iae_url(closed.participant))
        assert len(response.context["checks"]) == 1
        assert "aucune nouvelle vérification ne peut être enregistrée" in response.content.decode()
        data = {
            "structure_kind": "aci",
            "level_1": ["RSA"],
            "checked_on": TODAY.isoformat(),
            "action": "save",
        }
        assert manager_client.post(iae_url(closed.participant), data).status_code == 302
        assert IaeEligibilityCheck.objects.count() == 1

    def test_the_query_count_does_not_grow_with_checks(
        self, counsellor_client, counsellor, colleague, participant, pathway, django_assert_num_queries
    ):
        for index in range(4):
            IaeEligibilityCheckFactory(
                pathway=pathway, checked_by=counsellor if index % 2 else colleague, criteria=["RSA", "QPV"]
            )
        # Session, user, participant, pathway, role, checks with who made them; the switcher's
        # memberships; the audit trail's read; session save (3).
        with django_assert_num_queries(11):
            response = counsellor_client.get(iae_url(participant))
        assert len(response.context["checks"]) == 4


class TestParticipantSummary:
    def detail(self, client, participant):
        return client.get(reverse("participants:detail", kwargs={"pk": participant.pk})).content.decode()

    def test_shows_the_agreement_with_links_to_change_it_and_to_the_iae_check(
        self, counsellor_client, participant, pathway, rsa_agreement
    ):
        page = self.detail(counsellor_client, participant)
        assert "aucune pour l’instant" in page
        assert "Rattacher à une convention" in page
        assert iae_url(participant) in page
        pathway.agreement = rsa_agreement
        pathway.save()
        page = self.detail(counsellor_client, participant)
        assert (
            f'<a href="{reverse("agreements:detail", kwargs={"pk": rsa_agreement.pk})}">CD62-RSA — Accompagnement RSA</a>'
            in page
        )
        assert "Changer de convention" in page

    def test_a_business_developer_sees_the_agreement_but_not_the_links(
        self, business_developer_client, participant, pathway, rsa_agreement
    ):
        pathway.agreement = rsa_agreement
        pathway.save()
        page = self.detail(business_developer_client, participant)
        assert "CD62-RSA — Accompagnement RSA" in page
        assert attach_url(participant) not in page and iae_url(participant) not in page

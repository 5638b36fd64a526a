import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from chemin.agreements import services
from chemin.agreements.enums import FunderKind, TargetPublic
from chemin.agreements.models import Agreement, Funder, IaeEligibilityCheck
from chemin.agreements.services import AgreementData, NewFunder, OutsideTargetPublic, PathwayNotOpen
from chemin.participants.enums import IncomeSupport
from tests.agreements.factories import AgreementFactory, FunderFactory
from tests.participants.factories import PathwayFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def data(territories, **overrides) -> AgreementData:
    values = {
        "reference": "CD62-RSA-2026",
        "title": "Accompagnement renforcé des allocataires du RSA",
        "starts_on": datetime.date(2026, 1, 1),
        "ends_on": datetime.date(2026, 12, 31),
        "territories": territories,
        "target_public": ["qpv", "rsa"],
        "planned_entries": 120,
        "target_exit_to_employment_rate": 40,
        "follow_up_milestones": ["m6", "d7"],
    }
    return AgreementData(**{**values, **overrides})


class TestAgreementCreate:
    def test_saves_the_agreement_with_lists_in_the_enumerations_order(self, territory, manager):
        funder = FunderFactory(name="Département du Pas-de-Calais")
        agreement = services.agreement_create(funder=funder, created_by=manager, data=data([territory]))
        assert agreement.funder == funder
        assert list(agreement.territories.all()) == [territory]
        assert agreement.target_public == ["rsa", "qpv"]
        assert agreement.follow_up_milestones == ["d7", "m6"]

    def test_creates_the_new_funder_with_it(self, territory, manager):
        agreement = services.agreement_create(
            new_funder=NewFunder(name="  PLIE   de l’Artois ", kind=FunderKind.PLIE),
            created_by=manager,
            data=data([territory]),
        )
        assert agreement.funder.name == "PLIE de l’Artois"
        assert agreement.funder.kind == FunderKind.PLIE

    def test_a_refused_agreement_leaves_no_new_funder_behind(self, territory, manager):
        with pytest.raises(ValidationError) as error:
            services.agreement_create(
                new_funder=NewFunder(name="PLIE de l’Artois", kind=FunderKind.PLIE),
                created_by=manager,
                data=data([territory], ends_on=datetime.date(2025, 12, 31)),
            )
        assert "ends_on" in error.value.message_dict
        assert not Funder.objects.exists()

    def test_refuses_a_new_funder_named_like_an_existing_one(self, territory, manager):
        FunderFactory(name="France Travail")
        with pytest.raises(ValidationError) as error:
            services.agreement_create(
                new_funder=NewFunder(name="france travail", kind=FunderKind.FRANCE_TRAVAIL),
                created_by=manager,
                data=data([territory]),
            )
        assert list(error.value.message_dict) == ["new_funder_name"]

    def test_refuses_the_same_reference_over_an_overlapping_period_naming_the_other(self, territory, manager):
        funder = FunderFactory(name="Département du Pas-de-Calais")
        AgreementFactory(
            funder=funder,
            reference="CD62-RSA-2026",
            title="Première convention",
            starts_on=datetime.date(2025, 7, 1),
            ends_on=datetime.date(2026, 1, 1),
        )
        with pytest.raises(ValidationError) as error:
            services.agreement_create(
                funder=funder, created_by=manager, data=data([territory], reference="cd62-rsa-2026")
            )
        [message] = error.value.message_dict["reference"]
        assert "CD62-RSA-2026 — Première convention" in message
        assert "01/07/2025" in message and "01/01/2026" in message

    def test_the_same_reference_may_come_back_for_another_period_or_funder(self, territory, manager):
        funder = FunderFactory(name="Département du Pas-de-Calais")
        AgreementFactory(
            funder=funder,
            reference="CD62-RSA-2026",
            starts_on=datetime.date(2025, 1, 1),
            ends_on=datetime.date(2025, 12, 31),
        )
        AgreementFactory(
            reference="CD62-RSA-2026",
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2026, 12, 31),
        )
        services.agreement_create(funder=funder, created_by=manager, data=data([territory]))
        assert Agreement.objects.filter(reference="CD62-RSA-2026").count() == 3

    @pytest.mark.parametrize("field", services.RATE_FIELDS)
    def test_refuses_a_target_over_100_percent(self, territory, manager, field):
        with pytest.raises(ValidationError) as error:
            services.agreement_create(
                funder=FunderFactory(), created_by=manager, data=data([territory], **{field: 101})
            )
        assert list(error.value.message_dict) == [field]

    def test_the_database_refuses_an_end_before_the_start_too(self, territory):
        with pytest.raises(IntegrityError), transaction.atomic():
            AgreementFactory(starts_on=datetime.date(2026, 2, 1), ends_on=datetime.date(2026, 1, 31))


class TestAgreementUpdate:
    def test_keeps_the_territories_the_user_does_not_manage(self, territory, other_territory, manager):
        agreement = AgreementFactory(reference="A-1", territories=[territory, other_territory])
        services.agreement_update(
            agreement=agreement,
            funder=agreement.funder,
            changed_by=manager,
            data=data([territory], reference="A-1"),
            kept_territories=[other_territory],
        )
        agreement.refresh_from_db()
        assert set(agreement.territories.all()) == {territory, other_territory}
        assert agreement.title == "Accompagnement renforcé des allocataires du RSA"

    def test_an_agreement_does_not_overlap_itself(self, territory, manager):
        agreement = AgreementFactory(reference="CD62-RSA-2026", territories=[territory])
        services.agreement_update(
            agreement=agreement, funder=agreement.funder, changed_by=manager, data=data([territory])
        )
        assert Agreement.objects.get().ends_on == datetime.date(2026, 12, 31)


class TestPathwayAttachAgreement:
    def test_attaches_a_person_of_the_target_public(self, pathway, counsellor, territory):
        pathway.participant.income_support = IncomeSupport.RSA
        pathway.participant.save()
        agreement = AgreementFactory(territories=[territory], target_public=[TargetPublic.RSA])
        services.pathway_attach_agreement(pathway=pathway, agreement=agreement, attached_by=counsellor)
        pathway.refresh_from_db()
        assert pathway.agreement == agreement

    def test_someone_outside_the_target_public_needs_a_confirmation(self, pathway, counsellor, territory):
        agreement = AgreementFactory(
            territories=[territory], target_public=[TargetPublic.RSA, TargetPublic.RQTH]
        )
        with pytest.raises(OutsideTargetPublic) as outside:
            services.pathway_attach_agreement(pathway=pathway, agreement=agreement, attached_by=counsellor)
        assert outside.value.criteria == ["Allocataires du RSA", "Travailleurs handicapés reconnus (RQTH)"]
        pathway.refresh_from_db()
        assert pathway.agreement is None
        services.pathway_attach_agreement(
            pathway=pathway, agreement=agreement, attached_by=counsellor, outside_target_confirmed=True
        )
        pathway.refresh_from_db()
        assert pathway.agreement == agreement

    def test_refuses_an_agreement_of_another_territory(self, pathway, counsellor, other_territory):
        agreement = AgreementFactory(territories=[other_territory])
        with pytest.raises(ValidationError) as error:
            services.pathway_attach_agreement(pathway=pathway, agreement=agreement, attached_by=counsellor)
        assert list(error.value.message_dict) == ["agreement"]

    def test_needs_the_agreement_running_on_the_entry_date_or_today(self, pathway, counsellor, territory):
        ended = AgreementFactory(territories=[territory], ended=True)
        with pytest.raises(ValidationError):
            services.pathway_attach_agreement(pathway=pathway, agreement=ended, attached_by=counsellor)
        at_entry = AgreementFactory(
            territories=[territory],
            starts_on=pathway.entry_date,
            ends_on=pathway.entry_date + datetime.timedelta(days=1),
        )
        coming = AgreementFactory(territories=[territory], coming=True)
        services.pathway_attach_agreement(pathway=pathway, agreement=at_entry, attached_by=counsellor)
        with pytest.raises(ValidationError):
            services.pathway_attach_agreement(pathway=pathway, agreement=coming, attached_by=counsellor)

    def test_takes_the_pathway_off_its_agreement(self, pathway, counsellor, territory):
        pathway.agreement = AgreementFactory(territories=[territory])
        pathway.save()
        services.pathway_attach_agreement(pathway=pathway, agreement=None, attached_by=counsellor)
        pathway.refresh_from_db()
        assert pathway.agreement is None

    def test_a_closed_pathway_keeps_its_agreement(self, territory, counsellor):
        closed = PathwayFactory(territory=territory, referent=counsellor, closed=True)
        with pytest.raises(PathwayNotOpen):
            services.pathway_attach_agreement(
                pathway=closed, agreement=AgreementFactory(territories=[territory]), attached_by=counsellor
            )


class TestIaeCheckRecord:
    def test_records_the_criteria_in_the_reference_order_and_the_result(self, pathway, counsellor):
        check = services.iae_check_record(
            pathway=pathway,
            structure_kind="aci",
            criteria=["QPV", "JEUNE"],
            checked_by=counsellor,
            checked_on=TODAY,
        )
        assert check.criteria == ["JEUNE", "QPV"]
        assert check.is_eligible is False
        check = services.iae_check_record(
            pathway=pathway,
            structure_kind="ai",
            criteria=["QPV", "JEUNE"],
            checked_by=counsellor,
            checked_on=TODAY,
        )
        assert check.is_eligible is True
        assert IaeEligibilityCheck.objects.count() == 2

    def test_refuses_criteria_that_exclude_each_other_and_a_future_date(self, pathway, counsellor):
        with pytest.raises(ValidationError) as error:
            services.iae_check_record(
                pathway=pathway,
                structure_kind="aci",
                criteria=["JEUNE", "SENIOR"],
                checked_by=counsellor,
                checked_on=TODAY + datetime.timedelta(days=1),
            )
        assert set(error.value.message_dict) == {"criteria", "checked_on"}
        assert not IaeEligibilityCheck.objects.exists()

    def test_refuses_a_closed_pathway(self, territory, counsellor):
        closed = PathwayFactory(territory=territory, referent=counsellor, closed=True)
        with pytest.raises(PathwayNotOpen):
            services.iae_check_record(
                pathway=closed,
                structure_kind="aci",
                criteria=["RSA"],
                checked_by=counsellor,
                checked_on=TODAY,
            )

    def test_a_check_is_valid_six_months(self):
        assert IaeEligibilityCheck(checked_on=datetime.date(2026, 8, 31)).valid_until == datetime.date(
            2027, 2, 28
        )

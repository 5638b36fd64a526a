"""``seed_demo --scale`` (the large organisation) and ``bench_reporting``, at a small size."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone

from chemin.accounts.enums import Role
from chemin.accounts.models import Membership
from chemin.agreements.models import Agreement
from chemin.core.dates import add_months
from chemin.demo.scale import SCALE_SLUG_PREFIX, TIMELINE_MODELS, WRITE_ORDER
from chemin.employments.models import Employment
from chemin.exits.enums import ExitCategory
from chemin.jobwishes.services import wish_summaries
from chemin.opportunities.models import Placement
from chemin.participants.models import Participant
from chemin.pathways.enums import Phase
from chemin.pathways.models import Pathway
from chemin.referentials.models import RomeJob
from chemin.referrals.enums import ReferralStatus
from chemin.referrals.models import Referral
from chemin.territories.models import Territory

PEOPLE = 300
TERRITORIES = 3
SCALE_ARGS = ["--scale", "--scale-participants", str(PEOPLE), "--scale-territories", str(TERRITORIES)]


@pytest.fixture(scope="class")
def scale_output(django_db_setup, django_db_blocker):
    """One small scale organisation for the whole class, rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("seed_demo", *SCALE_ARGS, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.usefixtures("scale_output")
class TestSeedScale:
    def test_creates_territories_with_a_manager_and_counsellors_and_the_people_asked_for(self, scale_output):
        territories = Territory.objects.filter(slug__startswith=SCALE_SLUG_PREFIX)
        assert territories.count() == TERRITORIES
        for territory in territories:
            roles = list(Membership.objects.filter(territory=territory).values_list("role", flat=True))
            assert roles.count(Role.MANAGER) == 1
            assert roles.count(Role.COUNSELLOR) >= 3
        assert Participant.objects.count() == PEOPLE
        assert Pathway.objects.filter(territory__in=territories).count() == PEOPLE
        assert Referral.objects.filter(status=ReferralStatus.ACCEPTED).count() == PEOPLE
        assert Referral.objects.filter(status=ReferralStatus.DECLINED).exists()
        assert "Créé en" in scale_output
        assert "sur le fil des parcours" in scale_output

    def test_writes_about_ten_timeline_rows_per_person(self):
        rows = sum(model.objects.count() for model in TIMELINE_MODELS)
        assert 8 * PEOPLE <= rows <= 16 * PEOPLE

    def test_every_kind_of_row_passes_its_model_validation(self):
        for model in WRITE_ORDER:
            rows = list(model._base_manager.order_by("pk")[:10])
            assert rows, model
            for row in rows:
                row.full_clean()

    def test_pathways_are_opened_under_an_agreement_of_their_territory_and_entry_date(self):
        pathways = Pathway.objects.filter(agreement__isnull=False).select_related("agreement")
        assert pathways.count() >= PEOPLE * 0.9
        covered = set(Agreement.territories.through.objects.values_list("agreement_id", "territory_id"))
        for pathway in pathways:
            assert (pathway.agreement_id, pathway.territory_id) in covered
            assert pathway.agreement.starts_on <= pathway.entry_date <= pathway.agreement.ends_on
        one_year = [
            agreement
            for agreement in Agreement.objects.all()
            if add_months(agreement.starts_on, 12) - datetime.timedelta(days=1) == agreement.ends_on
        ]
        assert one_year

    def test_entries_spread_over_five_years_and_most_pathways_closed_with_every_exit_category(self):
        today = timezone.localdate()
        entries = list(Pathway.objects.values_list("entry_date", flat=True))
        assert min(entries) >= add_months(today, -60)
        assert max(entries) <= today
        for year in range(5):
            newest, oldest = add_months(today, -12 * year), add_months(today, -12 * (year + 1))
            assert sum(oldest < entry <= newest for entry in entries) >= PEOPLE * 0.1
        closed = Pathway.objects.filter(phase=Phase.CLOSED)
        assert closed.count() >= PEOPLE * 0.6
        assert set(closed.values_list("exit_category", flat=True)) == set(ExitCategory.values)

    def test_the_dates_and_summaries_the_reports_read_are_consistent(self):
        firsts = dict(
            Placement.objects.values("pathway_id")
            .annotate(first=Min("proposed_on"))
            .values_list("pathway_id", "first")
        )
        assert firsts
        for pk, entry, first_proposal in Pathway.objects.values_list(
            "pk", "entry_date", "first_job_proposal_on"
        ):
            assert first_proposal == firsts.get(pk)
            assert first_proposal is None or first_proposal >= entry
        for referral in Referral.objects.filter(status=ReferralStatus.ACCEPTED).select_related("pathway"):
            assert referral.referred_on <= referral.first_meeting_on <= referral.pathway.entry_date
        assert not Pathway.objects.filter(phase=Phase.IN_EMPLOYMENT, employments__isnull=True).exists()
        assert Employment.objects.annotate(n=Count("check_ins")).filter(n=0).count() == 0
        summaries = wish_summaries(Pathway.objects.values_list("pk", flat=True))
        for pk, codes, commute in Pathway.objects.values_list(
            "pk", "wished_rome_codes", "shortest_wish_commute_km"
        ):
            assert codes == " ".join(summaries[pk].rome_codes)
            assert commute == summaries[pk].shortest_commute_km

    def test_a_second_run_is_refused_and_changes_nothing(self):
        count = Participant.objects.count()
        with pytest.raises(CommandError, match="déjà là"):
            call_command("seed_demo", *SCALE_ARGS, stdout=StringIO())
        assert Participant.objects.count() == count

    def test_the_report_benchmark_runs_on_it_and_prints_its_figures(self):
        out = StringIO()
        call_command("bench_reporting", "--agreements", "1", "--runs", "2", stdout=out)
        output = out.getvalue()
        assert "médiane" in output
        assert "p90" in output
        assert "objectif ≤ 1000 ms" in output
        assert "PASS" in output or "FAIL" in output


@pytest.mark.django_db
class TestScaleRefusals:
    def test_seed_refuses_without_the_referentials(self):
        RomeJob.objects.all().delete()
        with pytest.raises(CommandError, match="load_referentials"):
            call_command("seed_demo", *SCALE_ARGS, stdout=StringIO())
        assert not Territory.objects.exists()

    def test_scale_sizes_go_only_with_scale(self):
        with pytest.raises(CommandError, match="vont avec --scale"):
            call_command("seed_demo", "--scale-participants", "10", stdout=StringIO())

    def test_the_benchmark_refuses_to_run_with_debug(self, settings):
        settings.DEBUG = True
        with pytest.raises(CommandError, match="DEBUG=false"):
            call_command("bench_reporting", stdout=StringIO())

    def test_the_benchmark_refuses_without_scale_data(self):
        with pytest.raises(CommandError, match="seed_demo --scale"):
            call_command("bench_reporting", stdout=StringIO())

"""Issue 6, point 3: the employer answers their side of a follow-up check-in through a signed,
expiring emailed link, once, without an account; a risk of rupture alerts the counsellor."""

import datetime
import re
import time

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import resolve, reverse
from django.utils import timezone

from chemin.accounts.enums import Role
from chemin.employments import employer_link
from chemin.employments.employer_demo import seed_employer_answers
from chemin.employments.employer_link import EmployerLinkAnswered, EmployerLinkExpired, EmployerLinkInvalid
from chemin.employments.enums import Channel, ContractType, Difficulty, HowItGoes, Milestone, Side
from chemin.employments.models import CheckIn, CheckInSide, EmployerRequest, Employment
from chemin.employments.public_forms import DIFFICULTY_CHOICES
from chemin.pathways.enums import Phase
from tests.accounts.factories import UserFactory
from tests.companies.factories import make_company, make_contact

SITE_URL = "http://testserver/"
LINK = re.compile(r"http://testserver/suivi-employeur/\S+/")


class PastSigner(signing.TimestampSigner):
    """Signs as if 30 days ago: the real signing code, an old clock."""

    def timestamp(self) -> str:
        return signing.b62_encode(int(time.time()) - 30 * 24 * 3600)


def make_employment(pathway, staff, *, email="k.delcourt@propre-artois.example.fr", started_days_ago=10):
    company = make_company(pathway.territory, name="Propreté de l’Artois")
    contact = make_contact(company, first_name="Karine", last_name="Delcourt", email=email)
    start = timezone.localdate() - datetime.timedelta(days=started_days_ago)
    employment = Employment.objects.create(
        pathway=pathway,
        company=company,
        contact=contact,
        job_title="Agente de propreté",
        contract_type=ContractType.CDD,
        hours_per_week=30,
        start_date=start,
        planned_end_date=start + datetime.timedelta(days=240),
        created_by=staff,
    )
    CheckIn.objects.create(
        employment=employment, milestone=Milestone.D7, due_on=start + datetime.timedelta(days=7)
    )
    CheckIn.objects.create(
        employment=employment, milestone=Milestone.M1, due_on=start + datetime.timedelta(days=30)
    )
    return employment


@pytest.fixture
def employment(pathway, counsellor):
    return make_employment(pathway, counsellor)


@pytest.fixture
def check_in(employment):
    return employment.check_ins.get(milestone=Milestone.D7)


@pytest.fixture
def send(django_capture_on_commit_callbacks, counsellor):
    def _send(check_in, *, sent_by=None):
        with django_capture_on_commit_callbacks(execute=True):
            return employer_link.employer_request_send(
                check_in=check_in, sent_by=sent_by or counsellor, site_url=SITE_URL
            )

    return _send


@pytest.fixture
def employer_request(check_in, send):
    return send(check_in)


def link_in(message) -> str:
    return LINK.search(message.body).group(0)


def path_of(link: str) -> str:
    return link.removeprefix("http://testserver")


def send_url(check_in) -> str:
    return reverse(
        "employer_requests:send",
        kwargs={"participant_pk": check_in.employment.pathway.participant_id, "check_in_pk": check_in.pk},
    )


def answer_url(request) -> str:
    return reverse("employer_answers:answer", kwargs={"token": employer_link.employer_token(request)})


TRANSPORT_ANSWER = {
    "how_it_goes": "3",
    "difficulties": ["transport"],
    "callback": "no",
    "comment": "Le bus arrive après la prise de poste.",
}


def employer_sides():
    return CheckInSide.objects.filter(side=Side.EMPLOYER)


@pytest.mark.django_db
class TestEmployerRequestSend:
    def test_emails_the_contact_a_working_link(self, employer_request, check_in, counsellor):
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["k.delcourt@propre-artois.example.fr"]
        assert message.reply_to == [counsellor.email]
        token = path_of(link_in(message)).removeprefix("/suivi-employeur/").rstrip("/")
        assert employer_link.request_from_token(token) == employer_request
        assert employer_request.check_in == check_in
        assert employer_request.sent_to == "k.delcourt@propre-artois.example.fr"
        assert employer_request.expires_at == employer_request.sent_at + datetime.timedelta(days=21)
        assert not employer_request.is_answered

    def test_email_gives_first_name_initial_job_check_in_and_counsellor(self, employer_request):
        message = mail.outbox[0]
        text = message.subject + message.body
        assert "Nadia B." in message.subject
        assert "suivi à J+7" in text
        assert "Bonjour Karine Delcourt," in message.body
        assert "Agente de propreté" in message.body
        assert "Alice Martin" in message.body
        assert "Lens-Liévin" in message.body
        assert "Benamar" not in text

    def test_email_carries_no_barrier_or_health_information(self, pathway, counsellor, check_in, send):
        from chemin.barriers.enums import BarrierCategory
        from chemin.barriers.services import barrier_create

        barrier_create(
            pathway=pathway,
            identified_by=counsellor,
            category=BarrierCategory.HEALTH,
            situation="15",
            own_words="Mal de dos, pas de port de charges.",
            consent_given_on=timezone.localdate(),
        )
        send(check_in)
        text = (mail.outbox[0].subject + mail.outbox[0].body).lower()
        for word in ("santé", "frein", "mal de dos", "charges", "health", "rsa"):
            assert word not in text

    def test_sending_again_before_an_answer_renews_the_same_request(self, employer_request, check_in, send):
        again = send(check_in)
        assert again.pk == employer_request.pk
        assert again.sent_at > employer_request.sent_at
        assert len(mail.outbox) == 2
        assert EmployerRequest.objects.count() == 1

    def test_refuses_a_contact_without_email(self, pathway, counsellor, send):
        employment = make_employment(pathway, counsellor, email="")
        with pytest.raises(ValidationError, match="pas d’adresse e-mail"):
            send(employment.check_ins.first())
        assert not EmployerRequest.objects.exists()
        assert mail.outbox == []

    def test_refuses_once_the_employer_side_is_recorded(self, employer_request, check_in, send, client):
        client.post(answer_url(employer_request), TRANSPORT_ANSWER)
        with pytest.raises(ValidationError):
            send(check_in)
        assert len(mail.outbox) == 1

    def test_a_rolled_back_request_sends_nothing(self, check_in, counsellor):
        from django.db import transaction

        with pytest.raises(RuntimeError), transaction.atomic():
            employer_link.employer_request_send(check_in=check_in, sent_by=counsellor, site_url=SITE_URL)
            raise RuntimeError
        assert mail.outbox == []
        assert not EmployerRequest.objects.exists()


@pytest.mark.django_db
class TestSendView:
    def test_the_counsellor_sends_from_the_file(
        self, counsellor_client, check_in, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = counsellor_client.post(send_url(check_in), {"next": "/personnes/"})
        assert response.status_code == 302
        assert response.url == "/personnes/"
        assert len(mail.outbox) == 1
        assert EmployerRequest.objects.get().sent_by.first_name == "Alice"

    def test_a_business_developer_may_send_too(
        self, business_developer_client, check_in, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = business_developer_client.post(send_url(check_in))
        assert response.status_code == 302
        assert len(mail.outbox) == 1

    def test_refuses_an_outside_redirect(self, counsellor_client, check_in):
        response = counsellor_client.post(send_url(check_in), {"next": "https://evil.example.com/"})
        assert response.url == reverse(
            "participants:detail", kwargs={"pk": check_in.employment.pathway.participant_id}
        )

    def test_another_territory_gets_a_404(self, other_counsellor_client, check_in):
        assert other_counsellor_client.post(send_url(check_in)).status_code == 404
        assert not EmployerRequest.objects.exists()

    def test_a_check_in_of_someone_else_is_a_404(self, counsellor_client, check_in, territory, counsellor):
        from tests.participants.factories import ParticipantFactory, PathwayFactory

        other = PathwayFactory(participant=ParticipantFactory(), territory=territory, referent=counsellor)
        url = reverse(
            "employer_requests:send",
            kwargs={"participant_pk": other.participant_id, "check_in_pk": check_in.pk},
        )
        assert counsellor_client.post(url).status_code == 404

    def test_is_post_only_and_needs_a_login(self, counsellor_client, check_in):
        assert counsellor_client.get(send_url(check_in)).status_code == 405
        response = Client().post(send_url(check_in))
        assert response.status_code == 302
        assert "/compte/connexion/" in response.url
        assert not EmployerRequest.objects.exists()

    def test_says_clearly_when_the_contact_has_no_email(self, counsellor_client, pathway, counsellor):
        employment = make_employment(pathway, counsellor, email="")
        response = counsellor_client.post(send_url(employment.check_ins.first()), follow=True)
        assert "pas d’adresse e-mail" in response.content.decode()
        assert not EmployerRequest.objects.exists()


@pytest.mark.django_db
class TestEmployerAnswer:
    def test_the_public_page_needs_no_account_and_stays_out_of_search_engines(self, client, employer_request):
        response = client.get(path_of(link_in(mail.outbox[0])))
        assert response.status_code == 200
        content = response.content.decode()
        assert "Suivi d’un recrutement" in content
        assert "Nadia B." in content
        assert "Benamar" not in content
        assert "Souhaitez-vous être rappelé·e ?" in content
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "no-referrer" not in response.get("Referrer-Policy", "")

    def test_records_the_employer_side_without_staff(self, client, employer_request, check_in):
        response = client.post(answer_url(employer_request), TRANSPORT_ANSWER)
        assert response.status_code == 302
        # The thanks page carries a freshly signed token (its timestamp may differ by a second).
        assert resolve(response.url).view_name == "employer_answers:thanks"
        side = CheckInSide.objects.get(check_in=check_in)
        assert side.side == Side.EMPLOYER
        assert side.channel == Channel.ONLINE_FORM
        assert side.recorded_by is None
        assert side.done_on == timezone.localdate()
        assert side.how_it_goes == HowItGoes.RATHER_WELL
        assert side.difficulties == ["transport"]
        assert side.comment == "Le bus arrive après la prise de poste."
        assert side.actions_agreed == ""
        employer_request.refresh_from_db()
        assert employer_request.is_answered
        assert employer_request.callback_wanted is False
        assert employer_request.risk_signalled is False
        thanks = client.get(response.url)
        assert "Merci, votre réponse est enregistrée" in thanks.content.decode()

    def test_a_second_answer_is_refused_and_records_nothing(self, client, employer_request):
        url = answer_url(employer_request)
        client.post(url, TRANSPORT_ANSWER)
        response = client.get(url)
        assert response.status_code == 200
        assert "Déjà répondu, merci" in response.content.decode()
        assert 'name="how_it_goes"' not in response.content.decode()
        response = client.post(url, {**TRANSPORT_ANSWER, "how_it_goes": "1", "comment": "Autre avis"})
        assert response.status_code == 409
        assert "Déjà répondu, merci" in response.content.decode()
        side = employer_sides().get()
        assert side.how_it_goes == HowItGoes.RATHER_WELL
        assert side.comment == "Le bus arrive après la prise de poste."

    def test_the_service_refuses_a_second_answer(self, employer_request):
        kwargs = {"how_it_goes": 4, "difficulties": [], "callback_wanted": False, "comment": ""}
        employer_link.employer_request_answer(request=employer_request, **kwargs)
        with pytest.raises(EmployerLinkAnswered):
            employer_link.employer_request_answer(request=employer_request, **kwargs)
        assert employer_sides().count() == 1

    def test_a_side_recorded_by_staff_meanwhile_closes_the_link(
        self, client, employer_request, check_in, counsellor
    ):
        CheckInSide.objects.create(
            check_in=check_in,
            side=Side.EMPLOYER,
            done_on=timezone.localdate(),
            channel=Channel.CALL,
            how_it_goes=HowItGoes.VERY_WELL,
            recorded_by=counsellor,
        )
        response = client.post(answer_url(employer_request), TRANSPORT_ANSWER)
        assert response.status_code == 409
        assert "Déjà répondu, merci" in response.content.decode()
        assert employer_sides().get().channel == Channel.CALL
        employer_request.refresh_from_db()
        assert not employer_request.is_answered

    def test_bad_input_gets_field_errors_and_records_nothing(self, client, employer_request):
        url = answer_url(employer_request)
        for data in (
            {},
            {**TRANSPORT_ANSWER, "how_it_goes": "7"},
            {**TRANSPORT_ANSWER, "difficulties": ["weather"]},
            {**TRANSPORT_ANSWER, "callback": "maybe"},
            {**TRANSPORT_ANSWER, "comment": "x" * 2001},
        ):
            response = client.post(url, data)
            assert response.status_code == 200
            assert "field--error" in response.content.decode()
        response = client.post(url, {})
        content = response.content.decode()
        assert "Dites comment cela se passe." in content
        assert not employer_sides().exists()
        employer_request.refresh_from_db()
        assert not employer_request.is_answered

    def test_a_tampered_link_gets_a_clear_page_and_records_nothing(self, client, employer_request):
        token = employer_link.employer_token(employer_request)
        for forged in (
            token[:-3] + "xyz",
            "nimportequoi",
            signing.dumps({"employer_request": employer_request.pk}, salt="chemin.activations.answer-link"),
        ):
            url = reverse("employer_answers:answer", kwargs={"token": forged})
            response = client.get(url)
            assert response.status_code == 400
            assert "Ce lien ne fonctionne pas" in response.content.decode()
            assert "Nadia" not in response.content.decode()
            assert client.post(url, TRANSPORT_ANSWER).status_code == 400
            assert client.get(reverse("employer_answers:thanks", kwargs={"token": forged})).status_code == 400
        assert not employer_sides().exists()

    def test_an_expired_link_gets_a_clear_page_and_records_nothing(self, client, employer_request):
        token = PastSigner(salt=employer_link.TOKEN_SALT).sign_object(
            {"employer_request": employer_request.pk}
        )
        url = reverse("employer_answers:answer", kwargs={"token": token})
        response = client.get(url)
        assert response.status_code == 410
        content = response.content.decode()
        assert "Ce lien a expiré" in content
        assert "Alice Martin" in content
        assert client.post(url, TRANSPORT_ANSWER).status_code == 410
        assert not employer_sides().exists()

    @override_settings(EMPLOYER_LINK_MAX_AGE_DAYS=1)
    def test_the_maximum_age_comes_from_the_settings(self, client, check_in, send):
        employer_request = send(check_in)
        assert employer_request.expires_at - employer_request.sent_at == datetime.timedelta(days=1)
        EmployerRequest.objects.filter(pk=employer_request.pk).update(
            sent_at=timezone.now() - datetime.timedelta(days=3), expires_at=timezone.now()
        )
        response = client.post(answer_url(employer_request), TRANSPORT_ANSWER)
        assert response.status_code == 410
        assert not employer_sides().exists()

    def test_an_answered_link_says_so_even_after_expiry(self, client, employer_request):
        client.post(answer_url(employer_request), TRANSPORT_ANSWER)
        token = PastSigner(salt=employer_link.TOKEN_SALT).sign_object(
            {"employer_request": employer_request.pk}
        )
        response = client.get(reverse("employer_answers:answer", kwargs={"token": token}))
        assert response.status_code == 200
        assert "Déjà répondu, merci" in response.content.decode()

    def test_thanks_before_an_answer_goes_back_to_the_form(self, client, employer_request):
        token = employer_link.employer_token(employer_request)
        response = client.get(reverse("employer_answers:thanks", kwargs={"token": token}))
        assert response.status_code == 302
        assert response.url == reverse("employer_answers:answer", kwargs={"token": token})

    def test_is_served_with_csrf_protection(self, employer_request):
        response = Client(enforce_csrf_checks=True).post(answer_url(employer_request), TRANSPORT_ANSWER)
        assert response.status_code == 403
        assert not employer_sides().exists()

    def test_a_token_for_a_missing_request_is_invalid(self, employer_request):
        token = signing.dumps({"employer_request": employer_request.pk + 100}, salt=employer_link.TOKEN_SALT)
        with pytest.raises(EmployerLinkInvalid):
            employer_link.request_from_token(token)
        old = PastSigner(salt=employer_link.TOKEN_SALT).sign_object({"employer_request": employer_request.pk})
        with pytest.raises(EmployerLinkExpired) as error:
            employer_link.request_from_token(old)
        assert error.value.request == employer_request

    def test_the_form_offers_every_difficulty(self):
        assert {value for value, _label in DIFFICULTY_CHOICES} == set(Difficulty.values)


class TestRiskRule:
    @pytest.mark.parametrize(
        ("how_it_goes", "difficulties", "callback_wanted", "risk"),
        [
            (HowItGoes.AT_RISK, [], False, True),
            (HowItGoes.VERY_WELL, ["transport", "hours"], False, True),
            (HowItGoes.VERY_WELL, ["transport", "transport"], False, False),
            (HowItGoes.RATHER_WELL, ["transport"], False, False),
            (HowItGoes.DIFFICULT, ["transport"], True, True),
            (HowItGoes.DIFFICULT, [], True, True),
            (HowItGoes.DIFFICULT, ["transport"], False, False),
            (HowItGoes.RATHER_WELL, [], True, False),
            (HowItGoes.VERY_WELL, [], False, False),
        ],
    )
    def test_signals_a_risk_of_rupture(self, how_it_goes, difficulties, callback_wanted, risk):
        assert (
            employer_link.signals_risk(
                how_it_goes=how_it_goes, difficulties=difficulties, callback_wanted=callback_wanted
            )
            is risk
        )

    @pytest.mark.django_db
    def test_an_answer_at_risk_is_flagged(self, client, employer_request):
        client.post(
            answer_url(employer_request),
            {"how_it_goes": "2", "difficulties": ["hours"], "callback": "yes", "comment": ""},
        )
        employer_request.refresh_from_db()
        assert employer_request.callback_wanted is True
        assert employer_request.risk_signalled is True


def answer_at_risk(employer_request):
    employer_link.employer_request_answer(
        request=employer_request, how_it_goes=1, difficulties=["team"], callback_wanted=True, comment=""
    )


@pytest.mark.django_db
class TestEmployerRiskAlerts:
    def test_the_referent_and_the_manager_are_alerted(self, employer_request, counsellor, manager):
        answer_at_risk(employer_request)
        for user in (counsellor, manager):
            alerts = employer_link.employer_risk_alerts(user)
            assert len(alerts) == 1
            assert alerts[0].kind == "employer_risk"
            assert alerts[0].referent_id == counsellor.pk
            assert alerts[0].title == (
                "Nadia Benamar : l’employeur signale un risque de rupture (Agente de propreté)"
            )
            assert alerts[0].since == timezone.localdate()
            assert "kind=employer_answer" in alerts[0].url

    def test_nobody_else_is_alerted(self, employer_request, colleague, other_counsellor, business_developer):
        answer_at_risk(employer_request)
        for user in (colleague, other_counsellor, business_developer):
            assert employer_link.employer_risk_alerts(user) == []
        from django.contrib.auth.models import AnonymousUser

        assert employer_link.employer_risk_alerts(AnonymousUser()) == []

    def test_an_answer_without_risk_raises_no_alert(self, client, employer_request, counsellor):
        client.post(answer_url(employer_request), TRANSPORT_ANSWER)
        assert employer_link.employer_risk_alerts(counsellor) == []

    def test_the_alert_goes_once_handled(self, employer_request, counsellor, counsellor_client, participant):
        answer_at_risk(employer_request)
        url = reverse(
            "employer_requests:handle_risk",
            kwargs={"participant_pk": participant.pk, "request_pk": employer_request.pk},
        )
        assert counsellor_client.post(url).status_code == 302
        assert employer_link.employer_risk_alerts(counsellor) == []
        employer_request.refresh_from_db()
        assert employer_request.risk_handled_by == counsellor

    def test_only_the_territory_staff_may_mark_it_handled(
        self, employer_request, counsellor, other_counsellor_client, business_developer_client, participant
    ):
        answer_at_risk(employer_request)
        url = reverse(
            "employer_requests:handle_risk",
            kwargs={"participant_pk": participant.pk, "request_pk": employer_request.pk},
        )
        assert other_counsellor_client.post(url).status_code == 404
        assert business_developer_client.post(url).status_code == 403
        assert len(employer_link.employer_risk_alerts(counsellor)) == 1

    def test_the_alert_goes_when_staff_record_a_later_side(self, employer_request, employment, counsellor):
        answer_at_risk(employer_request)
        CheckInSide.objects.create(
            check_in=employment.check_ins.get(milestone=Milestone.D7),
            side=Side.EMPLOYEE,
            done_on=timezone.localdate(),
            channel=Channel.CALL,
            how_it_goes=HowItGoes.DIFFICULT,
            recorded_by=counsellor,
        )
        assert employer_link.employer_risk_alerts(counsellor) == []

    def test_the_alert_goes_when_the_contract_ends_or_the_pathway_closes(
        self, employer_request, employment, counsellor, pathway
    ):
        answer_at_risk(employer_request)
        Employment.objects.filter(pk=employment.pk).update(
            ended_on=timezone.localdate(), end_reason="resignation"
        )
        assert employer_link.employer_risk_alerts(counsellor) == []
        Employment.objects.filter(pk=employment.pk).update(ended_on=None, end_reason="")
        assert len(employer_link.employer_risk_alerts(counsellor)) == 1
        # Closed the way the pathway factory closes one (exit category and reason included).
        type(pathway).objects.filter(pk=pathway.pk).update(
            phase=Phase.CLOSED, closed_on=timezone.localdate(), exit_category="other", exit_reason="no_news"
        )
        assert employer_link.employer_risk_alerts(counsellor) == []

    def test_runs_one_query_whatever_the_number_of_alerts(
        self, pathway, counsellor, send, django_assert_num_queries
    ):
        for _ in range(3):
            employment = make_employment(pathway, counsellor)
            answer_at_risk(send(employment.check_ins.first()))
        with django_assert_num_queries(1):
            assert len(employer_link.employer_risk_alerts(counsellor)) == 3


@pytest.mark.django_db
class TestEmployerAnswerEvents:
    def test_the_answer_is_on_the_timeline_flagged_when_at_risk(
        self, employer_request, participant, counsellor
    ):
        employer_link.employer_request_answer(
            request=employer_request,
            how_it_goes=1,
            difficulties=["transport", "health"],
            callback_wanted=True,
            comment="Deux retards.",
        )
        (event,) = employer_link.employer_answer_events(participant, counsellor)
        assert event.kind == "employer_answer"
        assert event.title.startswith("Réponse de l’employeur au suivi à J+7 : ")
        assert event.title.endswith(" — risque de rupture")
        assert event.extra["risk"] is True
        assert "Transport" in event.detail
        assert "Santé" in event.detail or "Health" in event.detail
        assert "Deux retards." in event.detail

    def test_business_developers_see_it_without_health(
        self, employer_request, participant, business_developer
    ):
        employer_link.employer_request_answer(
            request=employer_request,
            how_it_goes=3,
            difficulties=["transport", "health"],
            callback_wanted=False,
            comment="",
        )
        (event,) = employer_link.employer_answer_events(participant, business_developer)
        assert event.extra["risk"] is True
        assert "Transport" in event.detail
        assert "Santé" not in event.detail and "Health" not in event.detail

    def test_another_territory_sees_nothing(self, employer_request, participant, other_counsellor):
        answer_at_risk(employer_request)
        assert employer_link.employer_answer_events(participant, other_counsellor) == []

    def test_unanswered_requests_are_not_events(self, employer_request, participant, counsellor):
        assert employer_link.employer_answer_events(participant, counsellor) == []

    def test_runs_a_fixed_number_of_queries(
        self, pathway, participant, counsellor, send, django_assert_num_queries
    ):
        for _ in range(3):
            employment = make_employment(pathway, counsellor)
            answer_at_risk(send(employment.check_ins.first()))
        with django_assert_num_queries(3):
            assert len(employer_link.employer_answer_events(participant, counsellor)) == 3


@pytest.mark.django_db
class TestEmployerDemo:
    def test_seeds_one_answered_form_with_a_transport_difficulty(self, employment, pathway, counsellor):
        future = make_employment(pathway, counsellor, started_days_ago=2)
        request = seed_employer_answers(employments=[future, employment])
        assert request.check_in.employment == employment
        assert request.is_answered
        side = CheckInSide.objects.get(check_in=request.check_in, side=Side.EMPLOYER)
        assert side.difficulties == ["transport"]
        assert side.channel == Channel.ONLINE_FORM
        assert side.recorded_by is None
        assert mail.outbox == []
        assert seed_employer_answers(employments=[employment]) is None
        assert EmployerRequest.objects.count() == 1


@pytest.mark.django_db
def test_staff_of_the_territory_only_may_send(check_in, territory, django_capture_on_commit_callbacks):
    roles = {Role.COUNSELLOR: 302, Role.MANAGER: 302, Role.ADMIN: 302, Role.BUSINESS_DEVELOPER: 302}
    for role, status in roles.items():
        client = Client()
        client.force_login(UserFactory(memberships=[(territory, role)]))
        EmployerRequest.objects.all().delete()
        assert client.post(send_url(check_in)).status_code == status
        assert EmployerRequest.objects.count() == 1

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from chemin.appointments.enums import AppointmentStatus, DeliveryStatus, ReminderChannel
from chemin.appointments.models import Appointment, ReminderDelivery
from tests.appointments.factories import AppointmentFactory, at
from tests.participants.factories import ParticipantFactory, PathwayFactory

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def file_url(name: str, participant, **kwargs) -> str:
    return reverse(f"participant_appointments:{name}", kwargs={"participant_pk": participant.pk, **kwargs})


def form_data(staff, *, day=TOMORROW, time="10:00", **extra) -> dict:
    return {
        "kind": "monthly_follow_up",
        "date": day.isoformat(),
        "time": time,
        "duration_minutes": "60",
        "staff": staff.pk,
        "place": "Antenne de Lens, bureau 2",
        "notes": "Préparer le CV",
        **extra,
    }


class TestBook:
    def test_counsellor_books_a_monthly_follow_up(self, counsellor_client, participant, counsellor):
        response = counsellor_client.post(file_url("create", participant), form_data(counsellor))
        appointment = Appointment.objects.get()
        assert response.status_code == 302
        assert response.url == file_url("list", participant) + f"#appointment-{appointment.pk}"
        assert timezone.localtime(appointment.starts_at) == at(1, 10)
        assert appointment.staff == counsellor and appointment.created_by == counsellor
        assert appointment.notes == "Préparer le CV"

    def test_the_form_offers_the_territory_staff_and_picks_me(
        self, counsellor_client, participant, colleague, business_developer
    ):
        response = counsellor_client.get(file_url("create", participant))
        form = response.context["form"]
        names = {user.get_full_name() for user in form.fields["staff"].queryset}
        assert names == {"Alice Martin", "Frank Wojcik"}
        assert form.initial["staff"] == response.wsgi_request.user.pk
        page = response.content.decode()
        assert 'type="date"' in page and 'type="time"' in page
        assert 'for="id_date"' in page and 'for="id_time"' in page and 'for="id_duration_minutes"' in page
        assert "allow_overlap" not in page

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("duration_minutes", "0", "Un rendez-vous dure au moins 5 minutes."),
            ("duration_minutes", "-15", "Un rendez-vous dure au moins 5 minutes."),
            ("duration_minutes", "600", "Un rendez-vous dure au plus 480 minutes (8 heures)."),
            ("duration_minutes", "une heure", "Saisissez un nombre de minutes, par exemple 45."),
            ("date", "31/02/2026", "Saisissez une date valide, par exemple 15/03/2026."),
            ("time", "25:99", "Saisissez une heure valide, par exemple 09:30."),
        ],
    )
    def test_bad_input_gets_a_french_error_on_its_field_and_keeps_the_rest(
        self, counsellor_client, participant, counsellor, field, value, message
    ):
        response = counsellor_client.post(
            file_url("create", participant), form_data(counsellor, **{field: value})
        )
        assert response.status_code == 200
        assert response.context["form"].errors[field] == [message]
        page = response.content.decode()
        assert f'id="id_{field}_error"' in page
        assert 'value="Antenne de Lens, bureau 2"' in page and "Préparer le CV" in page
        assert not Appointment.objects.exists()

    def test_an_empty_form_says_what_is_missing(self, counsellor_client, participant):
        response = counsellor_client.post(file_url("create", participant), {"place": "Bureau 2"})
        errors = response.context["form"].errors
        assert errors["kind"] == ["Choisissez le type de rendez-vous."]
        assert errors["date"] == ["Indiquez le jour du rendez-vous."]
        assert errors["time"] == ["Indiquez l’heure du rendez-vous."]
        assert errors["duration_minutes"] == ["Indiquez la durée du rendez-vous, en minutes."]
        assert 'value="Bureau 2"' in response.content.decode()

    def test_a_clash_is_named_and_booking_needs_a_confirmation(
        self, counsellor_client, participant, counsellor, territory
    ):
        karim = PathwayFactory(
            territory=territory,
            referent=counsellor,
            participant=ParticipantFactory(first_name="Karim", last_name="Haddad"),
        )
        AppointmentFactory(pathway=karim, starts_at=at(1, 10, 30))
        response = counsellor_client.post(file_url("create", participant), form_data(counsellor))
        assert response.status_code == 200
        page = response.content.decode()
        assert "Ce créneau chevauche un autre rendez-vous" in page
        assert "Alice Martin a déjà rendez-vous avec Karim H. le " in page
        assert "de 10 h 30 à 11 h 30." in page
        assert 'name="allow_overlap"' in page and 'for="id_allow_overlap"' in page
        assert 'value="Antenne de Lens, bureau 2"' in page
        assert Appointment.objects.count() == 1

        response = counsellor_client.post(
            file_url("create", participant), form_data(counsellor, allow_overlap="on")
        )
        assert response.status_code == 302
        assert Appointment.objects.count() == 2

    def test_a_manager_books_too(self, manager_client, participant, counsellor):
        assert manager_client.post(file_url("create", participant), form_data(counsellor)).status_code == 302

    def test_closed_pathway_sends_back_to_the_list(self, counsellor_client, territory, counsellor):
        closed = PathwayFactory(territory=territory, referent=counsellor, closed=True)
        response = counsellor_client.get(file_url("create", closed.participant))
        assert response.status_code == 302 and response.url == file_url("list", closed.participant)


class TestEdit:
    def test_moves_an_appointment(self, counsellor_client, pathway, counsellor):
        appointment = AppointmentFactory(pathway=pathway)
        response = counsellor_client.get(file_url("edit", pathway.participant, pk=appointment.pk))
        assert response.context["form"].initial["time"] == datetime.time(10, 0)
        response = counsellor_client.post(
            file_url("edit", pathway.participant, pk=appointment.pk), form_data(counsellor, time="14:15")
        )
        assert response.status_code == 302
        appointment.refresh_from_db()
        assert timezone.localtime(appointment.starts_at) == at(1, 14, 15)

    def test_refuses_to_move_a_held_appointment(self, counsellor_client, pathway, counsellor):
        appointment = AppointmentFactory(pathway=pathway, starts_at=at(-1), status=AppointmentStatus.HELD)
        response = counsellor_client.post(
            file_url("edit", pathway.participant, pk=appointment.pk), form_data(counsellor, day=TOMORROW)
        )
        assert response.status_code == 200
        assert response.context["form"].errors["date"] == [
            "Ce rendez-vous est déjà marqué « honoré » : sa date et son heure sont conservées. "
            "Prenez plutôt un nouveau rendez-vous."
        ]
        appointment.refresh_from_db()
        assert appointment.starts_at == at(-1)


class TestStatus:
    def test_marking_held_records_the_contact(self, counsellor_client, pathway):
        appointment = AppointmentFactory(pathway=pathway, starts_at=at(-1, 9))
        response = counsellor_client.post(
            file_url("status", pathway.participant, pk=appointment.pk), {"status": "held"}
        )
        assert response.status_code == 302
        appointment.refresh_from_db()
        pathway.refresh_from_db()
        assert appointment.status == AppointmentStatus.HELD
        assert pathway.last_contact_on == at(-1).date()

    def test_a_future_appointment_cannot_be_marked_held(self, counsellor_client, pathway):
        appointment = AppointmentFactory(pathway=pathway)
        response = counsellor_client.post(
            file_url("status", pathway.participant, pk=appointment.pk), {"status": "held"}, follow=True
        )
        assert "n’a pas encore commencé" in response.content.decode()
        assert Appointment.objects.get().status == AppointmentStatus.PLANNED

    def test_refuses_get_and_an_unknown_status(self, counsellor_client, pathway):
        appointment = AppointmentFactory(pathway=pathway, starts_at=at(-1))
        url = file_url("status", pathway.participant, pk=appointment.pk)
        assert counsellor_client.get(url).status_code == 405
        counsellor_client.post(url, {"status": "planned"})
        assert Appointment.objects.get().status == AppointmentStatus.PLANNED

    def test_needs_the_csrf_token(self, counsellor, pathway):
        client = Client(enforce_csrf_checks=True)
        client.force_login(counsellor)
        appointment = AppointmentFactory(pathway=pathway, starts_at=at(-1))
        response = client.post(file_url("status", pathway.participant, pk=appointment.pk), {"status": "held"})
        assert response.status_code == 403
        assert Appointment.objects.get().status == AppointmentStatus.PLANNED


class TestList:
    def test_upcoming_first_soonest_first_then_past_latest_first(self, counsellor_client, pathway):
        AppointmentFactory(pathway=pathway, starts_at=at(-10), status=AppointmentStatus.HELD, place="P-10")
        AppointmentFactory(pathway=pathway, starts_at=at(9), place="F+9")
        AppointmentFactory(pathway=pathway, starts_at=at(-2), status=AppointmentStatus.NO_SHOW, place="P-2")
        AppointmentFactory(pathway=pathway, starts_at=at(2), place="F+2")
        response = counsellor_client.get(file_url("list", pathway.participant))
        assert [a.place for a in response.context["upcoming"]] == ["F+2", "F+9"]
        assert [a.place for a in response.context["past"]] == ["P-2", "P-10"]
        page = response.content.decode()
        assert page.index("F+2") < page.index("F+9") < page.index("P-2") < page.index("P-10")
        assert "appointment-status--no_show" in page and "Absent sans prévenir" in page
        assert "Honoré" in page

    def test_status_buttons_are_post_forms_and_held_only_once_started(self, counsellor_client, pathway):
        past = AppointmentFactory(pathway=pathway, starts_at=at(-1))
        future = AppointmentFactory(pathway=pathway, starts_at=at(2))
        response = counsellor_client.get(file_url("list", pathway.participant))
        actions = {
            a.pk: [value for value, _label in a.actions]
            for a in response.context["upcoming"] + response.context["past"]
        }
        assert actions[past.pk] == ["held", "excused", "no_show", "cancelled"]
        assert actions[future.pk] == ["excused", "cancelled"]
        page = response.content.decode()
        assert f'action="{file_url("status", pathway.participant, pk=past.pk)}"' in page
        assert 'name="csrfmiddlewaretoken"' in page
        assert ">Honoré</button>" in page

    def test_a_reminder_given_up_shows_on_the_appointment(self, counsellor_client, pathway):
        appointment = AppointmentFactory(pathway=pathway)
        ReminderDelivery.objects.create(
            appointment=appointment,
            channel=ReminderChannel.SMS,
            starts_at=appointment.starts_at,
            status=DeliveryStatus.GIVEN_UP,
            attempts=4,
            last_error="TimeoutError",
        )
        ReminderDelivery.objects.create(
            appointment=appointment,
            channel=ReminderChannel.EMAIL,
            starts_at=appointment.starts_at,
            status=DeliveryStatus.SENT,
            attempts=1,
            sent_at=timezone.now(),
        )
        page = counsellor_client.get(file_url("list", pathway.participant)).content.decode()
        assert "Rappel non envoyé (SMS)" in page
        assert "Rappel envoyé (e-mail)" in page

    def test_a_reminder_for_an_old_time_is_not_shown(self, counsellor_client, pathway):
        appointment = AppointmentFactory(pathway=pathway)
        ReminderDelivery.objects.create(
            appointment=appointment,
            channel=ReminderChannel.SMS,
            starts_at=appointment.starts_at - datetime.timedelta(days=1),
            status=DeliveryStatus.GIVEN_UP,
            attempts=4,
        )
        assert (
            "Rappel non envoyé"
            not in counsellor_client.get(file_url("list", pathway.participant)).content.decode()
        )

    @pytest.mark.parametrize("rows", [2, 7])
    def test_query_count_is_flat(
        self, counsellor_client, pathway, colleague, django_assert_num_queries, rows
    ):
        for index in range(rows):
            appointment = AppointmentFactory(
                pathway=pathway, staff=colleague if index % 2 else pathway.referent, starts_at=at(index - 3)
            )
            ReminderDelivery.objects.create(
                appointment=appointment,
                channel=ReminderChannel.EMAIL,
                starts_at=appointment.starts_at,
                status=DeliveryStatus.SENT,
                sent_at=timezone.now(),
                attempts=1,
            )
        # Session, user, participant, pathway, role, appointments, reminders, territories, the audit
        # trail's read; session save.
        with django_assert_num_queries(12):
            response = counsellor_client.get(file_url("list", pathway.participant))
        assert response.content.decode().count('class="card appointment"') == rows


class TestPermissions:
    @pytest.mark.parametrize("name", ["list", "create"])
    def test_another_territory_gets_404(self, other_counsellor_client, participant, name):
        assert other_counsellor_client.get(file_url(name, participant)).status_code == 404

    @pytest.mark.parametrize("name", ["edit", "status"])
    def test_another_territory_gets_404_on_an_appointment(self, other_counsellor_client, pathway, name):
        appointment = AppointmentFactory(pathway=pathway, starts_at=at(-1))
        url = file_url(name, pathway.participant, pk=appointment.pk)
        assert other_counsellor_client.post(url, {"status": "held"}).status_code == 404
        assert Appointment.objects.get().status == AppointmentStatus.PLANNED

    @pytest.mark.parametrize("name", ["list", "create"])
    def test_business_developers_do_not_see_appointments(self, business_developer_client, participant, name):
        assert business_developer_client.get(file_url(name, participant)).status_code == 403

    def test_business_developers_cannot_change_one(self, business_developer_client, pathway):
        appointment = AppointmentFactory(pathway=pathway, starts_at=at(-1))
        for name in ("edit", "status"):
            response = business_developer_client.post(
                file_url(name, pathway.participant, pk=appointment.pk), {"status": "held"}
            )
            assert response.status_code == 403
        assert Appointment.objects.get().status == AppointmentStatus.PLANNED

    def test_the_file_nav_hides_appointments_from_business_developers(
        self, business_developer_client, counsellor_client, participant
    ):
        url = file_url("list", participant)
        summary = reverse("participants:detail", kwargs={"pk": participant.pk})
        assert url not in business_developer_client.get(summary).content.decode()
        assert url in counsellor_client.get(summary).content.decode()

    def test_an_appointment_of_another_person_is_404(self, counsellor_client, pathway, territory, counsellor):
        other = AppointmentFactory(pathway=PathwayFactory(territory=territory, referent=counsellor))
        response = counsellor_client.get(file_url("edit", pathway.participant, pk=other.pk))
        assert response.status_code == 404

    def test_anonymous_is_sent_to_login(self, client, participant):
        response = client.get(file_url("list", participant))
        assert response.status_code == 302 and "/compte/connexion/" in response.url

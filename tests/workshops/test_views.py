import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from chemin.workshops.enums import Attendance, RegistrationStatus, WorkshopStatus
from chemin.workshops.models import Registration, Workshop
from tests.participants.factories import ParticipantFactory, PathwayFactory
from tests.partners.factories import make_partner
from tests.workshops.factories import RegistrationFactory, WorkshopFactory, at

pytestmark = pytest.mark.django_db

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def url(name: str, workshop=None, **kwargs) -> str:
    if workshop is not None:
        kwargs["pk"] = workshop.pk
    return reverse(f"workshops:{name}", kwargs=kwargs or None)


def form_data(facilitator: str, **overrides) -> dict:
    return {
        "theme": "confidence",
        "title": "Prendre confiance en soi",
        "facilitator": facilitator,
        "place": "Maison de l'emploi, salle 2",
        "date": TOMORROW.isoformat(),
        "start_time": "09:30",
        "end_time": "12:00",
        "capacity": "8",
        **overrides,
    }


@pytest.fixture
def workshop(territory, counsellor):
    return WorkshopFactory(territory=territory, created_by=counsellor, capacity=2, title="Atelier confiance")


@pytest.fixture
def under_way(territory, counsellor):
    return WorkshopFactory(
        territory=territory, created_by=counsellor, under_way=True, title="Atelier du jour"
    )


class TestWorkshopCreate:
    def test_counsellor_plans_a_workshop_she_facilitates(self, counsellor_client, territory, counsellor):
        response = counsellor_client.post(url("create"), form_data(f"user-{counsellor.pk}"))
        workshop = Workshop.objects.get()
        assert response.status_code == 302
        assert response.url == url("detail", workshop)
        assert workshop.territory == territory
        assert workshop.facilitator_user == counsellor and workshop.facilitator_partner is None
        assert workshop.created_by == counsellor
        local = timezone.localtime(workshop.starts_at)
        assert (local.date(), local.hour, local.minute) == (TOMORROW, 9, 30)
        assert timezone.localtime(workshop.ends_at).hour == 12

    def test_a_partner_of_the_territory_facilitates_it(self, manager_client, territory):
        partner = make_partner(territories=[territory], name="Association Rebond")
        response = manager_client.post(url("create"), form_data(f"partner-{partner.pk}"))
        assert response.status_code == 302
        workshop = Workshop.objects.get()
        assert workshop.facilitator_partner == partner and workshop.facilitator_user is None

    def test_offers_staff_and_partners_of_the_territory_only(
        self, counsellor_client, territory, other_territory, colleague, other_counsellor
    ):
        make_partner(territories=[territory], name="Association Rebond")
        make_partner(territories=[other_territory], name="Association d’Arras")
        page = counsellor_client.get(url("create")).content.decode()
        assert "Frank Wojcik" in page and "Association Rebond" in page
        assert "Charlie Benali" not in page and "Association d’Arras" not in page

    def test_refuses_a_partner_of_another_territory(self, counsellor_client, other_territory):
        partner = make_partner(territories=[other_territory])
        response = counsellor_client.post(url("create"), form_data(f"partner-{partner.pk}"))
        assert response.status_code == 200
        assert "facilitator" in response.context["form"].errors
        assert not Workshop.objects.exists()

    def test_refuses_no_facilitator_with_a_french_error_on_the_field(self, counsellor_client):
        response = counsellor_client.post(url("create"), form_data(""))
        assert response.context["form"].errors["facilitator"] == ["Choisissez qui anime l’atelier."]
        assert 'id="id_facilitator_error"' in response.content.decode()

    def test_refuses_an_end_before_the_start_keeping_the_title(self, counsellor_client, counsellor):
        response = counsellor_client.post(
            url("create"), form_data(f"user-{counsellor.pk}", start_time="14:00", end_time="13:00")
        )
        assert response.status_code == 200
        assert response.context["form"].errors["end_time"] == ["L’atelier doit finir après avoir commencé."]
        assert 'value="Prendre confiance en soi"' in response.content.decode()
        assert not Workshop.objects.exists()

    def test_refuses_a_session_already_over(self, counsellor_client, counsellor):
        yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
        response = counsellor_client.post(url("create"), form_data(f"user-{counsellor.pk}", date=yesterday))
        assert response.context["form"].errors["date"] == [
            "Cette séance est déjà terminée : prévoyez un atelier à venir."
        ]

    @pytest.mark.parametrize("capacity", ["0", "douze"])
    def test_refuses_a_bad_capacity(self, counsellor_client, counsellor, capacity):
        response = counsellor_client.post(
            url("create"), form_data(f"user-{counsellor.pk}", capacity=capacity)
        )
        assert "capacity" in response.context["form"].errors
        assert not Workshop.objects.exists()


class TestWorkshopEdit:
    def test_edit_page_shows_the_workshop(self, counsellor_client, workshop, counsellor):
        page = counsellor_client.get(url("edit", workshop)).content.decode()
        assert 'value="Atelier confiance"' in page
        assert f'value="user-{counsellor.pk}" selected' in page

    def test_refuses_fewer_seats_than_people_registered_on_the_capacity_field(
        self, counsellor_client, workshop, counsellor
    ):
        RegistrationFactory(workshop=workshop)
        RegistrationFactory(workshop=workshop)
        local = timezone.localtime(workshop.starts_at)
        response = counsellor_client.post(
            url("edit", workshop),
            form_data(f"user-{counsellor.pk}", date=local.date().isoformat(), capacity="1"),
        )
        assert response.status_code == 200
        assert response.context["form"].errors["capacity"] == [
            "2 personnes sont inscrites : l’atelier doit avoir au moins 2 places."
        ]
        assert 'id="id_capacity_error"' in response.content.decode()
        workshop.refresh_from_db()
        assert workshop.capacity == 2

    def test_more_seats_move_people_from_the_waiting_list(self, counsellor_client, workshop, counsellor):
        RegistrationFactory(workshop=workshop)
        RegistrationFactory(workshop=workshop)
        waiting = RegistrationFactory(
            workshop=workshop,
            waiting=True,
            pathway__participant=ParticipantFactory(first_name="Inès", last_name="Roux"),
        )
        response = counsellor_client.post(
            url("edit", workshop),
            form_data(
                f"user-{counsellor.pk}",
                date=timezone.localtime(workshop.starts_at).date().isoformat(),
                capacity="3",
            ),
            follow=True,
        )
        assert "Inès Roux quitte la liste d’attente et obtient une place." in response.content.decode()
        waiting.refresh_from_db()
        assert waiting.status == RegistrationStatus.REGISTERED

    def test_a_cancelled_workshop_cannot_be_edited(self, counsellor_client, territory, counsellor):
        workshop = WorkshopFactory(territory=territory, created_by=counsellor, cancelled=True)
        response = counsellor_client.get(url("edit", workshop))
        assert response.status_code == 302
        assert response.url == url("detail", workshop)


class TestRegistrations:
    def test_registers_then_puts_on_the_waiting_list_and_says_so(
        self, counsellor_client, territory, workshop
    ):
        people = [
            PathwayFactory(
                territory=territory, participant=ParticipantFactory(first_name=name, last_name="Dufour")
            )
            for name in ("Anna", "Bilal", "Chloé")
        ]
        for pathway in people[:2]:
            response = counsellor_client.post(url("register", workshop), {"pathway": pathway.pk}, follow=True)
        assert "Bilal Dufour est inscrit·e." in response.content.decode()
        response = counsellor_client.post(url("register", workshop), {"pathway": people[2].pk}, follow=True)
        page = response.content.decode()
        assert "L’atelier est complet : Chloé Dufour est en liste d’attente, en position 1." in page
        assert [r.pathway for r in response.context["waiting"]] == [people[2]]
        assert Registration.objects.filter(status=RegistrationStatus.REGISTERED).count() == 2

    def test_registering_twice_says_so_and_duplicates_nothing(self, counsellor_client, workshop, pathway):
        counsellor_client.post(url("register", workshop), {"pathway": pathway.pk})
        response = counsellor_client.post(url("register", workshop), {"pathway": pathway.pk}, follow=True)
        assert "Nadia Benamar est déjà inscrit·e à cet atelier." in response.content.decode()
        assert Registration.objects.count() == 1

    def test_offers_open_pathways_of_the_territory_not_registered_yet(
        self, counsellor_client, workshop, territory, other_territory, pathway
    ):
        free = PathwayFactory(
            territory=territory, participant=ParticipantFactory(first_name="Lina", last_name="Petit")
        )
        PathwayFactory(territory=territory, closed=True, participant=ParticipantFactory(last_name="Fermé"))
        PathwayFactory(territory=other_territory, participant=ParticipantFactory(last_name="Arrageois"))
        RegistrationFactory(workshop=workshop, pathway=pathway)
        form = counsellor_client.get(url("detail", workshop)).context["register_form"]
        assert [label for value, label in form.fields["pathway"].widget.choices if value] == ["Lina Petit"]
        assert free.pk

    def test_refuses_someone_of_another_territory_on_the_field(
        self, counsellor_client, workshop, other_territory
    ):
        stranger = PathwayFactory(territory=other_territory)
        response = counsellor_client.post(url("register", workshop), {"pathway": stranger.pk})
        assert response.status_code == 200
        assert response.context["register_form"].errors["pathway"] == [
            "Choisissez une personne qui a un parcours ouvert sur ce territoire."
        ]
        assert not Registration.objects.exists()

    def test_refuses_a_cancelled_workshop(self, counsellor_client, territory, counsellor, pathway):
        workshop = WorkshopFactory(territory=territory, created_by=counsellor, cancelled=True)
        response = counsellor_client.post(url("register", workshop), {"pathway": pathway.pk}, follow=True)
        assert "Cet atelier est annulé : plus personne ne peut s’y inscrire." in response.content.decode()
        assert not Registration.objects.exists()

    def test_cancelling_gives_the_seat_to_the_first_person_waiting(self, counsellor_client, workshop):
        leaving = RegistrationFactory(workshop=workshop)
        RegistrationFactory(workshop=workshop)
        first = RegistrationFactory(
            workshop=workshop,
            waiting=True,
            pathway__participant=ParticipantFactory(first_name="Inès", last_name="Roux"),
        )
        RegistrationFactory(workshop=workshop, waiting=True)
        response = counsellor_client.post(
            url("cancel_registration", workshop, registration_pk=leaving.pk), follow=True
        )
        assert "Inès Roux quitte la liste d’attente et obtient la place libérée." in response.content.decode()
        first.refresh_from_db()
        assert first.status == RegistrationStatus.REGISTERED

    def test_cannot_cancel_a_registration_of_another_workshop(self, counsellor_client, workshop, territory):
        elsewhere = RegistrationFactory(workshop=WorkshopFactory(territory=territory))
        response = counsellor_client.post(url("cancel_registration", workshop, registration_pk=elsewhere.pk))
        assert response.status_code == 404


class TestAttendance:
    def test_the_form_appears_once_the_session_has_started(self, counsellor_client, workshop, under_way):
        RegistrationFactory(workshop=workshop)
        RegistrationFactory(workshop=under_way)
        assert counsellor_client.get(url("detail", workshop)).context["attendance_form"] is None
        assert counsellor_client.get(url("detail", under_way)).context["attendance_form"] is not None

    def test_records_present_absent_and_excused_in_one_form(self, counsellor_client, under_way):
        came, missed, warned = (RegistrationFactory(workshop=under_way) for _ in range(3))
        response = counsellor_client.post(
            url("attendance", under_way),
            {
                f"attendance_{came.pk}": "present",
                f"attendance_{missed.pk}": "absent",
                f"attendance_{warned.pk}": "excused",
            },
            follow=True,
        )
        assert "Présences enregistrées." in response.content.decode()
        assert dict(Registration.objects.values_list("pk", "attendance")) == {
            came.pk: Attendance.PRESENT,
            missed.pk: Attendance.ABSENT,
            warned.pk: Attendance.EXCUSED,
        }
        under_way.refresh_from_db()
        assert under_way.status == WorkshopStatus.HELD

    def test_a_bad_value_is_a_field_error(self, counsellor_client, under_way):
        registration = RegistrationFactory(workshop=under_way)
        response = counsellor_client.post(
            url("attendance", under_way), {f"attendance_{registration.pk}": "late"}
        )
        assert response.status_code == 200
        assert f"attendance_{registration.pk}" in response.context["attendance_form"].errors
        registration.refresh_from_db()
        assert registration.attendance == Attendance.UNKNOWN

    def test_refused_before_the_session(self, counsellor_client, workshop):
        registration = RegistrationFactory(workshop=workshop)
        counsellor_client.post(url("attendance", workshop), {f"attendance_{registration.pk}": "present"})
        registration.refresh_from_db()
        assert registration.attendance == Attendance.UNKNOWN


class TestWorkshopCancel:
    def test_asks_then_cancels(self, counsellor_client, workshop):
        RegistrationFactory(workshop=workshop)
        page = counsellor_client.get(url("cancel", workshop)).content.decode()
        assert "1 personne est inscrite ou en attente" in page
        response = counsellor_client.post(url("cancel", workshop), follow=True)
        assert "Atelier annulé." in response.content.decode()
        workshop.refresh_from_db()
        assert workshop.status == WorkshopStatus.CANCELLED

    def test_a_workshop_that_took_place_cannot_be_cancelled(self, counsellor_client, territory, counsellor):
        workshop = WorkshopFactory(territory=territory, created_by=counsellor, past=True)
        response = counsellor_client.get(url("cancel", workshop), follow=True)
        assert "Cet atelier ne peut plus être annulé." in response.content.decode()
        counsellor_client.post(url("cancel", workshop))
        workshop.refresh_from_db()
        assert workshop.status == WorkshopStatus.HELD


class TestParticipantTimelinePage:
    def test_the_file_shows_the_workshop_and_filters_on_it(self, counsellor_client, territory, pathway):
        workshop = WorkshopFactory(territory=territory, past=True, title="Prendre confiance")
        RegistrationFactory(workshop=workshop, pathway=pathway, attendance=Attendance.PRESENT)
        timeline_url = reverse("participants:timeline", kwargs={"pk": pathway.participant_id})
        response = counsellor_client.get(timeline_url, {"kind": "workshop"})
        page = response.content.decode()
        assert ("workshop", "Atelier") in response.context["kinds"]
        assert "A participé à l’atelier « Prendre confiance »" in page
        assert all(event.kind == "workshop" for event in response.context["events"])


class TestPermissions:
    PAGES = ["detail", "edit", "cancel"]
    WRITES = ["register", "attendance", "cancel", "edit"]

    @pytest.mark.parametrize("name", PAGES)
    def test_another_territory_gets_404(self, other_counsellor_client, workshop, name):
        assert other_counsellor_client.get(url(name, workshop)).status_code == 404

    @pytest.mark.parametrize("name", WRITES)
    def test_another_territory_cannot_write(self, other_counsellor_client, under_way, pathway, name):
        response = other_counsellor_client.post(url(name, under_way), {"pathway": pathway.pk})
        assert response.status_code == 404
        assert not Registration.objects.exists()
        assert Workshop.objects.get().status == WorkshopStatus.PLANNED

    def test_another_territory_cannot_cancel_a_registration(self, other_counsellor_client, workshop):
        registration = RegistrationFactory(workshop=workshop)
        response = other_counsellor_client.post(
            url("cancel_registration", workshop, registration_pk=registration.pk)
        )
        assert response.status_code == 404
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.REGISTERED

    def test_another_territory_does_not_list_it(self, other_counsellor_client, workshop):
        assert "Atelier confiance" not in other_counsellor_client.get(url("list")).content.decode()

    def test_business_developer_is_denied(self, business_developer_client, workshop):
        assert business_developer_client.get(url("list")).status_code == 403
        assert business_developer_client.get(url("create")).status_code == 403
        for name in self.PAGES:
            assert business_developer_client.get(url(name, workshop)).status_code == 404

    def test_manager_runs_the_workshops(self, manager_client, workshop):
        assert manager_client.get(url("list")).status_code == 200
        assert manager_client.get(url("detail", workshop)).status_code == 200

    def test_anonymous_is_sent_to_login(self, client, workshop):
        for target in (url("list"), url("detail", workshop)):
            response = client.get(target)
            assert response.status_code == 302
            assert "/compte/connexion/" in response.url

    @pytest.mark.parametrize("name", ["register", "attendance"])
    def test_changes_are_post_only(self, counsellor_client, workshop, name):
        assert counsellor_client.get(url(name, workshop)).status_code == 405

    def test_the_navigation_links_to_workshops_except_for_business_developers(
        self, counsellor_client, business_developer_client
    ):
        assert f'href="{url("list")}"' in counsellor_client.get("/").content.decode()
        assert f'href="{url("list")}"' not in business_developer_client.get("/").content.decode()


class TestPages:
    def test_lists_upcoming_first_then_past(self, counsellor_client, territory, counsellor):
        for title, days in (("Passé récent", -2), ("Passé ancien", -30), ("Bientôt", 1), ("Plus tard", 9)):
            WorkshopFactory(territory=territory, created_by=counsellor, title=title, starts_at=at(days))
        context = counsellor_client.get(url("list")).context
        assert [w.title for w in context["upcoming"]] == ["Bientôt", "Plus tard"]
        assert [w.title for w in context["past"]] == ["Passé récent", "Passé ancien"]

    def test_a_row_shows_theme_date_place_seats_and_waiting(self, counsellor_client, workshop):
        RegistrationFactory(workshop=workshop)
        RegistrationFactory(workshop=workshop)
        RegistrationFactory(workshop=workshop, waiting=True)
        RegistrationFactory(workshop=workshop, status=RegistrationStatus.CANCELLED)
        page = counsellor_client.get(url("list")).content.decode()
        assert "Confiance et estime de soi" in page
        assert "Maison de l&#x27;emploi, salle 2" in page
        assert "2 / 2 inscrites" in page
        assert "1 en liste d’attente" in page
        assert timezone.localtime(workshop.starts_at).strftime("%H:%M") in page

    def test_detail_lists_the_waiting_list_in_order(self, counsellor_client, workshop):
        RegistrationFactory(workshop=workshop)
        RegistrationFactory(workshop=workshop)
        later = RegistrationFactory(workshop=workshop, waiting=True, registered_at=at(-1, 10))
        sooner = RegistrationFactory(workshop=workshop, waiting=True, registered_at=at(-2, 10))
        assert counsellor_client.get(url("detail", workshop)).context["waiting"] == [sooner, later]

    @pytest.mark.parametrize("rows", [2, 6])
    def test_list_query_count_is_flat(
        self, counsellor_client, territory, counsellor, django_assert_num_queries, rows
    ):
        partner = make_partner(territories=[territory])
        for index in range(rows):
            workshop = WorkshopFactory(
                territory=territory,
                created_by=counsellor,
                starts_at=at(index - rows // 2),
                **({"facilitator_user": None, "facilitator_partner": partner} if index % 2 else {}),
            )
            RegistrationFactory(workshop=workshop)
            RegistrationFactory(workshop=workshop, waiting=True)
        with django_assert_num_queries(9):
            response = counsellor_client.get(url("list"))
        assert response.content.decode().count('class="card workshop-row') == rows

    @pytest.mark.parametrize("rows", [2, 6])
    def test_detail_query_count_is_flat(self, counsellor_client, under_way, django_assert_num_queries, rows):
        under_way.capacity = rows
        under_way.save()
        for _ in range(rows):
            RegistrationFactory(workshop=under_way)
            RegistrationFactory(workshop=under_way, waiting=True)
            PathwayFactory(territory=under_way.territory)
        with django_assert_num_queries(9):
            response = counsellor_client.get(url("detail", under_way))
        page = response.content.decode()
        assert page.count('value="present"') == rows
        assert len(response.context["waiting"]) == rows
        assert (
            len(
                [
                    value
                    for value, _label in response.context["register_form"].fields["pathway"].widget.choices
                    if value
                ]
            )
            == rows
        )

import datetime

import pytest

from chemin.activations import services
from chemin.activations.enums import ActivationStatus
from chemin.activations.timeline import activation_events
from chemin.core import timeline


@pytest.mark.django_db
class TestActivationTimeline:
    def test_is_registered_with_the_timeline(self):
        assert activation_events in timeline._sources

    def test_shows_the_request_then_the_answer_with_its_delay(self, activation, participant, counsellor):
        services.activation_answer(
            activation=activation,
            status=ActivationStatus.ACCEPTED,
            answer_text="Oui, je monte le dossier.",
            now=activation.sent_at + datetime.timedelta(days=4),
        )
        sent, answered = sorted(activation_events(participant, counsellor), key=lambda event: event.sort_key)
        assert (
            sent.title
            == "Prescripteur sollicité : Sabrina Mortier (Maison du Département Solidarité de l’Artois)"
        )
        assert sent.kind_label == "Sollicitation du prescripteur"
        assert sent.detail == "Le Département peut-il financer le permis B ?"
        assert answered.title == "Réponse du prescripteur : Accepté (en 4 jours)"
        assert answered.detail == "Oui, je monte le dossier."
        assert sent.url == f"/personnes/{participant.pk}/sollicitations/#sollicitation-{activation.pk}"

    def test_a_same_day_answer_reads_in_0_days(self, activation, participant, counsellor):
        services.activation_answer(activation=activation, status=ActivationStatus.DONE, answer_text="")
        titles = [event.title for event in timeline.events_for(participant, counsellor, kinds={"activation"})]
        assert titles[0] == "Réponse du prescripteur : Réalisé (en 0 jour)"

    def test_business_developers_see_none(self, activation, participant, business_developer):
        assert activation_events(participant, business_developer) == []

    def test_another_territory_sees_none(self, activation, participant, other_counsellor):
        assert activation_events(participant, other_counsellor) == []

    def test_a_health_request_is_hidden_from_who_may_not_read_the_barrier(
        self, referral, health_barrier, send, participant, colleague, manager
    ):
        send(barrier=health_barrier, request_text="Question sur le suivi médical")
        (event,) = activation_events(participant, colleague)
        assert "médical" not in event.title + event.detail
        assert event.detail == "Au sujet d’un frein à accès restreint."
        (event,) = activation_events(participant, manager)
        assert event.detail == "Question sur le suivi médical"

    def test_query_count_is_flat(
        self, referral, mobility_barrier, send, participant, counsellor, django_assert_num_queries
    ):
        for _ in range(5):
            send(barrier=mobility_barrier)
        with django_assert_num_queries(2):
            assert len(activation_events(participant, counsellor)) == 5

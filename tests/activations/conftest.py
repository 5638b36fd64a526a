import pytest
from django.utils import timezone

from chemin.activations import services
from chemin.barriers.enums import BarrierCategory
from chemin.barriers.services import barrier_create
from chemin.prescribers.enums import OrganisationKind
from tests.prescribers.factories import PrescriberFactory, PrescriberOrganisationFactory
from tests.referrals.factories import ReferralFactory

SITE_URL = "http://testserver/"


@pytest.fixture
def prescriber(db):
    """Sabrina Mortier, RSA référente at the Département, who referred Nadia to Lens-Liévin."""
    organisation = PrescriberOrganisationFactory(
        name="Maison du Département Solidarité de l’Artois", kind=OrganisationKind.DEPARTEMENT
    )
    return PrescriberFactory(
        organisation=organisation,
        first_name="Sabrina",
        last_name="Mortier",
        email="mortier.sabrina@pasdecalais.example.org",
    )


@pytest.fixture
def referral(pathway, prescriber, counsellor, territory):
    return ReferralFactory(
        accepted=True,
        territory=territory,
        prescriber=prescriber,
        recorded_by=counsellor,
        first_name="Nadia",
        last_name="Benamar",
        pathway=pathway,
        participant=pathway.participant,
    )


@pytest.fixture
def mobility_barrier(pathway, counsellor):
    return barrier_create(
        pathway=pathway,
        identified_by=counsellor,
        category=BarrierCategory.MOBILITY,
        situation="x-licence",
        own_words="Je n’ai pas le permis et le bus ne passe pas le dimanche.",
    )


@pytest.fixture
def health_barrier(pathway, counsellor):
    return barrier_create(
        pathway=pathway,
        identified_by=counsellor,
        category=BarrierCategory.HEALTH,
        situation="15",
        own_words="Mal de dos, pas de port de charges.",
        consent_given_on=timezone.localdate(),
    )


@pytest.fixture
def send(django_capture_on_commit_callbacks, counsellor):
    """Send an activation as Alice, running the on-commit email like a real request would."""

    def _send(*, barrier, request_text="Le Département peut-il financer le permis B ?", sent_by=None):
        with django_capture_on_commit_callbacks(execute=True):
            return services.activation_send(
                pathway=barrier.pathway,
                barrier=barrier,
                request_text=request_text,
                sent_by=sent_by or counsellor,
                site_url=SITE_URL,
            )

    return _send


@pytest.fixture
def activation(referral, mobility_barrier, send):
    return send(barrier=mobility_barrier)

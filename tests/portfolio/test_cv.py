import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from chemin.jobwishes.enums import JobWishStatus
from chemin.participants.enums import IncomeSupport
from chemin.portfolio.cv import LocalOnlyURLFetcher, cv_filename
from chemin.portfolio.enums import ExperienceKind, SkillKind
from chemin.referentials.models import Commune
from tests.jobwishes.factories import JobWishFactory
from tests.participants.factories import ParticipantFactory
from tests.portfolio.factories import ExperienceFactory, SkillFactory

pytestmark = pytest.mark.django_db


def cv_url(participant) -> str:
    return reverse("portfolio:cv", kwargs={"participant_pk": participant.pk})


def pdf_text(response) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


@pytest.fixture
def nadia(pathway, counsellor):
    """Nadia with what a CV must show, and what it must never show."""
    participant = pathway.participant
    participant.phone = "06 12 34 56 78"
    participant.email = "nadia.benamar@example.org"
    participant.address = "12 rue des Corons"
    participant.postal_code = "62300"
    participant.commune = Commune.objects.get(pk="62498")
    participant.birth_date = datetime.date(1987, 4, 12)
    participant.income_support = IncomeSupport.RSA
    participant.rqth = True
    participant.has_driving_licence = True
    participant.has_vehicle = False
    participant.languages = "Français, arabe"
    participant.save()
    JobWishFactory(pathway=pathway, title_in_own_words="Caissière en supermarché", rome_codes=["D1505"])
    JobWishFactory(pathway=pathway, title_in_own_words="Aide à domicile", rome_codes=["K1304"], priority=2)
    JobWishFactory(
        pathway=pathway,
        title_in_own_words="Conductrice de bus",
        rome_codes=["N4103"],
        priority=3,
        status=JobWishStatus.SET_ASIDE,
    )
    work = ExperienceFactory(
        participant=participant, title="Employée libre-service", organisation="Supermarché de Liévin"
    )
    ExperienceFactory(
        participant=participant,
        kind=ExperienceKind.IMMERSION,
        title="PMSMP hôtesse de caisse",
        organisation="Carrefour Market Lens",
        description="Encaissement, accueil, tenue de la caisse en autonomie la deuxième semaine.",
        start_date=datetime.date(2025, 10, 6),
        end_date=datetime.date(2025, 10, 17),
    )
    ExperienceFactory(
        participant=participant,
        family_life=True,
        title="Mère au foyer pendant 6 ans",
        description="Gestion du budget familial, organisation des rendez-vous, coordination de l’emploi du temps de trois enfants.",
    )
    ExperienceFactory(
        participant=participant,
        kind=ExperienceKind.VOLUNTEERING,
        title="Bénévole aux Restos du Cœur de Lens",
        organisation="",
        description="Accueil des familles et distribution des colis.",
        start_date=datetime.date(2022, 1, 1),
        end_date=None,
    )
    ExperienceFactory(
        participant=participant,
        kind=ExperienceKind.TRAINING,
        title="Certificat de compétences en caisse",
        organisation="AFPA Liévin",
        description="",
        start_date=datetime.date(2024, 2, 1),
        end_date=datetime.date(2024, 3, 15),
    )
    SkillFactory(participant=participant, label="Accueil de la clientèle", source_experience=work)
    SkillFactory(participant=participant, label="Tenue de caisse", validated_by=counsellor)
    for label in ["Gestion d’un budget", "Organisation", "Ponctualité", "Travail en équipe"]:
        SkillFactory(participant=participant, label=label, kind=SkillKind.INFORMAL)
    return participant


class TestCvPdf:
    def test_is_a_pdf_download_named_after_the_person(self, counsellor_client, nadia):
        response = counsellor_client.get(cv_url(nadia))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="CV-Nadia-Benamar.pdf"'
        assert "no-store" in response["Cache-Control"]
        assert response.content.startswith(b"%PDF-")

    def test_shows_the_name_the_contact_and_the_wishes(self, counsellor_client, nadia):
        text, _pages = pdf_text(counsellor_client.get(cv_url(nadia)))
        for expected in [
            "Nadia Benamar",
            "06 12 34 56 78",
            "nadia.benamar@example.org",
            "Lens",
            "PROJET PROFESSIONNEL",
            "Caissière en supermarché",
            "Aide à domicile",
            "Employée libre-service",
            "Mère au foyer pendant 6 ans",
            "Bénévole aux Restos du Cœur de Lens",
            "Certificat de compétences en caisse",
            "Permis B",
            "Français, arabe",
        ]:
            assert expected in text, expected

    def test_leaves_out_set_aside_wishes_and_what_an_employer_need_not_know(self, counsellor_client, nadia):
        text, _pages = pdf_text(counsellor_client.get(cv_url(nadia)))
        for hidden in [
            "Conductrice de bus",
            "rue des Corons",
            "62300",
            "1987",
            "12/04",
            "RQTH",
            "RSA",
            "Véhiculé",
        ]:
            assert hidden not in text, hidden

    def test_dates_each_experience_by_month(self, counsellor_client, nadia):
        text, _pages = pdf_text(counsellor_client.get(cv_url(nadia)))
        assert "mars 2018 – juin 2020" in text
        assert "depuis janvier 2022" in text
        # An immersion of two weeks reads as one month, not "octobre 2025 – octobre 2025".
        assert "octobre 2025 PMSMP hôtesse de caisse" in text

    def test_lists_validated_skills_first(self, counsellor_client, nadia):
        text, _pages = pdf_text(counsellor_client.get(cv_url(nadia)))
        # Both are know-how; the validated one comes first even though "Accueil" sorts before it.
        assert text.index("Tenue de caisse") < text.index("Accueil de la")

    def test_says_when_the_person_has_a_vehicle(self, counsellor_client, nadia):
        nadia.has_vehicle = True
        nadia.save()
        text, _pages = pdf_text(counsellor_client.get(cv_url(nadia)))
        assert "Véhiculé·e" in text

    def test_fits_one_page_for_a_normal_portfolio(self, counsellor_client, nadia):
        _text, pages = pdf_text(counsellor_client.get(cv_url(nadia)))
        assert pages == 1

    def test_stays_on_one_page_for_a_long_portfolio(self, counsellor_client, nadia):
        ExperienceFactory.create_batch(10, participant=nadia, description="Une longue description. " * 12)
        SkillFactory.create_batch(20, participant=nadia)
        _text, pages = pdf_text(counsellor_client.get(cv_url(nadia)))
        assert pages == 1

    def test_prints_an_empty_portfolio(self, counsellor_client, participant):
        text, pages = pdf_text(counsellor_client.get(cv_url(participant)))
        assert "Nadia Benamar" in text
        assert pages == 1

    def test_a_business_developer_may_print_it(self, business_developer_client, nadia):
        assert business_developer_client.get(cv_url(nadia)).status_code == 200

    def test_a_counsellor_of_another_territory_gets_a_404(self, other_counsellor_client, nadia):
        assert other_counsellor_client.get(cv_url(nadia)).status_code == 404

    def test_an_anonymous_visitor_is_sent_to_log_in(self, client, nadia):
        response = client.get(cv_url(nadia))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))

    def test_runs_a_fixed_number_of_queries(self, counsellor_client, nadia, django_assert_num_queries):
        with django_assert_num_queries(14):
            counsellor_client.get(cv_url(nadia))
        ExperienceFactory.create_batch(3, participant=nadia)
        JobWishFactory(
            pathway=nadia.pathways.get(),
            title_in_own_words="Employée de rayon",
            rome_codes=["D1507"],
            priority=4,
        )
        with django_assert_num_queries(14):
            counsellor_client.get(cv_url(nadia))


class TestCvFilename:
    @pytest.mark.parametrize(
        ("first_name", "last_name", "expected"),
        [
            ("Élodie", "Dupont-Lefèvre", "CV-Elodie-Dupont-Lefevre.pdf"),
            ("Awa", "N'Diaye", "CV-Awa-N-Diaye.pdf"),
            ("Jean Marc", "Œuvrard", "CV-Jean-Marc-OEuvrard.pdf"),
            ("李", "Wang", "CV-Wang.pdf"),
        ],
    )
    def test_is_plain_ascii(self, first_name, last_name, expected):
        participant = ParticipantFactory.build(first_name=first_name, last_name=last_name)
        assert cv_filename(participant) == expected


class TestLocalOnlyFetcher:
    def fetcher(self) -> LocalOnlyURLFetcher:
        return LocalOnlyURLFetcher([Path(directory) for directory in settings.STATICFILES_DIRS])

    @pytest.mark.parametrize(
        "url",
        [
            "https://fonts.example.org/font.woff2",
            "http://127.0.0.1:8000/static/css/app.css",
            "file:///etc/passwd",
        ],
    )
    def test_refuses_anything_but_local_static_files(self, url):
        with pytest.raises(ValueError, match="may not fetch"):
            self.fetcher().fetch(url)

    def test_reads_a_static_file(self):
        path = Path(settings.STATICFILES_DIRS[0]) / "css" / "cv.css"
        response = self.fetcher().fetch(path.as_uri())
        try:
            assert b"@page" in response.read()
        finally:
            response.close()

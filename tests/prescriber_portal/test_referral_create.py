"""A prescriber refers someone online, with the person's agreement and up to three files."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from chemin.referrals.enums import ReferralStatus
from chemin.referrals.models import Referral, ReferralAttachment
from tests.documents import samples
from tests.documents.samples import files_on_disk, upload

URL = "/portail-prescripteur/orienter/"


@pytest.fixture
def data(territory):
    return {
        "territory": str(territory.pk),
        "reason": "Souhaite travailler dans la logistique ; sans permis, deux enfants.",
        "first_name": "Samira",
        "last_name": "Haddouche",
        "birth_date": "1989-04-12",
        "email": "",
        "phone": "06 11 22 33 44",
        "person_agreed": "on",
    }


def test_is_at_the_french_address():
    assert reverse("portal:referral_create") == URL


def test_offers_the_active_territories(prescriber_client, territory, other_territory):
    other_territory.is_active = False
    other_territory.save()
    response = prescriber_client.get(URL)
    assert response.status_code == 200
    assert list(response.context["form"].fields["territory"].queryset) == [territory]


class TestGoodInput:
    def test_records_the_referral_as_theirs_today_with_its_files(
        self, prescriber_client, prescriber, data, private_media
    ):
        data["attachments"] = [
            upload("CV Samira.pdf", samples.PDF),
            upload("synthese.docx", samples.DOCX),
        ]
        response = prescriber_client.post(URL, data)
        referral = Referral.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("portal:referral_detail", kwargs={"pk": referral.pk})
        assert (referral.prescriber, referral.recorded_by, referral.referred_on, referral.status) == (
            prescriber,
            prescriber.user,
            timezone.localdate(),
            ReferralStatus.RECEIVED,
        )
        assert referral.phone == "06 11 22 33 44"
        attachments = list(referral.attachments.order_by("pk"))
        assert [a.original_filename for a in attachments] == ["CV Samira.pdf", "synthese.docx"]
        assert attachments[0].content_type == "application/pdf" and attachments[0].size == len(samples.PDF)
        # Random names on disk: the person's name never reaches it.
        assert len(files_on_disk(private_media)) == 2
        assert all("Samira" not in name for name in files_on_disk(private_media))

    def test_the_prescriber_downloads_their_file_and_the_staff_too(
        self, prescriber_client, counsellor_client, data, private_media, other_counsellor_client
    ):
        data["attachments"] = [upload("cv.pdf", samples.PDF)]
        prescriber_client.post(URL, data)
        attachment = ReferralAttachment.objects.get()
        kwargs = {"pk": attachment.referral_id, "attachment_pk": attachment.pk}
        for client, name in (
            (prescriber_client, "portal:attachment"),
            (counsellor_client, "referrals:attachment"),
        ):
            response = client.get(reverse(name, kwargs=kwargs))
            assert response.status_code == 200
            assert b"".join(response.streaming_content) == samples.PDF
            assert response["Content-Disposition"] == 'attachment; filename="cv.pdf"'
        # Another territory's counsellor: a 404.
        assert other_counsellor_client.get(reverse("referrals:attachment", kwargs=kwargs)).status_code == 404
        # The staff page lists it.
        detail = counsellor_client.get(reverse("referrals:detail", kwargs={"pk": attachment.referral_id}))
        assert reverse("referrals:attachment", kwargs=kwargs) in detail.content.decode()


class TestBadInput:
    def test_needs_the_persons_agreement(self, prescriber_client, data, private_media):
        del data["person_agreed"]
        data["attachments"] = [upload("cv.pdf", samples.PDF)]
        response = prescriber_client.post(URL, data)
        assert response.status_code == 200
        assert response.context["form"].errors["person_agreed"] == [
            "Cochez cette case quand la personne a donné son accord : sans cela, nous ne pouvons pas la recevoir."
        ]
        assert not Referral.objects.exists() and not files_on_disk(private_media)
        # What was typed is kept.
        assert 'value="Haddouche"' in response.content.decode()

    def test_refuses_a_file_too_large(self, prescriber_client, data, settings, private_media):
        settings.DOCUMENT_MAX_BYTES = 1024
        data["attachments"] = [upload("cv.pdf", samples.PDF + b"0" * 2048)]
        response = prescriber_client.post(URL, data)
        [error] = response.context["form"].errors["attachments"]
        assert error.startswith("cv.pdf : ") and "Mo" in error
        assert not Referral.objects.exists() and not files_on_disk(private_media)
        assert 'id="id_attachments_error"' in response.content.decode()

    def test_refuses_a_file_of_the_wrong_type(self, prescriber_client, data, private_media):
        data["attachments"] = [upload("cv.pdf", samples.PDF), upload("setup.pdf", samples.EXE)]
        response = prescriber_client.post(URL, data)
        [error] = response.context["form"].errors["attachments"]
        assert error.startswith("setup.pdf : Ce fichier n’est ni un PDF")
        assert not Referral.objects.exists() and not ReferralAttachment.objects.exists()
        assert not files_on_disk(private_media)

    def test_refuses_more_than_three_files(self, prescriber_client, data, private_media):
        data["attachments"] = [upload(f"cv{n}.pdf", samples.PDF) for n in range(4)]
        response = prescriber_client.post(URL, data)
        assert response.context["form"].errors["attachments"] == ["Envoyez 3 fichiers au plus."]
        assert not Referral.objects.exists()

    def test_needs_a_way_to_reach_the_person(self, prescriber_client, data):
        data["phone"] = ""
        response = prescriber_client.post(URL, data)
        assert "phone" in response.context["form"].errors
        assert not Referral.objects.exists()

    def test_refuses_an_implausible_birth_date(self, prescriber_client, data):
        data["birth_date"] = (timezone.localdate() - datetime.timedelta(days=365 * 10)).isoformat()
        response = prescriber_client.post(URL, data)
        assert "birth_date" in response.context["form"].errors

    def test_refuses_an_inactive_territory(self, prescriber_client, data, territory):
        territory.is_active = False
        territory.save()
        response = prescriber_client.post(URL, data)
        assert response.context["form"].errors["territory"] == ["Choisissez un territoire dans la liste."]
        assert not Referral.objects.exists()

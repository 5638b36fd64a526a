"""Audit rows cannot be edited or deleted from the application, the Django admin included."""

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.urls import reverse

from chemin.audit.admin import ChangeEntryAdmin, ReadEntryAdmin
from chemin.audit.enums import ReadKind
from chemin.audit.models import AuditRowImmutable, ChangeEntry, ReadEntry
from chemin.participants.models import Participant
from tests.participants.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def read(counsellor, participant):
    return ReadEntry.objects.create(
        user=counsellor,
        participant=participant,
        kind=ReadKind.PARTICIPANT_FILE,
        url_name="participants:detail",
    )


@pytest.fixture
def change():
    person = ParticipantFactory()
    return ChangeEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Participant),
        object_id=person.pk,
        action=ChangeEntry.Action.CREATE,
    )


@pytest.fixture(params=["read", "change"])
def row(request):
    return request.getfixturevalue(request.param)


class TestRows:
    def test_a_saved_row_cannot_be_saved_again(self, row):
        row.object_id = 999
        with pytest.raises(AuditRowImmutable):
            row.save()
        row.refresh_from_db()
        assert row.object_id != 999

    def test_a_row_cannot_be_deleted(self, row):
        with pytest.raises(AuditRowImmutable):
            row.delete()
        assert type(row).objects.filter(pk=row.pk).exists()

    def test_a_queryset_cannot_delete_or_update_rows(self, row):
        rows = type(row).objects.filter(pk=row.pk)
        with pytest.raises(AuditRowImmutable):
            rows.delete()
        with pytest.raises(AuditRowImmutable):
            rows.update(object_id=999)
        with pytest.raises(AuditRowImmutable):
            type(row).objects.bulk_update([row], ["object_id"])
        assert type(row).objects.filter(pk=row.pk).exists()

    def test_a_new_row_given_an_existing_id_is_refused_not_written_over(self, read):
        copy = ReadEntry(pk=read.pk, user=read.user, kind=ReadKind.EXPORT, url_name="portfolio:cv")
        with pytest.raises(IntegrityError), transaction.atomic():
            copy.save()
        read.refresh_from_db()
        assert read.kind == ReadKind.PARTICIPANT_FILE


class TestAdmin:
    def test_auditlog_s_own_admin_is_replaced_by_a_read_only_one(self):
        assert type(admin.site._registry[ChangeEntry]) is ChangeEntryAdmin
        assert type(admin.site._registry[ReadEntry]) is ReadEntryAdmin

    @pytest.mark.parametrize("model", [ChangeEntry, ReadEntry])
    def test_a_superuser_may_look_but_not_add_change_or_delete(self, rf, admin_user, model):
        model_admin = admin.site._registry[model]
        request = rf.get("/admin/")
        request.user = admin_user
        assert model_admin.has_view_permission(request)
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)

    def test_the_admin_lists_and_shows_rows_but_refuses_to_add_or_delete(
        self, client, admin_user, read, change
    ):
        client.force_login(admin_user)
        for model, row in ((ReadEntry, read), (ChangeEntry, change)):
            opts = model._meta
            assert (
                client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")).status_code == 200
            )
            change_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk])
            assert client.get(change_url).status_code == 200
            assert client.post(change_url, {}).status_code == 403
            add_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
            assert client.get(add_url).status_code == 403
            delete_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[row.pk])
            assert client.post(delete_url, {"post": "yes"}).status_code == 403
            assert model.objects.filter(pk=row.pk).exists()

from django.contrib import admin
from django.http import HttpRequest

from chemin.privacy.models import AnonymisationRecord, ConsentRecord


class ReadOnlyAdmin(admin.ModelAdmin):
    """Immutable records: shown, never added, changed or deleted here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(ConsentRecord)
class ConsentRecordAdmin(ReadOnlyAdmin):
    list_display = ["pk", "participant_id", "purpose", "granted", "given_on", "notice_version", "channel"]
    list_filter = ["purpose", "granted", "channel"]


@admin.register(AnonymisationRecord)
class AnonymisationRecordAdmin(ReadOnlyAdmin):
    list_display = ["pk", "participant_id", "reason", "requested_on", "performed_at"]
    list_filter = ["reason"]

"""The audit trail in the Django admin: read-only, with no add, change or delete anywhere.

django-auditlog registers its own admin for the log entry model (ours, ChangeEntry); it allows
deletes cascading from other pages, so it is replaced here.
"""

from __future__ import annotations

from auditlog.admin import LogEntryAdmin
from django.contrib import admin
from django.http import HttpRequest

from chemin.audit.models import ChangeEntry, ReadEntry


class ReadOnlyAdminMixin:
    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


if admin.site.is_registered(ChangeEntry):
    admin.site.unregister(ChangeEntry)


@admin.register(ChangeEntry)
class ChangeEntryAdmin(ReadOnlyAdminMixin, LogEntryAdmin):
    pass


@admin.register(ReadEntry)
class ReadEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "user", "kind", "participant_id", "url_name", "object_id"]
    list_filter = ["kind"]
    list_select_related = ["user"]
    search_fields = ["user__email", "url_name"]
    date_hierarchy = "created_at"
    fields = ["created_at", "user", "kind", "participant_id", "url_name", "object_id", "filters"]
    readonly_fields = fields

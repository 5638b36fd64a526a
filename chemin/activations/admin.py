from django.contrib import admin

from chemin.activations.models import PrescriberActivation


@admin.register(PrescriberActivation)
class PrescriberActivationAdmin(admin.ModelAdmin):
    """Read-only: requests and answers are history, written by the counsellor and the prescriber."""

    list_display = ["pk", "pathway", "prescriber", "status", "sent_at", "answered_at", "answer_count"]
    list_filter = ["status"]
    list_select_related = ["pathway__participant", "pathway__territory", "prescriber__organisation"]
    # Requests may touch personal matters: search by ids only.
    search_fields = ["=pk", "=pathway__pk"]
    raw_id_fields = ["pathway", "barrier", "prescriber", "sent_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

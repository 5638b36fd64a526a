from django.contrib import admin

from chemin.exits.models import ExitReview


@admin.register(ExitReview)
class ExitReviewAdmin(admin.ModelAdmin):
    list_display = ["pathway", "read_with_person_on", "sent_at", "sent_to_email"]
    list_filter = ["pathway__territory"]
    list_select_related = ["pathway__participant", "pathway__territory"]
    raw_id_fields = ["pathway", "sent_to", "sent_by", "written_by"]
    # What was sent stays as it was sent.
    readonly_fields = ["sent_at", "sent_to", "sent_to_email", "sent_by", "created_at", "updated_at"]

    def has_add_permission(self, request) -> bool:
        return False

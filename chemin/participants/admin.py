from django.contrib import admin

from chemin.participants.models import Participant
from chemin.pathways.models import Pathway


class PathwayInline(admin.TabularInline):
    model = Pathway
    extra = 0
    fields = ["territory", "referent", "entry_date", "phase", "closed_on", "last_contact_on"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        # Pathways open through the application, which keeps the one-open-pathway rule and history.
        return False


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "birth_date", "commune", "created_at"]
    search_fields = ["search_name", "france_travail_id"]
    list_filter = ["income_support", "france_travail_registered", "qpv_resident", "rqth"]
    raw_id_fields = ["commune"]
    readonly_fields = [
        "consent_given_at",
        "consent_text_version",
        "anonymised_at",
        "created_at",
        "updated_at",
    ]
    inlines = [PathwayInline]

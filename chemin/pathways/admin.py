from django.contrib import admin

from chemin.pathways.models import Pathway, PhaseChange, ReferentChange


class PhaseChangeInline(admin.TabularInline):
    model = PhaseChange
    extra = 0
    fields = ["created_at", "previous_phase", "new_phase", "changed_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class ReferentChangeInline(admin.TabularInline):
    model = ReferentChange
    extra = 0
    fields = ["created_at", "previous_referent", "new_referent", "changed_by", "reason"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Pathway)
class PathwayAdmin(admin.ModelAdmin):
    list_display = [
        "participant",
        "territory",
        "referent",
        "entry_date",
        "phase",
        "exit_category",
        "last_contact_on",
    ]
    list_filter = ["territory", "phase", "exit_category"]
    search_fields = ["participant__search_name"]
    list_select_related = ["participant", "territory", "referent"]
    raw_id_fields = ["participant", "referent"]
    # Phase and referent change through the application, which logs them.
    # The exit closes the pathway through the application (exits.services.pathway_close).
    readonly_fields = [
        "phase",
        "referent",
        "closed_on",
        "exit_category",
        "exit_reason",
        "exit_detail",
        "created_at",
        "updated_at",
    ]
    inlines = [PhaseChangeInline, ReferentChangeInline]

    def has_add_permission(self, request) -> bool:
        return False

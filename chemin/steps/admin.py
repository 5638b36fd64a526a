from django.contrib import admin

from chemin.steps.models import Step


@admin.register(Step)
class StepAdmin(admin.ModelAdmin):
    list_display = ["pk", "pathway", "owner", "due_date", "status", "done_on"]
    list_filter = ["status", "owner"]
    list_select_related = ["pathway__participant", "pathway__territory"]
    # Steps may name personal matters: search by ids only.
    search_fields = ["=pk", "=pathway__pk"]
    raw_id_fields = ["pathway", "created_by"]
    readonly_fields = ["created_at", "updated_at"]

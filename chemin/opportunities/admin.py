from django.contrib import admin

from chemin.opportunities.models import Opportunity, Placement, PlacementTransition


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ["title", "company", "rome_job", "contract_type", "status", "territory", "created_at"]
    list_filter = ["status", "territory", "contract_type"]
    search_fields = ["title", "company__name", "rome_job__code"]
    raw_id_fields = ["company", "contact", "from_interaction", "rome_job", "commune", "created_by"]
    readonly_fields = ["created_at", "updated_at"]


class PlacementTransitionInline(admin.TabularInline):
    model = PlacementTransition
    extra = 0
    raw_id_fields = ["by"]
    readonly_fields = ["created_at"]


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ["pk", "pathway", "opportunity", "status", "proposed_on", "status_changed_on"]
    list_filter = ["status", "refusal_reason"]
    raw_id_fields = ["pathway", "opportunity", "created_by"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [PlacementTransitionInline]

from django.contrib import admin

from chemin.partners.models import Partner, PartnerCategory, PartnerReferral, PartnerService, PartnerTerritory


class PartnerTerritoryInline(admin.TabularInline):
    model = PartnerTerritory
    extra = 0


class PartnerCategoryInline(admin.TabularInline):
    model = PartnerCategory
    extra = 0


class PartnerServiceInline(admin.StackedInline):
    model = PartnerService
    extra = 0


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "iae_kind", "commune", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "search_text"]
    autocomplete_fields = ["commune", "communes_served"]
    inlines = [PartnerTerritoryInline, PartnerCategoryInline, PartnerServiceInline]


@admin.register(PartnerReferral)
class PartnerReferralAdmin(admin.ModelAdmin):
    # Ids only in the list: the partner and barrier can be special-category data.
    list_display = ["pk", "pathway_id", "partner_id", "status", "sent_on", "answered_on", "closed_on"]
    list_filter = ["status"]
    raw_id_fields = ["pathway", "barrier", "partner", "service", "created_by"]

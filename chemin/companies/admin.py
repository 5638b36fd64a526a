from django.contrib import admin

from chemin.companies.models import Company, CompanyContact, CompanyInteraction


class CompanyContactInline(admin.TabularInline):
    model = CompanyContact
    extra = 0


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "siret", "naf_code", "territory", "relationship", "last_contact_on"]
    list_filter = ["territory", "relationship", "hosts_immersions", "attends_job_datings"]
    search_fields = ["name", "search_name", "siret"]
    autocomplete_fields = ["commune"]
    raw_id_fields = ["followed_by", "naf_sector"]
    readonly_fields = ["last_contact_on"]
    inlines = [CompanyContactInline]


@admin.register(CompanyInteraction)
class CompanyInteractionAdmin(admin.ModelAdmin):
    list_display = ["pk", "company", "date", "channel", "staff", "next_action_on", "next_action_done"]
    list_filter = ["channel", "next_action_done"]
    search_fields = ["company__name"]
    date_hierarchy = "date"
    raw_id_fields = ["company", "contact", "staff"]

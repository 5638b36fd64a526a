from django.contrib import admin

from chemin.prescribers.models import Prescriber, PrescriberOrganisation


class PrescriberInline(admin.TabularInline):
    model = Prescriber
    extra = 0
    fields = ["first_name", "last_name", "job_title", "email", "phone"]


@admin.register(PrescriberOrganisation)
class PrescriberOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "commune"]
    list_filter = ["kind"]
    search_fields = ["name"]
    raw_id_fields = ["commune"]
    inlines = [PrescriberInline]


@admin.register(Prescriber)
class PrescriberAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "organisation", "email", "phone"]
    list_select_related = ["organisation"]
    search_fields = ["last_name", "first_name", "organisation__name"]
    raw_id_fields = ["organisation"]

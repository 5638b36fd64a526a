from django.contrib import admin

from chemin.workshops.models import Registration, Workshop


class RegistrationInline(admin.TabularInline):
    model = Registration
    raw_id_fields = ("pathway", "registered_by")
    readonly_fields = ("registered_at",)
    extra = 0


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ("title", "theme", "starts_at", "capacity", "status", "territory")
    list_filter = ("theme", "status", "territory")
    search_fields = ("title",)
    date_hierarchy = "starts_at"
    raw_id_fields = ("facilitator_user", "facilitator_partner", "created_by")
    readonly_fields = ("created_at", "updated_at")
    inlines = [RegistrationInline]

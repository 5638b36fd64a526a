from django.contrib import admin

from chemin.immersions.models import Immersion


@admin.register(Immersion)
class ImmersionAdmin(admin.ModelAdmin):
    list_display = (
        "pk",
        "job_title",
        "company",
        "start_date",
        "end_date",
        "status",
        "attendance",
        "job_offer",
    )
    list_filter = ("status", "objective", "attendance", "job_offer", "pathway__territory")
    search_fields = ("job_title", "company__name")
    date_hierarchy = "start_date"
    raw_id_fields = ("pathway", "company", "rome_job", "tutor", "prescriber", "job_wish", "created_by")
    readonly_fields = ("created_at", "updated_at")

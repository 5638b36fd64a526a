from django.contrib import admin

from chemin.employments.models import CheckIn, CheckInSide, Employment


class CheckInInline(admin.TabularInline):
    model = CheckIn
    extra = 0
    fields = ("milestone", "due_on")


@admin.register(Employment)
class EmploymentAdmin(admin.ModelAdmin):
    list_display = (
        "pk",
        "job_title",
        "company",
        "contract_type",
        "start_date",
        "planned_end_date",
        "ended_on",
    )
    list_filter = ("contract_type", "end_reason", "pathway__territory")
    search_fields = ("job_title", "company__name")
    date_hierarchy = "start_date"
    raw_id_fields = ("pathway", "placement", "company", "contact", "rome_job", "created_by")
    readonly_fields = ("created_at", "updated_at")
    inlines = [CheckInInline]


class CheckInSideInline(admin.StackedInline):
    model = CheckInSide
    extra = 0
    raw_id_fields = ("recorded_by",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ("pk", "employment", "milestone", "due_on")
    list_filter = ("milestone",)
    raw_id_fields = ("employment",)
    inlines = [CheckInSideInline]

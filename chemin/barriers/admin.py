from django.contrib import admin

from chemin.barriers.models import Barrier, BarrierTransition, JobConstraint


class BarrierTransitionInline(admin.TabularInline):
    model = BarrierTransition
    extra = 0
    fields = ["from_status", "to_status", "on", "by", "comment"]
    raw_id_fields = ["by"]


class JobConstraintInline(admin.TabularInline):
    model = JobConstraint
    extra = 0
    fk_name = "barrier"
    fields = [
        "kind",
        "earliest_start",
        "latest_end",
        "max_commute_km",
        "kept_after_barrier",
        "started_on",
        "ended_on",
    ]


@admin.register(Barrier)
class BarrierAdmin(admin.ModelAdmin):
    list_display = ["pk", "pathway", "category", "status", "identified_on"]
    list_filter = ["category", "status"]
    raw_id_fields = ["pathway", "identified_by"]
    inlines = [BarrierTransitionInline, JobConstraintInline]


@admin.register(JobConstraint)
class JobConstraintAdmin(admin.ModelAdmin):
    list_display = ["pk", "pathway", "kind", "started_on", "ended_on", "kept_after_barrier"]
    list_filter = ["kind"]
    raw_id_fields = ["pathway", "barrier", "created_by"]

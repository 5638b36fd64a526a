from django.contrib import admin

from chemin.events.models import Event, EventCompany, EventParticipant


class EventCompanyInline(admin.TabularInline):
    model = EventCompany
    raw_id_fields = ("company",)
    extra = 0


class EventParticipantInline(admin.TabularInline):
    model = EventParticipant
    raw_id_fields = ("pathway", "invited_by")
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "date", "start_time", "territory")
    list_filter = ("kind", "territory")
    search_fields = ("title",)
    date_hierarchy = "date"
    raw_id_fields = ("commune", "created_by")
    readonly_fields = ("created_at", "updated_at")
    inlines = [EventCompanyInline, EventParticipantInline]

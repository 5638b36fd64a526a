from django.contrib import admin

from chemin.appointments.models import Appointment, CalendarFeed, ReminderDelivery


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = ("pk", "starts_at", "duration_minutes", "kind", "status", "staff", "pathway")
    list_filter = ("status", "kind", "pathway__territory")
    date_hierarchy = "starts_at"
    raw_id_fields = ("pathway", "staff", "created_by")
    readonly_fields = ("created_at", "updated_at", "status_changed_at")


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(admin.ModelAdmin):
    list_display = (
        "pk",
        "appointment",
        "channel",
        "starts_at",
        "status",
        "attempts",
        "last_error",
        "sent_at",
    )
    list_filter = ("status", "channel")
    raw_id_fields = ("appointment",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    # The token is a secret: never listed, never shown.
    list_display = ("pk", "user", "created_at", "revoked_at")
    exclude = ("token",)
    raw_id_fields = ("user",)
    readonly_fields = ("created_at", "updated_at", "revoked_at")

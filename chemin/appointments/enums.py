from django.db import models
from django.utils.translation import pgettext_lazy

# Labels carry a context: "Planned", "Held"… exist in other catalogues with other genders
# ("prévue" for an immersion); a rendez-vous is masculine in French.


class AppointmentKind(models.TextChoices):
    """What kind of individual meeting it is (DESIGN.md §1: regular individual meetings)."""

    INDIVIDUAL_INTERVIEW = "individual_interview", pgettext_lazy("appointment kind", "Individual interview")
    MONTHLY_FOLLOW_UP = "monthly_follow_up", pgettext_lazy("appointment kind", "Monthly follow-up")
    PHONE = "phone", pgettext_lazy("appointment kind", "Phone call")
    VIDEO = "video", pgettext_lazy("appointment kind", "Video call")
    HOME_VISIT = "home_visit", pgettext_lazy("appointment kind", "Home visit")
    AT_PARTNER = "at_partner", pgettext_lazy("appointment kind", "At a partner's")


class AppointmentStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("appointment status", "Planned")
    HELD = "held", pgettext_lazy("appointment status", "Held")
    EXCUSED = "excused", pgettext_lazy("appointment status", "Excused")
    NO_SHOW = "no_show", pgettext_lazy("appointment status", "No-show")
    CANCELLED = "cancelled", pgettext_lazy("appointment status", "Cancelled")


class ReminderChannel(models.TextChoices):
    EMAIL = "email", pgettext_lazy("reminder channel", "Email")
    SMS = "sms", pgettext_lazy("reminder channel", "SMS")


class DeliveryStatus(models.TextChoices):
    """Where one reminder stands: sent, failed (the worker tries again), or given up."""

    SENT = "sent", pgettext_lazy("reminder delivery", "Sent")
    FAILED = "failed", pgettext_lazy("reminder delivery", "Failed, will be retried")
    GIVEN_UP = "given_up", pgettext_lazy("reminder delivery", "Not sent")


class ParticipantResponse(models.TextChoices):
    """The person's answer from their own space (chemin/participant_space)."""

    CONFIRMED = "confirmed", pgettext_lazy("appointment response", "Confirmed by the person")
    RESCHEDULE = "reschedule", pgettext_lazy("appointment response", "The person asks to move it")

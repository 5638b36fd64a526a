from django.contrib import admin

from chemin.referrals.models import Referral


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    list_display = ["__str__", "territory", "prescriber", "status", "referred_on", "first_meeting_on"]
    list_filter = ["status", "territory"]
    list_select_related = ["territory", "prescriber__organisation"]
    date_hierarchy = "referred_on"
    raw_id_fields = ["prescriber", "participant", "pathway", "decided_by", "recorded_by"]
    readonly_fields = ["created_at", "updated_at"]

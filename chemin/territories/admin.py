from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from chemin.employments.enums import Milestone
from chemin.territories.models import Territory, validate_follow_up_milestones


class TerritoryAdminForm(forms.ModelForm):
    # Checkboxes rather than raw JSON; stored in the calendar's order whatever the ticking order.
    follow_up_milestones = forms.MultipleChoiceField(
        label=_("Follow-up check-ins"),
        choices=Milestone.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Generated at each contract start; the end-of-trial check-in only when the contract "
            "has a trial period."
        ),
    )

    class Meta:
        model = Territory
        fields = [
            "name",
            "slug",
            "departement",
            "is_active",
            "weekly_company_contacts_target",
            "follow_up_milestones",
            "not_seen_alert_days",
            "no_job_proposal_alert_days",
            "no_show_alert_count",
            "no_show_lookback_days",
        ]

    def clean_follow_up_milestones(self) -> list[str]:
        chosen = set(self.cleaned_data["follow_up_milestones"])
        value = [milestone for milestone in Milestone.values if milestone in chosen]
        validate_follow_up_milestones(value)
        return value


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    form = TerritoryAdminForm
    list_display = ["name", "slug", "departement", "weekly_company_contacts_target", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "departement", "is_active"]}),
        (_("Follow-up"), {"fields": ["weekly_company_contacts_target", "follow_up_milestones"]}),
        (
            _("Alert thresholds"),
            {
                "fields": [
                    "not_seen_alert_days",
                    "no_job_proposal_alert_days",
                    "no_show_alert_count",
                    "no_show_lookback_days",
                ]
            },
        ),
    ]

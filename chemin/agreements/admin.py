from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from chemin.agreements.enums import TargetPublic
from chemin.agreements.models import Agreement, Funder, IaeEligibilityCheck, validate_milestones
from chemin.employments.enums import Milestone


class AgreementAdminForm(forms.ModelForm):
    # Checkboxes rather than raw JSON; stored in the enumerations' order whatever the ticking order.
    target_public = forms.MultipleChoiceField(
        label=_("Target public"),
        choices=TargetPublic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave empty when the agreement is open to everyone."),
    )
    follow_up_milestones = forms.MultipleChoiceField(
        label=_("Follow-up check-ins"),
        choices=Milestone.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave empty to follow the territory’s calendar."),
    )

    class Meta:
        model = Agreement
        fields = [
            "funder",
            "reference",
            "title",
            "territories",
            "starts_on",
            "ends_on",
            "target_public",
            "planned_entries",
            "target_exit_to_employment_rate",
            "target_durable_employment_rate",
            "target_retention_m6_rate",
            "target_days_to_first_proposal",
            "follow_up_milestones",
        ]

    def clean_target_public(self) -> list[str]:
        chosen = set(self.cleaned_data["target_public"])
        return [value for value in TargetPublic.values if value in chosen]

    def clean_follow_up_milestones(self) -> list[str]:
        chosen = set(self.cleaned_data["follow_up_milestones"])
        value = [milestone for milestone in Milestone.values if milestone in chosen]
        validate_milestones(value)
        return value


@admin.register(Funder)
class FunderAdmin(admin.ModelAdmin):
    list_display = ("name", "kind")
    list_filter = ("kind",)
    search_fields = ("name",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    form = AgreementAdminForm
    list_display = ("reference", "title", "funder", "starts_on", "ends_on", "planned_entries")
    list_filter = ("funder", "territories")
    search_fields = ("reference", "title", "funder__name")
    date_hierarchy = "starts_on"
    filter_horizontal = ("territories",)
    list_select_related = ("funder",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(IaeEligibilityCheck)
class IaeEligibilityCheckAdmin(admin.ModelAdmin):
    """Read-only: a check is what was recorded on that day; a new one is made from the file."""

    list_display = ("pathway", "structure_kind", "checked_on", "is_eligible", "checked_by")
    list_filter = ("structure_kind", "is_eligible")
    list_select_related = ("pathway__participant", "pathway__territory", "checked_by")
    date_hierarchy = "checked_on"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

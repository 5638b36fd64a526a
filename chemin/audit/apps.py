from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Every model holding personal data about participants: django-auditlog records who changed
# what on each of them (chemin.audit.models.ChangeEntry). One line per model:
#   (model, path from it to its participant — an ORM lookup, "pk" for the participant itself,
#    fields left out of the change log).
# Left out: copies derived from other fields for search or matching (they change with them and
# only repeat them). None of these models holds a secret: signed links are never stored, and the
# one stored token (appointments.CalendarFeed, a staff member's own calendar) is not audited.
# created_at and updated_at are left out everywhere: the entry has its own timestamp. Encrypted
# columns (special-category data, chemin/core/encryption.py) are masked: changed, never to what.
# Writes that bypass save() (QuerySet.update, bulk_create) are not seen by auditlog: job wish
# edits are, through the version snapshot each of them writes (jobwishes.JobWishVersion).
AUDITED_MODELS: list[tuple[str, str, list[str]]] = [
    ("participants.Participant", "pk", ["search_name"]),
    (
        "pathways.Pathway",
        "participant",
        ["wished_rome_codes", "wished_rome_domains", "shortest_wish_commute_km"],
    ),
    ("pathways.ReferentChange", "pathway__participant", []),
    ("pathways.PhaseChange", "pathway__participant", []),
    ("referrals.Referral", "participant", []),
    ("jobwishes.JobWish", "pathway__participant", []),
    ("jobwishes.JobWishVersion", "job_wish__pathway__participant", []),
    ("steps.Step", "pathway__participant", []),
    ("notes.Note", "pathway__participant", ["search_text"]),
    ("portfolio.Experience", "participant", []),
    ("portfolio.Skill", "participant", []),
    ("barriers.Barrier", "pathway__participant", []),
    ("barriers.BarrierTransition", "barrier__pathway__participant", []),
    ("barriers.JobConstraint", "pathway__participant", []),
    ("partners.PartnerReferral", "pathway__participant", []),
    ("activations.PrescriberActivation", "pathway__participant", []),
    ("appointments.Appointment", "pathway__participant", []),
    ("opportunities.Placement", "pathway__participant", []),
    ("opportunities.PlacementTransition", "placement__pathway__participant", []),
    ("immersions.Immersion", "pathway__participant", []),
    ("events.EventParticipant", "pathway__participant", []),
    ("workshops.Registration", "pathway__participant", []),
    ("employments.Employment", "pathway__participant", []),
    ("employments.CheckIn", "employment__pathway__participant", []),
    ("employments.CheckInSide", "check_in__employment__pathway__participant", []),
    ("employments.EmployerRequest", "check_in__employment__pathway__participant", []),
    ("exits.ExitReview", "pathway__participant", []),
    ("agreements.IaeEligibilityCheck", "pathway__participant", []),
    ("documents.Document", "participant", []),
    ("privacy.ConsentRecord", "participant", []),
]


class AuditConfig(AppConfig):
    name = "chemin.audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from chemin.audit import tracking

        tracking.register(AUDITED_MODELS)

"""The permission matrix: one declaration, for every URL of the project, of who may use it.

Deny by default (DESIGN.md §4): a URL not listed here fails the build
(tests/core/test_permission_matrix.py walks Django's URL resolver), so each new page is thought
about once, here. This first level says each URL's audience:

- ``PUBLIC``: reachable without an account — signing in, password reset, health check, and the
  signed links sent to prescribers, employers and calendar clients (the link itself is the
  credential; tampered or expired links get a clear page);
- ``STAFF``: the organisation's staff, signed in (and past their second factor when required);
  each view then checks the object against the user's territories and role (participant files:
  participants/access.py; others: their app's queries), answering 404 for another territory's
  objects so their existence does not leak.

The test checks every URL for an anonymous visitor (sent to sign in, or served). Next level (issue
9): each STAFF entry's roles and object scope, checked with real requests per persona.
"""

from __future__ import annotations

from typing import Final

PUBLIC: Final = "public"
STAFF: Final = "staff"
# The Django admin (technical administration): its own sign-in, staff accounts only.
ADMIN_SITE_NAMESPACE: Final = "admin"

MATRIX: Final[dict[str, str]] = {
    # core
    "core:home": STAFF,
    "core:alerts": STAFF,
    # healthz
    "healthz": PUBLIC,
    # accounts
    "accounts:account": STAFF,
    "accounts:sign_out_everywhere": STAFF,
    "accounts:login": PUBLIC,
    "accounts:logout": STAFF,
    "accounts:switch_territory": STAFF,
    "accounts:two_factor_setup": STAFF,
    "accounts:two_factor_recovery_codes": STAFF,
    "accounts:two_factor_verify": STAFF,
    "accounts:new_recovery_codes": STAFF,
    "accounts:password_reset": PUBLIC,
    "accounts:password_reset_done": PUBLIC,
    "accounts:password_reset_confirm": PUBLIC,
    "accounts:password_reset_complete": PUBLIC,
    # referentials
    "referentials:rome_search": STAFF,
    "referentials:commune_search": STAFF,
    # prescribers
    "prescribers:list": STAFF,
    "prescribers:search": STAFF,
    "prescribers:organisation_create": STAFF,
    "prescribers:organisation_detail": STAFF,
    "prescribers:organisation_update": STAFF,
    "prescribers:prescriber_create": STAFF,
    "prescribers:prescriber_update": STAFF,
    # referrals
    "referrals:list": STAFF,
    "referrals:create": STAFF,
    "referrals:detail": STAFF,
    "referrals:accept": STAFF,
    "referrals:decline": STAFF,
    # participants
    "participants:caseload": STAFF,
    "participants:create": STAFF,
    "participants:detail": STAFF,
    "participants:edit": STAFF,
    "participants:timeline": STAFF,
    "participants:change_phase": STAFF,
    "participants:reassign": STAFF,
    "participants:record_contact": STAFF,
    "participants:open_pathway": STAFF,
    # jobwishes
    "jobwishes:list": STAFF,
    "jobwishes:create": STAFF,
    "jobwishes:edit": STAFF,
    "jobwishes:set_status": STAFF,
    # steps
    "steps:list": STAFF,
    "steps:create": STAFF,
    "steps:edit": STAFF,
    "steps:set_status": STAFF,
    # notes
    "notes:list": STAFF,
    "notes:create": STAFF,
    "notes:edit": STAFF,
    # portfolio
    "portfolio:detail": STAFF,
    "portfolio:cv": STAFF,
    "portfolio:experience_create": STAFF,
    "portfolio:experience_edit": STAFF,
    "portfolio:skill_create": STAFF,
    "portfolio:skill_edit": STAFF,
    "portfolio:skill_validate": STAFF,
    # barriers
    "barriers:list": STAFF,
    "barriers:create": STAFF,
    "barriers:change_status": STAFF,
    "barriers:constraint_create": STAFF,
    "barriers:constraint_end": STAFF,
    # partner_referrals
    "partner_referrals:list": STAFF,
    "partner_referrals:update": STAFF,
    "partner_referrals:suggestions": STAFF,
    # activations
    "activations:list": STAFF,
    "activations:create": STAFF,
    # participant_opportunities
    "participant_opportunities:list": STAFF,
    # participant_immersions
    "participant_immersions:list": STAFF,
    "participant_immersions:create": STAFF,
    "participant_immersions:edit": STAFF,
    "participant_immersions:assess": STAFF,
    # employer_requests
    "employer_requests:send": STAFF,
    "employer_requests:handle_risk": STAFF,
    # participant_employments
    "participant_employments:list": STAFF,
    "participant_employments:create": STAFF,
    "participant_employments:create_from_placement": STAFF,
    "participant_employments:edit": STAFF,
    "participant_employments:end": STAFF,
    "participant_employments:record_side": STAFF,
    "participant_employments:open_barrier": STAFF,
    "participant_employments:open_step": STAFF,
    # exits
    "exits:close": STAFF,
    "exits:review": STAFF,
    # participant_appointments
    "participant_appointments:list": STAFF,
    "participant_appointments:create": STAFF,
    "participant_appointments:edit": STAFF,
    "participant_appointments:status": STAFF,
    # partners
    "partners:list": STAFF,
    "partners:create": STAFF,
    "partners:import": STAFF,
    "partners:import_template": STAFF,
    "partners:detail": STAFF,
    "partners:update": STAFF,
    "partners:service_create": STAFF,
    # companies
    "companies:list": STAFF,
    "companies:today": STAFF,
    "companies:create": STAFF,
    "companies:detail": STAFF,
    "companies:update": STAFF,
    "companies:contact_create": STAFF,
    "companies:contact_update": STAFF,
    "companies:contact_deactivate": STAFF,
    "companies:interaction_create": STAFF,
    "companies:next_action_done": STAFF,
    # opportunities
    "opportunities:list": STAFF,
    "opportunities:create": STAFF,
    "opportunities:create_from_interaction": STAFF,
    "opportunities:detail": STAFF,
    "opportunities:update": STAFF,
    "opportunities:set_status": STAFF,
    "opportunities:candidates": STAFF,
    "opportunities:propose": STAFF,
    "opportunities:placement_status": STAFF,
    # immersions
    "immersions:list": STAFF,
    # events
    "events:list": STAFF,
    "events:create": STAFF,
    "events:detail": STAFF,
    "events:edit": STAFF,
    "events:invite_participants": STAFF,
    "events:invite_companies": STAFF,
    "events:attendance": STAFF,
    # calendars
    "calendars:mine": STAFF,
    "calendars:territory": STAFF,
    "calendars:subscription": STAFF,
    "calendars:feed": PUBLIC,
    # workshops
    "workshops:list": STAFF,
    "workshops:create": STAFF,
    "workshops:detail": STAFF,
    "workshops:edit": STAFF,
    "workshops:cancel": STAFF,
    "workshops:register": STAFF,
    "workshops:cancel_registration": STAFF,
    "workshops:attendance": STAFF,
    # agreements
    "agreements:list": STAFF,
    "agreements:create": STAFF,
    "agreements:detail": STAFF,
    "agreements:edit": STAFF,
    "agreements:pathway_agreement": STAFF,
    "agreements:iae_checks": STAFF,
    # reporting
    "reporting:dashboard": STAFF,
    "reporting:people": STAFF,
    "reporting:export": STAFF,
    "reporting:people_export": STAFF,
    "reporting:job_create": STAFF,
    "reporting:job": STAFF,
    "reporting:job_download": STAFF,
    # activation_answers
    "activation_answers:answer": PUBLIC,
    "activation_answers:thanks": PUBLIC,
    # employer_answers
    "employer_answers:answer": PUBLIC,
    "employer_answers:thanks": PUBLIC,
    # set_language
    "set_language": PUBLIC,
}

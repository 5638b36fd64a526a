"""The permission matrix: one declaration, for every URL of the project, of who may use it and on
which objects.

Deny by default (DESIGN.md §4): a URL not listed here fails the build
(tests/core/test_permission_matrix.py walks Django's URL resolver), so each new page is thought
about once, here. Each entry says:

- the **roles** that may use the URL (a staff member's role in the object's territory, or in the
  current territory for a page without object). Another role gets a 403, or a 404 where even the
  object's existence is none of their business;
- the **scope** of the objects it works on:
  - ``PUBLIC``: no account — signing in, password reset, health check, and the signed links sent to
    prescribers, employers and calendar clients (the link itself is the credential; tampered or
    expired links get a clear page);
  - ``NO_OBJECT``: a page of the user's own account or current territory (lists, creation forms);
  - ``TERRITORY``: an object of one of the user's territories (a participant file and its sections,
    a company, an offer…); another territory's object is a 404, so its existence does not leak;
  - ``DIRECTORY``: an object the whole organisation shares (the prescriber directory);
  - ``OWN``: an object of the user's own (a note they wrote, an export they asked for); someone
    else's is a 403 or a 404;
  - ``PRESCRIBER``: the prescriber portal, for prescriber accounts only: their organisation's
    referrals, and what each person agreed to share; another organisation's referral, or a person
    who shares nothing, is a 404;
  - ``PARTICIPANT``: the person's own space, for their account only: their own file; another
    person's step or appointment is a 404.

Staff have no role in the two outside windows (a 404), and the outside accounts reach nothing else
(chemin/accounts/middleware.OutsideWindowMiddleware).

Administrators are the organisation's superusers: they see every territory, so "another
territory" does not stop them.

The views enforce it (participant files: participants/access.py; others: their app's
``visible_to`` querysets); the matrix test checks every entry with real requests, as a member of
each role in the object's territory and in another one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from chemin.accounts.enums import Role


class Scope(StrEnum):
    PUBLIC = "public"
    NO_OBJECT = "no_object"
    TERRITORY = "territory"
    DIRECTORY = "directory"
    OWN = "own"
    PRESCRIBER = "prescriber"
    PARTICIPANT = "participant"


@dataclass(frozen=True)
class Rule:
    roles: frozenset[Role]
    scope: Scope

    @property
    def is_public(self) -> bool:
        return self.scope == Scope.PUBLIC


EVERY_ROLE: Final = frozenset(Role)
# Those who accompany people: the participant file beyond its job-facing profile.
ACCOMPANY: Final = frozenset({Role.ADMIN, Role.MANAGER, Role.COUNSELLOR})
MANAGE: Final = frozenset({Role.ADMIN, Role.MANAGER})

PUBLIC: Final = Rule(frozenset(), Scope.PUBLIC)
# Any staff member, on their own account or territory.
SIGNED_IN: Final = Rule(EVERY_ROLE, Scope.NO_OBJECT)
# The job-facing part of the organisation's work, business developers included.
JOB_FACING: Final = Rule(EVERY_ROLE, Scope.TERRITORY)
# The participant file beyond the job-facing profile.
FILE: Final = Rule(ACCOMPANY, Scope.TERRITORY)
ACCOMPANY_PAGE: Final = Rule(ACCOMPANY, Scope.NO_OBJECT)
MANAGE_PAGE: Final = Rule(MANAGE, Scope.NO_OBJECT)
DIRECTORY: Final = Rule(EVERY_ROLE, Scope.DIRECTORY)
# The outside windows: no staff role reaches them.
PRESCRIBER_WINDOW: Final = Rule(frozenset(), Scope.PRESCRIBER)
PERSON_WINDOW: Final = Rule(frozenset(), Scope.PARTICIPANT)

# The Django admin (technical administration): its own sign-in, staff accounts only.
ADMIN_SITE_NAMESPACE: Final = "admin"

MATRIX: Final[dict[str, Rule]] = {
    # core
    "core:home": SIGNED_IN,
    "core:alerts": SIGNED_IN,
    "core:accessibility": PUBLIC,
    "healthz": PUBLIC,
    "set_language": PUBLIC,
    # accounts
    "accounts:account": SIGNED_IN,
    "accounts:sign_out_everywhere": SIGNED_IN,
    "accounts:login": PUBLIC,
    "accounts:logout": SIGNED_IN,
    "accounts:switch_territory": SIGNED_IN,
    "accounts:two_factor_setup": SIGNED_IN,
    "accounts:two_factor_recovery_codes": SIGNED_IN,
    "accounts:two_factor_verify": SIGNED_IN,
    "accounts:new_recovery_codes": SIGNED_IN,
    "accounts:password_reset": PUBLIC,
    "accounts:password_reset_done": PUBLIC,
    "accounts:password_reset_confirm": PUBLIC,
    "accounts:password_reset_complete": PUBLIC,
    # referentials
    "referentials:rome_search": SIGNED_IN,
    "referentials:commune_search": SIGNED_IN,
    # prescribers: one directory for the whole organisation
    "prescribers:list": SIGNED_IN,
    "prescribers:search": SIGNED_IN,
    "prescribers:organisation_create": SIGNED_IN,
    "prescribers:organisation_detail": DIRECTORY,
    "prescribers:organisation_update": DIRECTORY,
    "prescribers:prescriber_create": DIRECTORY,
    "prescribers:prescriber_update": DIRECTORY,
    # Opening the portal shows the organisation's referrals: managers and admins decide it.
    "prescribers:prescriber_invite": Rule(MANAGE, Scope.DIRECTORY),
    "prescribers:access_requests": MANAGE_PAGE,
    "prescribers:access_request_decide": Rule(MANAGE, Scope.DIRECTORY),
    # referrals
    "referrals:list": ACCOMPANY_PAGE,
    "referrals:create": ACCOMPANY_PAGE,
    "referrals:detail": FILE,
    "referrals:accept": FILE,
    "referrals:decline": FILE,
    "referrals:attachment": FILE,
    # participants: the file's job-facing pages are open to business developers
    "participants:caseload": SIGNED_IN,
    "participants:create": ACCOMPANY_PAGE,
    "participants:detail": JOB_FACING,
    "participants:edit": FILE,
    "participants:timeline": JOB_FACING,
    "participants:change_phase": FILE,
    "participants:reassign": FILE,
    "participants:record_contact": FILE,
    "participants:open_pathway": FILE,
    "participants:open_space": FILE,
    # jobwishes
    "jobwishes:list": JOB_FACING,
    "jobwishes:create": FILE,
    "jobwishes:edit": FILE,
    "jobwishes:set_status": FILE,
    # steps
    "steps:list": FILE,
    "steps:create": FILE,
    "steps:edit": FILE,
    "steps:set_status": FILE,
    # notes: a note is changed by its author only
    "notes:list": FILE,
    "notes:create": FILE,
    "notes:edit": Rule(ACCOMPANY, Scope.OWN),
    # portfolio
    "portfolio:detail": JOB_FACING,
    "portfolio:cv": JOB_FACING,
    "portfolio:experience_create": FILE,
    "portfolio:experience_edit": FILE,
    "portfolio:skill_create": FILE,
    "portfolio:skill_edit": FILE,
    "portfolio:skill_validate": FILE,
    # barriers: business developers see the job constraints, not the barriers
    "barriers:list": JOB_FACING,
    "barriers:create": FILE,
    "barriers:change_status": FILE,
    "barriers:constraint_create": FILE,
    "barriers:constraint_end": FILE,
    # partner_referrals
    "partner_referrals:list": FILE,
    "partner_referrals:update": FILE,
    "partner_referrals:suggestions": FILE,
    # activations
    "activations:list": FILE,
    "activations:create": FILE,
    # participant_opportunities
    "participant_opportunities:list": JOB_FACING,
    # participant_immersions
    "participant_immersions:list": JOB_FACING,
    "participant_immersions:create": JOB_FACING,
    "participant_immersions:edit": JOB_FACING,
    "participant_immersions:assess": FILE,
    # employer_requests: business developers keep in touch with employers
    "employer_requests:send": JOB_FACING,
    "employer_requests:handle_risk": FILE,
    # participant_employments
    "participant_employments:list": FILE,
    "participant_employments:create": FILE,
    "participant_employments:create_from_placement": FILE,
    "participant_employments:edit": FILE,
    "participant_employments:end": FILE,
    "participant_employments:record_side": FILE,
    "participant_employments:open_barrier": FILE,
    "participant_employments:open_step": FILE,
    # exits
    "exits:close": FILE,
    "exits:review": FILE,
    # participant_appointments
    "participant_appointments:list": FILE,
    "participant_appointments:create": FILE,
    "participant_appointments:edit": FILE,
    "participant_appointments:status": FILE,
    # partners: the directory of the partners serving the user's territories
    "partners:list": SIGNED_IN,
    "partners:create": ACCOMPANY_PAGE,
    "partners:import": MANAGE_PAGE,
    "partners:import_template": SIGNED_IN,
    "partners:detail": JOB_FACING,
    "partners:update": FILE,
    "partners:service_create": FILE,
    # companies
    "companies:list": SIGNED_IN,
    "companies:today": SIGNED_IN,
    "companies:create": SIGNED_IN,
    "companies:detail": JOB_FACING,
    "companies:update": JOB_FACING,
    "companies:contact_create": JOB_FACING,
    "companies:contact_update": JOB_FACING,
    "companies:contact_deactivate": JOB_FACING,
    "companies:interaction_create": JOB_FACING,
    "companies:next_action_done": JOB_FACING,
    # opportunities
    "opportunities:list": SIGNED_IN,
    "opportunities:create": JOB_FACING,
    "opportunities:create_from_interaction": JOB_FACING,
    "opportunities:detail": JOB_FACING,
    "opportunities:update": JOB_FACING,
    "opportunities:set_status": JOB_FACING,
    "opportunities:candidates": JOB_FACING,
    "opportunities:propose": JOB_FACING,
    "opportunities:placement_status": JOB_FACING,
    # immersions
    "immersions:list": SIGNED_IN,
    # events
    "events:list": SIGNED_IN,
    "events:create": SIGNED_IN,
    "events:detail": JOB_FACING,
    "events:edit": JOB_FACING,
    "events:invite_participants": JOB_FACING,
    "events:invite_companies": JOB_FACING,
    "events:attendance": JOB_FACING,
    # calendars
    "calendars:mine": SIGNED_IN,
    "calendars:territory": ACCOMPANY_PAGE,
    "calendars:subscription": SIGNED_IN,
    "calendars:feed": PUBLIC,
    # workshops
    "workshops:list": ACCOMPANY_PAGE,
    "workshops:create": ACCOMPANY_PAGE,
    "workshops:detail": FILE,
    "workshops:edit": FILE,
    "workshops:cancel": FILE,
    "workshops:register": FILE,
    "workshops:cancel_registration": FILE,
    "workshops:attendance": FILE,
    # agreements
    "agreements:list": ACCOMPANY_PAGE,
    "agreements:create": MANAGE_PAGE,
    "agreements:detail": FILE,
    "agreements:edit": Rule(MANAGE, Scope.TERRITORY),
    "agreements:pathway_agreement": FILE,
    "agreements:iae_checks": FILE,
    # reporting: managers and admins (its lists name people with special-category barriers)
    "reporting:dashboard": MANAGE_PAGE,
    "reporting:people": MANAGE_PAGE,
    "reporting:export": MANAGE_PAGE,
    "reporting:people_export": MANAGE_PAGE,
    "reporting:job_create": MANAGE_PAGE,
    "reporting:job": Rule(MANAGE, Scope.OWN),
    "reporting:job_download": Rule(MANAGE, Scope.OWN),
    # audit: a file's access log for its managers; the search of the whole trail for admins
    "audit:file_log": Rule(MANAGE, Scope.TERRITORY),
    "audit:search": Rule(frozenset({Role.ADMIN}), Scope.NO_OBJECT),
    # documents: business developers read CVs only; identity documents are the referent's and
    # managers' (chemin/documents/access.py)
    "documents:list": JOB_FACING,
    "documents:upload": FILE,
    "documents:download": JOB_FACING,
    "documents:delete": FILE,
    # privacy: the person's consents and RGPD rights; export and erasure are the managers'
    "participant_privacy:detail": FILE,
    "participant_privacy:export": Rule(MANAGE, Scope.TERRITORY),
    "participant_privacy:erase": Rule(MANAGE, Scope.TERRITORY),
    # prescriber_portal: prescriber accounts only (Scope.PRESCRIBER)
    "portal:home": PRESCRIBER_WINDOW,
    "portal:referral_create": PRESCRIBER_WINDOW,
    "portal:referral_detail": PRESCRIBER_WINDOW,
    "portal:follow": PRESCRIBER_WINDOW,
    "portal:attachment": PRESCRIBER_WINDOW,
    "portal:activations": PRESCRIBER_WINDOW,
    "portal:activation_answer": PRESCRIBER_WINDOW,
    "portal:settings": PRESCRIBER_WINDOW,
    # A référent nobody invited yet asks for an account (a manager decides).
    "portal:access_request": PUBLIC,
    "portal:access_request_sent": PUBLIC,
    # participant_space: the person's own account only (Scope.PARTICIPANT); its sign-in links are public
    "space:home": PERSON_WINDOW,
    "space:link_request": PUBLIC,
    "space:link_sent": PUBLIC,
    "space:link_sign_in": PUBLIC,
    "space:password": PERSON_WINDOW,
    "space:wishes": PERSON_WINDOW,
    "space:wish_create": PERSON_WINDOW,
    "space:steps": PERSON_WINDOW,
    "space:step_create": PERSON_WINDOW,
    "space:step_done": PERSON_WINDOW,
    "space:skills": PERSON_WINDOW,
    "space:skill_assess": PERSON_WINDOW,
    "space:experience_create": PERSON_WINDOW,
    "space:appointments": PERSON_WINDOW,
    "space:appointment_confirm": PERSON_WINDOW,
    "space:appointment_reschedule": PERSON_WINDOW,
    "space:notes": PERSON_WINDOW,
    "space:sharing": PERSON_WINDOW,
    "space:cv": PERSON_WINDOW,
    "space:data": PERSON_WINDOW,
    # The answers of people outside the organisation, through signed links.
    "activation_answers:answer": PUBLIC,
    "activation_answers:thanks": PUBLIC,
    "employer_answers:answer": PUBLIC,
    "employer_answers:thanks": PUBLIC,
}

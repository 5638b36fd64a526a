"""Demo data for `manage.py seed_demo`: a believable organisation on two territories of the
Pas-de-Calais mining basin. Each capability adds its part here so `make run` tells the story.

Everything is created with get-or-create on natural keys, so running it twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from chemin.accounts.enums import Role
from chemin.accounts.models import Membership, User
from chemin.demo.outside import seed_outside_accounts
from chemin.demo.pathways import seed_pathways
from chemin.territories.models import Territory

DEMO_PASSWORD = "Chemin-faisant-demo-2026"
DEMO_EMAIL_DOMAIN = "chemin-faisant.test"

TERRITORIES = [
    {"slug": "lens-lievin", "name": "Lens-Liévin", "departement": "62"},
    {"slug": "arras", "name": "Arras", "departement": "62"},
]

# (first name, last name, role, territory slugs). Sophie works in both territories, which is
# what the territory switcher is for.
STAFF = [
    ("Nathalie", "Lefebvre", Role.ADMIN, ["lens-lievin"]),
    ("Olivier", "Dumont", Role.ADMIN, ["arras"]),
    ("Isabelle", "Caron", Role.MANAGER, ["lens-lievin"]),
    ("Thierry", "Lemaire", Role.MANAGER, ["arras"]),
    ("Sophie", "Martin", Role.COUNSELLOR, ["lens-lievin", "arras"]),
    ("Karim", "Benali", Role.COUNSELLOR, ["arras"]),
    ("Julie", "Delattre", Role.BUSINESS_DEVELOPER, ["lens-lievin"]),
    ("Mehdi", "Haddad", Role.BUSINESS_DEVELOPER, ["arras"]),
]

EXTRA_COUNSELLOR_NAMES = [
    ("Camille", "Duhamel"),
    ("Nicolas", "Vasseur"),
    ("Aurélie", "Leroy"),
    ("Franck", "Wojcik"),
    ("Laetitia", "Dubois"),
    ("Yassine", "Mansouri"),
    ("Émilie", "Boulanger"),
    ("Grégory", "Kowalski"),
    ("Sandrine", "Lecomte"),
    ("Rachid", "Amrani"),
]


@dataclass(frozen=True)
class DemoLogin:
    email: str
    name: str
    role: str
    territories: str


def email_for(first_name: str, last_name: str) -> str:
    import unicodedata

    def ascii_slug(text: str) -> str:
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return text.lower().replace(" ", "-").replace("'", "")

    return f"{ascii_slug(first_name)}.{ascii_slug(last_name)}@{DEMO_EMAIL_DOMAIN}"


def _staff_member(first_name: str, last_name: str, role: Role, territories: list[Territory]) -> User:
    user, created = User.objects.get_or_create(
        email=email_for(first_name, last_name),
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            # Admins run the technical administration site too.
            "is_staff": role == Role.ADMIN,
            "is_superuser": role == Role.ADMIN,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    for territory in territories:
        Membership.objects.get_or_create(user=user, territory=territory, defaults={"role": role})
    return user


@transaction.atomic
def seed_demo(*, scale: int = 1) -> list[DemoLogin]:
    """Create the demo organisation, then the story of the people it accompanies."""
    territories, logins = seed_staff(scale=scale)
    seed_pathways(territories=territories)
    # The prescriber portal and the personal space, with a demo account each.
    for user, kind in seed_outside_accounts(password=DEMO_PASSWORD):
        logins.append(DemoLogin(email=user.email, name=user.get_full_name(), role=kind, territories="Arras"))
    return logins


def seed_staff(*, scale: int = 1) -> tuple[dict[str, Territory], list[DemoLogin]]:
    """The territories and their staff; ``scale`` > 1 adds (scale - 1) × 10 counsellors per territory."""
    territories = {
        spec["slug"]: Territory.objects.update_or_create(slug=spec["slug"], defaults=spec)[0]
        for spec in TERRITORIES
    }
    logins = []
    for first_name, last_name, role, slugs in STAFF:
        user = _staff_member(first_name, last_name, role, [territories[slug] for slug in slugs])
        logins.append(
            DemoLogin(
                email=user.email,
                name=user.get_full_name(),
                role=str(role.label),
                territories=", ".join(territories[slug].name for slug in slugs),
            )
        )
    for territory in territories.values():
        for index in range((scale - 1) * len(EXTRA_COUNSELLOR_NAMES)):
            first_name, last_name = EXTRA_COUNSELLOR_NAMES[index % len(EXTRA_COUNSELLOR_NAMES)]
            _staff_member(
                first_name, f"{last_name}-{territory.slug}-{index + 1}", Role.COUNSELLOR, [territory]
            )
    return territories, logins

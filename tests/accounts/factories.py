import factory

from chemin.accounts.enums import Role
from chemin.accounts.models import Membership, User
from tests.territories.factories import TerritoryFactory

DEFAULT_PASSWORD = "un-mot-de-passe-de-test"


class UserFactory(factory.django.DjangoModelFactory):
    """A user; pass ``role`` and ``territory`` to make them staff of that territory."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    class Params:
        superuser = factory.Trait(is_staff=True, is_superuser=True)

    @factory.post_generation
    def memberships(obj, create: bool, extracted: list[tuple] | None, **kwargs) -> None:
        """``memberships=[(territory, Role.COUNSELLOR), …]``."""
        if create and extracted:
            for territory, role in extracted:
                Membership.objects.create(user=obj, territory=territory, role=role)
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    territory = factory.SubFactory(TerritoryFactory)
    role = Role.COUNSELLOR

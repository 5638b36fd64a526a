from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from chemin.demo.staff import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Create (or bring up to date) the demo organisation. Safe to run several times."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Multiply the volumes, for load and speed checks (1 = the normal demo).",
        )

    def handle(self, *args, scale: int, **options) -> None:
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        with translation.override("fr"):
            logins = seed_demo(scale=scale)
            self.stdout.write(self.style.SUCCESS("Données de démonstration prêtes."))
            if options["verbosity"] == 0:
                return
            self.stdout.write("\nComptes de démonstration :")
            for login in logins:
                self.stdout.write(f"  {login.email:<40} {login.role:<34} {login.territories}")
            if settings.DEMO_MODE:
                self.stdout.write(f"\nMot de passe de tous ces comptes : {DEMO_PASSWORD}")
            else:
                self.stdout.write(
                    "\nMots de passe non affichés (DEMO_MODE désactivé) : utilisez « Mot de passe oublié »."
                )

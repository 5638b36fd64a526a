from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import translation

from chemin.demo.scale import DEFAULT_PARTICIPANTS, DEFAULT_TERRITORIES, ScaleError, ScaleResult, seed_scale
from chemin.demo.staff import DEMO_PASSWORD, seed_demo


def _number(value: int) -> str:
    """12 345: the French thousands separator, a narrow no-break space."""
    return f"{value:,}".replace(",", "\u202f")


class Command(BaseCommand):
    help = (
        "Create (or bring up to date) the demo organisation. Safe to run several times. "
        "With --scale alone: a large organisation for speed measurements (run once per database)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=int,
            nargs="?",
            const=None,
            default=1,
            help=(
                "--scale N: the normal demo with N times more counsellors (1 = the normal demo). "
                "--scale alone: the large organisation (50 territories, 100,000 people over 5 years, "
                "about a million timeline rows); needs load_referentials, runs once per database."
            ),
        )
        parser.add_argument(
            "--scale-participants",
            type=int,
            default=None,
            help=f"With --scale: how many people (default {DEFAULT_PARTICIPANTS}).",
        )
        parser.add_argument(
            "--scale-territories",
            type=int,
            default=None,
            help=f"With --scale: how many territories (default {DEFAULT_TERRITORIES}).",
        )

    def handle(self, *args, scale: int | None, **options) -> None:
        participants, territories = options["scale_participants"], options["scale_territories"]
        if scale is None:
            self._large(
                participants=DEFAULT_PARTICIPANTS if participants is None else participants,
                territories=DEFAULT_TERRITORIES if territories is None else territories,
                verbosity=options["verbosity"],
            )
            return
        if participants is not None or territories is not None:
            raise CommandError("--scale-participants et --scale-territories vont avec --scale (sans nombre).")
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

    def _large(self, *, participants: int, territories: int, verbosity: int) -> None:
        if participants < 1 or territories < 1:
            raise CommandError("--scale-participants et --scale-territories doivent valoir 1 ou plus.")
        if verbosity:
            self.stdout.write(
                f"Organisation à grande échelle ({connection.vendor}) : {_number(territories)} territoires, "
                f"{_number(participants)} personnes sur 5 ans…"
            )

        def progress(done: int, total: int) -> None:
            if verbosity:
                self.stdout.write(f"  {_number(done)} / {_number(total)} personnes")

        try:
            result = seed_scale(participants=participants, territories=territories, progress=progress)
        except ScaleError as error:
            raise CommandError(str(error)) from error
        if verbosity:
            self._summary(result)

    def _summary(self, result: ScaleResult) -> None:
        with translation.override("fr"):
            for model, count in sorted(result.counts.items(), key=lambda item: -item[1]):
                self.stdout.write(
                    f"  {str(model._meta.verbose_name_plural).capitalize():<45} {_number(count):>12}"
                )
        self.stdout.write(
            self.style.SUCCESS(
                f"Créé en {result.seconds:.0f} s ({connection.vendor}) : {_number(result.rows)} lignes, "
                f"dont {_number(result.timeline_rows)} sur le fil des parcours."
            )
        )

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from chemin.referentials.services import ReferentialDataError, referentials_load


class Command(BaseCommand):
    help = (
        "Load the ROME 4.0 jobs, NAF sectors and French communes from data/ into the database. "
        "Safe to run again: only new or changed rows are written, in one transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--only",
            choices=["rome", "communes"],
            help="Load only the ROME tables or only the communes.",
        )

    def handle(self, *args, only: str | None, verbosity: int, **options) -> None:
        started = time.perf_counter()
        try:
            counts = referentials_load(
                data_dir=settings.BASE_DIR / "data",
                rome=only in (None, "rome"),
                communes=only in (None, "communes"),
            )
        except ReferentialDataError as error:
            raise CommandError(str(error)) from error
        if verbosity == 0:
            return
        for count in counts:
            self.stdout.write(str(count))
        self.stdout.write(
            self.style.SUCCESS(
                _("Reference data loaded in %(seconds).1f s.") % {"seconds": time.perf_counter() - started}
            )
        )

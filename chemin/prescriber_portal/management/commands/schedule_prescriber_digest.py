from django.core.management.base import BaseCommand, CommandParser
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from chemin.prescriber_portal.tasks import ensure_digest_scheduled


class Command(BaseCommand):
    help = (
        "Make sure the worker has the weekly prescriber digest queued (the email of what changed "
        "for the people each prescriber referred). Safe to run at every start or deployment."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--site-url",
            default="http://localhost:8000",
            help="The address the links of the emails start with, e.g. https://chemin.example.org",
        )

    def handle(self, *args, **options) -> None:
        run_after = ensure_digest_scheduled(site_url=options["site_url"])
        if run_after is None:
            self.stdout.write(_("The prescriber digest is already scheduled."))
            return
        when = formats.date_format(timezone.localtime(run_after), "SHORT_DATETIME_FORMAT")
        self.stdout.write(self.style.SUCCESS(_("Prescriber digest scheduled for %(when)s.") % {"when": when}))

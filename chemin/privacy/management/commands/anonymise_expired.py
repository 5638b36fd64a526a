from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from chemin.privacy.anonymisation import anonymise_expired


class Command(BaseCommand):
    help = (
        "Anonymise the files whose pathways all closed more than RETENTION_CLOSED_PATHWAY_DAYS ago "
        "(the worker does it every night). With --dry-run: list them (ids and closing dates only) "
        "and change nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="List the files, change nothing.")

    def handle(self, *args, dry_run: bool, **options) -> None:
        files = anonymise_expired(dry_run=dry_run)
        for file in files:
            self.stdout.write(
                _("participant %(id)s — last pathway closed on %(date)s")
                % {"id": file.participant_id, "date": file.last_closed_on.strftime("%d/%m/%Y")}
            )
        if dry_run:
            message = _("%(count)s file(s) would be anonymised; nothing was changed.")
        else:
            message = _("%(count)s file(s) anonymised.")
        self.stdout.write(self.style.SUCCESS(message % {"count": len(files)}))

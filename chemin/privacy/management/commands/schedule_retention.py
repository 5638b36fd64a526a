from django.core.management.base import BaseCommand
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from chemin.privacy.tasks import ensure_retention_scheduled


class Command(BaseCommand):
    help = (
        "Make sure the worker has the nightly retention job queued (anonymisation of the files "
        "past their retention period). Safe to run at every start or deployment."
    )

    def handle(self, *args, **options) -> None:
        run_after = ensure_retention_scheduled()
        if run_after is None:
            self.stdout.write(_("The retention job is already scheduled."))
            return
        when = formats.date_format(timezone.localtime(run_after), "SHORT_DATETIME_FORMAT")
        self.stdout.write(self.style.SUCCESS(_("Retention job scheduled for %(when)s.") % {"when": when}))

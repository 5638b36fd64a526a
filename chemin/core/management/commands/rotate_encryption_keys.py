from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from chemin.core.encryption import DecryptionError, encrypted_fields, reencrypt, rewrite_column


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted column with the first key of FIELD_ENCRYPTION_KEYS (after a new "
        "key was put first). Values already under that key are left as they are: safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with transaction.atomic():
                for field in encrypted_fields():
                    written = rewrite_column(connection, field.model, field.name, reencrypt)
                    self.stdout.write(
                        f"{field.model._meta.label}.{field.name} : {written} valeur(s) rechiffrée(s)"
                    )
        except DecryptionError as error:
            raise CommandError(str(error)) from None

"""Encrypt the prescriber activations' requests and answers already recorded (reversed: decrypt them).

A migration of its own, apart from the schema change (0002): PostgreSQL refuses to alter a table
in the transaction that updated its rows ("pending trigger events"), as the reverse would do.
"""

from chemin.core.encryption import encrypt_existing_rows
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('activations', '0002_encrypted_request_and_answer'),
    ]

    operations = [
        # The rows already there: encrypted now, decrypted back if the migration is reversed.
        encrypt_existing_rows('activations', 'PrescriberActivation', 'request_text', 'answer_text'),
    ]

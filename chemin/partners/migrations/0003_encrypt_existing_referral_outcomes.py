"""Encrypt the partner referrals' outcomes already recorded (reversed: decrypt them).

A migration of its own, apart from the schema change (0002): PostgreSQL refuses to alter a table
in the transaction that updated its rows ("pending trigger events"), as the reverse would do.
"""

from chemin.core.encryption import encrypt_existing_rows
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0002_encrypted_referral_outcome'),
    ]

    operations = [
        # The rows already there: encrypted now, decrypted back if the migration is reversed.
        encrypt_existing_rows('partners', 'PartnerReferral', 'outcome'),
    ]

"""Turn the columns holding the outcome of partner referrals into encrypted text (RGPD art. 9); 0003 encrypts the rows."""

import chemin.core.encryption
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0001_create_partners'),
    ]

    operations = [
        migrations.AlterField(
            model_name='partnerreferral',
            name='outcome',
            field=chemin.core.encryption.EncryptedTextField(blank=True, verbose_name='outcome'),
        ),
    ]

"""Turn the columns holding the notes' text into encrypted text (RGPD art. 9); 0003 encrypts the rows."""

import chemin.core.encryption
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('notes', '0001_create_note'),
    ]

    operations = [
        migrations.AlterField(
            model_name='note',
            name='text',
            field=chemin.core.encryption.EncryptedTextField(verbose_name='text'),
        ),
    ]

"""Turn the columns holding the request and answer of prescriber activations into encrypted text (RGPD art. 9); 0003 encrypts the rows."""

import chemin.core.encryption
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('activations', '0001_create_activations'),
    ]

    operations = [
        migrations.AlterField(
            model_name='prescriberactivation',
            name='answer_text',
            field=chemin.core.encryption.EncryptedTextField(blank=True, max_length=2000, verbose_name='answer'),
        ),
        migrations.AlterField(
            model_name='prescriberactivation',
            name='request_text',
            field=chemin.core.encryption.EncryptedTextField(max_length=2000, verbose_name='request'),
        ),
    ]

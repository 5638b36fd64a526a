"""Turn the columns holding a barrier's situation and words and its status changes' comments into encrypted text (RGPD art. 9); 0003 encrypts the rows."""

import chemin.core.encryption
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('barriers', '0001_create_barriers'),
    ]

    operations = [
        migrations.AlterField(
            model_name='barrier',
            name='own_words',
            field=chemin.core.encryption.EncryptedTextField(blank=True, verbose_name="in the person's own words"),
        ),
        migrations.AlterField(
            model_name='barrier',
            name='situation',
            field=chemin.core.encryption.EncryptedTextField(blank=True, verbose_name='situation'),
        ),
        migrations.AlterField(
            model_name='barriertransition',
            name='comment',
            field=chemin.core.encryption.EncryptedTextField(blank=True, verbose_name='comment'),
        ),
    ]

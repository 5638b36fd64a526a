"""Encrypt the notes' text already recorded (reversed: decrypt it), and drop the searchable copy
of restricted notes (reversed: rebuild it).

A migration of its own, apart from the schema change (0002): PostgreSQL refuses to alter a table
in the transaction that updated its rows ("pending trigger events"), as the reverse would do.
"""

from chemin.core.encryption import encrypt_existing_rows
from chemin.referentials.text import normalize
from django.db import migrations


def drop_restricted_search_text(apps, schema_editor):
    Note = apps.get_model("notes", "Note")
    Note.objects.filter(visibility="restricted").update(search_text="")


def restore_restricted_search_text(apps, schema_editor):
    Note = apps.get_model("notes", "Note")
    for note in Note.objects.filter(visibility="restricted").only("pk", "text"):
        Note.objects.filter(pk=note.pk).update(search_text=normalize(note.text))


class Migration(migrations.Migration):

    dependencies = [
        ('notes', '0002_encrypted_text'),
    ]

    operations = [
        # The rows already there: encrypted now, decrypted back if the migration is reversed.
        encrypt_existing_rows('notes', 'Note', 'text'),
        # A restricted note keeps no searchable copy in clear (Note.search).
        migrations.RunPython(drop_restricted_search_text, restore_restricted_search_text),
    ]

from django.db import migrations, models

from chemin.referentials.text import normalize


def fill_search_names(apps, schema_editor):
    PrescriberOrganisation = apps.get_model("prescribers", "PrescriberOrganisation")
    Prescriber = apps.get_model("prescribers", "Prescriber")
    for organisation in PrescriberOrganisation.objects.all():
        organisation.search_name = normalize(organisation.name)
        organisation.save(update_fields=["search_name"])
    for prescriber in Prescriber.objects.all():
        prescriber.search_name = normalize(f"{prescriber.first_name} {prescriber.last_name}")
        prescriber.save(update_fields=["search_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("prescribers", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="prescriberorganisation",
            name="search_name",
            field=models.CharField(db_index=True, default="", editable=False, max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="prescriber",
            name="search_name",
            field=models.CharField(db_index=True, default="", editable=False, max_length=310),
            preserve_default=False,
        ),
        migrations.AddIndex(
            model_name="prescriberorganisation",
            index=models.Index(fields=["kind"], name="prescriberorg_kind_idx"),
        ),
        migrations.RunPython(fill_search_names, migrations.RunPython.noop),
    ]

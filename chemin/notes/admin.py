from django.contrib import admin

from chemin.notes.models import Note


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    # No text in the list: restricted notes stay out of sight until someone opens one on purpose.
    list_display = ["__str__", "pathway", "author", "visibility", "date"]
    list_filter = ["visibility"]
    raw_id_fields = ["pathway", "author"]
    date_hierarchy = "date"

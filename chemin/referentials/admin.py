"""Reference data in the admin: to look up, not to edit.

The rows come from the files of data/ through `manage.py load_referentials`, which would undo any
edit made here; so the admin shows them read-only.
"""

from django.contrib import admin
from django.http import HttpRequest

from chemin.referentials.models import Commune, NafSector, RomeDomain, RomeJob


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(RomeDomain)
class RomeDomainAdmin(ReadOnlyAdmin):
    list_display = ["letter", "label"]
    search_fields = ["letter", "label"]


@admin.register(RomeJob)
class RomeJobAdmin(ReadOnlyAdmin):
    list_display = ["code", "label", "domain"]
    list_filter = ["domain"]
    list_select_related = ["domain"]
    search_fields = ["code", "label"]


@admin.register(NafSector)
class NafSectorAdmin(ReadOnlyAdmin):
    list_display = ["code", "label"]
    search_fields = ["code", "label"]
    filter_horizontal = ["rome_jobs"]


@admin.register(Commune)
class CommuneAdmin(ReadOnlyAdmin):
    list_display = ["name", "code_insee", "departement", "postal_codes", "population", "coord_quality"]
    list_filter = ["coord_quality", "region"]
    search_fields = ["name", "search_name", "=code_insee", "postal_codes"]
    ordering = ["search_name", "code_insee"]
    show_full_result_count = False

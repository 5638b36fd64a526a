"""Job wishes in the admin, to look up only: edits go through the app, which writes the history."""

from django.contrib import admin
from django.http import HttpRequest

from chemin.jobwishes.models import JobWish, JobWishRomeJob, JobWishVersion


class _ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class JobWishRomeJobInline(_ReadOnly, admin.TabularInline):
    model = JobWishRomeJob
    extra = 0
    fields = ["position", "rome_job"]


class JobWishVersionInline(_ReadOnly, admin.TabularInline):
    model = JobWishVersion
    extra = 0
    fields = [
        "version",
        "title_in_own_words",
        "rome_jobs",
        "status",
        "changed_by",
        "by_participant",
        "created_at",
    ]


@admin.register(JobWish)
class JobWishAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ["pk", "pathway", "priority", "status", "version", "updated_at"]
    list_filter = ["status"]
    list_select_related = ["pathway__participant", "pathway__territory"]
    # People's words are personal data: search by ids only.
    search_fields = ["=pk", "=pathway__pk"]
    inlines = [JobWishRomeJobInline, JobWishVersionInline]

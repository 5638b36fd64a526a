from django.contrib import admin

from chemin.portfolio.models import Experience, Skill


@admin.register(Experience)
class ExperienceAdmin(admin.ModelAdmin):
    list_display = ["title", "participant", "kind", "start_date", "end_date"]
    list_filter = ["kind"]
    raw_id_fields = ["participant", "rome_job"]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["label", "participant", "kind", "self_rating", "validated_on"]
    list_filter = ["kind", "self_rating"]
    raw_id_fields = ["participant", "source_experience", "validated_by", "rome_job"]

from django.urls import path

from chemin.reporting import views

app_name = "reporting"

# Mounted at /indicateurs/ (config/urls.py): indicators, charts and exports.
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("personnes/", views.people, name="people"),
    path("export.<str:fmt>", views.export_indicators, name="export"),
    path("personnes/export.<str:fmt>", views.export_people, name="people_export"),
    path("exports/", views.export_job_create, name="job_create"),
    path("exports/<int:pk>/", views.export_job, name="job"),
    path("exports/<int:pk>/telecharger/", views.export_job_download, name="job_download"),
]

from django.urls import path

from chemin.privacy import views

app_name = "participant_privacy"

# Mounted at /personnes/<participant_pk>/donnees/ (config/urls.py).
urlpatterns = [
    path("", views.detail, name="detail"),
    path("export/", views.export, name="export"),
    path("effacement/", views.erase, name="erase"),
]

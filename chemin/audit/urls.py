from django.urls import path

from chemin.audit import views

app_name = "audit"

# Mounted at /journal/ (config/urls.py).
urlpatterns = [
    path("", views.search, name="search"),
    path("personnes/<int:participant_pk>/", views.file_log, name="file_log"),
]

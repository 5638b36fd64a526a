from django.urls import path

from chemin.notes import views

app_name = "notes"

# Mounted under /personnes/<participant_pk>/notes/ (config/urls.py).
urlpatterns = [
    path("", views.note_list, name="list"),
    path("ajouter/", views.note_create, name="create"),
    path("<int:pk>/modifier/", views.note_edit, name="edit"),
]

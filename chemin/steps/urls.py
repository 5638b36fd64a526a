from django.urls import path

from chemin.steps import views

app_name = "steps"

# Mounted at /personnes/<participant_pk>/etapes/ (config/urls.py).
urlpatterns = [
    path("", views.step_list, name="list"),
    path("ajouter/", views.step_create, name="create"),
    path("<int:pk>/modifier/", views.step_edit, name="edit"),
    path("<int:pk>/statut/", views.step_change_status, name="set_status"),
]

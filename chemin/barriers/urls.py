from django.urls import path

from chemin.barriers import views

app_name = "barriers"

# Mounted at /personnes/<participant_pk>/freins/ (config/urls.py).
urlpatterns = [
    path("", views.barrier_list, name="list"),
    path("ajouter/", views.barrier_create, name="create"),
    path("<int:pk>/statut/", views.barrier_change_status, name="change_status"),
    path("contraintes/ajouter/", views.constraint_create, name="constraint_create"),
    path("contraintes/<int:pk>/terminer/", views.constraint_end, name="constraint_end"),
]

from django.urls import path

from chemin.jobwishes import views

app_name = "jobwishes"

# Mounted at /personnes/<participant_pk>/projet/ (config/urls.py).
urlpatterns = [
    path("", views.job_wish_list, name="list"),
    path("ajouter/", views.job_wish_create, name="create"),
    path("<int:pk>/modifier/", views.job_wish_edit, name="edit"),
    path("<int:pk>/statut/", views.job_wish_change_status, name="set_status"),
]

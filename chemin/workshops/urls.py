from django.urls import path

from chemin.workshops import views

app_name = "workshops"

# Mounted at /ateliers/ (config/urls.py): the current territory's collective workshops.
urlpatterns = [
    path("", views.workshop_list, name="list"),
    path("ajouter/", views.workshop_create, name="create"),
    path("<int:pk>/", views.workshop_detail, name="detail"),
    path("<int:pk>/modifier/", views.workshop_edit, name="edit"),
    path("<int:pk>/annuler/", views.workshop_cancel, name="cancel"),
    path("<int:pk>/inscrire/", views.registration_create, name="register"),
    path(
        "<int:pk>/inscriptions/<int:registration_pk>/annuler/",
        views.registration_cancel,
        name="cancel_registration",
    ),
    path("<int:pk>/presences/", views.workshop_attendance, name="attendance"),
]

from django.urls import path

from chemin.appointments import views

app_name = "participant_appointments"

# Mounted at /personnes/<participant_pk>/rendez-vous/ (config/urls.py).
urlpatterns = [
    path("", views.appointment_list, name="list"),
    path("prendre/", views.appointment_create, name="create"),
    path("<int:pk>/modifier/", views.appointment_edit, name="edit"),
    path("<int:pk>/statut/", views.appointment_status, name="status"),
]

from django.urls import path

from chemin.immersions import views

app_name = "participant_immersions"

# Mounted at /personnes/<participant_pk>/immersions/ (config/urls.py).
urlpatterns = [
    path("", views.immersion_list, name="list"),
    path("ajouter/", views.immersion_create, name="create"),
    path("<int:pk>/modifier/", views.immersion_edit, name="edit"),
    path("<int:pk>/bilan/", views.immersion_assess, name="assess"),
]

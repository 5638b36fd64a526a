from django.urls import path

from chemin.activations import views

app_name = "activations"

# Mounted at /personnes/<participant_pk>/sollicitations/ (config/urls.py).
urlpatterns = [
    path("", views.activation_list, name="list"),
    # Linked from each open barrier of the barriers section: keep the name and kwargs.
    path("frein/<int:barrier_pk>/", views.activation_create, name="create"),
]

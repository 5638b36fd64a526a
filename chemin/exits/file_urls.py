from django.urls import path

from chemin.exits import views

app_name = "exits"

# Mounted at /personnes/<participant_pk>/sortie/ (config/urls.py).
urlpatterns = [
    path("", views.close, name="close"),
    path("bilan/", views.review, name="review"),
]

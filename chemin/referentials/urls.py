from django.urls import path

from chemin.referentials import views

app_name = "referentials"

urlpatterns = [
    path("metiers/", views.rome_search, name="rome_search"),
    path("communes/", views.commune_search, name="commune_search"),
]

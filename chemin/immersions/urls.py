from django.urls import path

from chemin.immersions import views

app_name = "immersions"

# Mounted at /immersions/ (config/urls.py): the current territory's immersions.
urlpatterns = [path("", views.territory_list, name="list")]

from django.urls import path

from chemin.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("alertes/", views.alerts_page, name="alerts"),
    path("accessibilite/", views.accessibility, name="accessibility"),
]

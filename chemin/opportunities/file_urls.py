from django.urls import path

from chemin.opportunities import views

app_name = "participant_opportunities"

urlpatterns = [
    path("", views.participant_opportunities, name="list"),
]

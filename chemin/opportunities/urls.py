from django.urls import path

from chemin.opportunities import views

app_name = "opportunities"

urlpatterns = [
    path("", views.opportunity_list, name="list"),
    path("entreprises/<int:company_pk>/nouvelle/", views.opportunity_create, name="create"),
    path(
        "echanges/<int:interaction_pk>/nouvelle/",
        views.opportunity_create_from_interaction,
        name="create_from_interaction",
    ),
    path("<int:pk>/", views.opportunity_detail, name="detail"),
    path("<int:pk>/modifier/", views.opportunity_update, name="update"),
    path("<int:pk>/statut/", views.opportunity_set_status, name="set_status"),
    path("<int:pk>/candidats/", views.candidates, name="candidates"),
    path("<int:pk>/proposer/", views.propose, name="propose"),
    path("mises-en-relation/<int:pk>/statut/", views.placement_status, name="placement_status"),
]

from django.urls import path

from chemin.prescribers import views

app_name = "prescribers"

urlpatterns = [
    path("", views.directory, name="list"),
    path("recherche/", views.search, name="search"),
    path("organisations/nouvelle/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/modifier/", views.organisation_update, name="organisation_update"),
    path(
        "organisations/<int:organisation_pk>/referents/nouveau/",
        views.prescriber_create,
        name="prescriber_create",
    ),
    path("referents/<int:pk>/modifier/", views.prescriber_update, name="prescriber_update"),
    path("referents/<int:pk>/inviter/", views.prescriber_invite_view, name="prescriber_invite"),
    path("demandes-d-acces/", views.access_requests, name="access_requests"),
    path("demandes-d-acces/<int:pk>/", views.access_request_decide, name="access_request_decide"),
]

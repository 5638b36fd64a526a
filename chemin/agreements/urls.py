from django.urls import path

from chemin.agreements import views

app_name = "agreements"

# Mounted at /conventions/ (config/urls.py): funders and agreements, and the two pages of the
# participant file that belong to them (the pathway's agreement, the IAE eligibility checks).
urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("ajouter/", views.agreement_create, name="create"),
    path("<int:pk>/", views.agreement_detail, name="detail"),
    path("<int:pk>/modifier/", views.agreement_edit, name="edit"),
    path("personnes/<int:participant_pk>/convention/", views.pathway_agreement, name="pathway_agreement"),
    path("personnes/<int:participant_pk>/eligibilite-iae/", views.iae_checks, name="iae_checks"),
]

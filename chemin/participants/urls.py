from django.urls import path

from chemin.participant_space import staff_views as space_views
from chemin.participants import views
from chemin.pathways import views as pathway_views

app_name = "participants"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("nouvelle/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/modifier/", views.edit, name="edit"),
    path("<int:pk>/parcours/", views.timeline_view, name="timeline"),
    # Pathway actions: the pathways app has no URL prefix of its own, they live on the file.
    path("<int:pk>/phase/", pathway_views.change_phase, name="change_phase"),
    path("<int:pk>/referent/", pathway_views.reassign, name="reassign"),
    path("<int:pk>/contact/", pathway_views.record_contact, name="record_contact"),
    path("<int:pk>/nouvel-accompagnement/", pathway_views.open_pathway, name="open_pathway"),
    # The person's own space (chemin/participant_space): open it, or send a new sign-in link.
    path("<int:participant_pk>/espace-personnel/", space_views.open_space, name="open_space"),
]

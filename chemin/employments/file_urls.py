from django.urls import path

from chemin.employments import views

app_name = "participant_employments"

# Mounted at /personnes/<participant_pk>/emploi/ (config/urls.py).
urlpatterns = [
    path("", views.employment_list, name="list"),
    path("ajouter/", views.employment_create, name="create"),
    path(
        "embauche/<int:placement_pk>/", views.employment_create_from_placement, name="create_from_placement"
    ),
    path("<int:pk>/modifier/", views.employment_edit, name="edit"),
    path("<int:pk>/fin/", views.employment_end, name="end"),
    path("suivi/<int:pk>/<str:side>/", views.record_side, name="record_side"),
    path("suivi/cote/<int:side_pk>/frein/<str:difficulty>/", views.open_barrier, name="open_barrier"),
    path("suivi/cote/<int:side_pk>/etape/", views.open_step, name="open_step"),
]

from django.urls import path

from chemin.events import views

app_name = "events"

# Mounted at /evenements/ (config/urls.py).
urlpatterns = [
    path("", views.event_list, name="list"),
    path("ajouter/", views.event_create, name="create"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/modifier/", views.event_edit, name="edit"),
    path("<int:pk>/inviter-personnes/", views.event_invite_participants, name="invite_participants"),
    path("<int:pk>/inviter-entreprises/", views.event_invite_companies, name="invite_companies"),
    path("<int:pk>/presences/", views.event_attendance, name="attendance"),
]

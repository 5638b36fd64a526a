from django.urls import path

from chemin.participant_space import views

app_name = "space"

# Mounted at /mon-espace/ (config/urls.py). The sign-in pages are public; every other page is the
# signed-in person's own (accounts/middleware.OutsideWindowMiddleware, core/permissions.py).
urlpatterns = [
    path("", views.home, name="home"),
    path("connexion/", views.link_request, name="link_request"),
    path("connexion/envoye/", views.link_sent, name="link_sent"),
    path("connexion/lien/<str:token>/", views.link_sign_in, name="link_sign_in"),
    path("mot-de-passe/", views.password, name="password"),
    path("metiers/", views.wishes, name="wishes"),
    path("metiers/ajouter/", views.wish_create, name="wish_create"),
    path("etapes/", views.steps, name="steps"),
    path("etapes/ajouter/", views.step_create, name="step_create"),
    path("etapes/<int:pk>/faite/", views.step_done, name="step_done"),
    path("competences/", views.skills, name="skills"),
    path("competences/<int:pk>/", views.skill_assess, name="skill_assess"),
    path("competences/experience/", views.experience_create, name="experience_create"),
    path("rendez-vous/", views.appointments, name="appointments"),
    path("rendez-vous/<int:pk>/confirmer/", views.appointment_confirm, name="appointment_confirm"),
    path("rendez-vous/<int:pk>/deplacer/", views.appointment_reschedule, name="appointment_reschedule"),
    path("messages/", views.notes, name="notes"),
    path("partage/", views.sharing, name="sharing"),
    path("cv/", views.cv, name="cv"),
    path("mes-donnees/", views.data, name="data"),
]

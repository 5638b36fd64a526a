from django.urls import path

from chemin.portfolio import views

app_name = "portfolio"

# Mounted under /personnes/<participant_pk>/competences/ (config/urls.py).
urlpatterns = [
    path("", views.detail, name="detail"),
    path("cv/", views.cv, name="cv"),
    path("experiences/ajouter/", views.experience_create, name="experience_create"),
    path("experiences/<int:pk>/modifier/", views.experience_edit, name="experience_edit"),
    path("ajouter/", views.skill_create, name="skill_create"),
    path("<int:pk>/modifier/", views.skill_edit, name="skill_edit"),
    path("<int:pk>/valider/", views.skill_validate, name="skill_validate"),
]

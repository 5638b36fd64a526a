from django.urls import path

from chemin.prescriber_portal import views

app_name = "portal"

# Mounted at /portail-prescripteur/ (config/urls.py); prescriber accounts only.
urlpatterns = [
    path("", views.home, name="home"),
    path("orienter/", views.referral_create_view, name="referral_create"),
    path("orientations/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("orientations/<int:pk>/suivi/", views.follow, name="follow"),
    path("orientations/<int:pk>/pieces-jointes/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("sollicitations/", views.activations, name="activations"),
    path("sollicitations/<int:pk>/repondre/", views.activation_answer_view, name="activation_answer"),
    path("reglages/", views.settings_view, name="settings"),
]

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
    # Public: a référent nobody invited yet asks for an account.
    path("demande-d-acces/", views.access_request, name="access_request"),
    path("demande-d-acces/envoyee/", views.access_request_sent, name="access_request_sent"),
]

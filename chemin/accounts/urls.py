from django.contrib.auth import views as auth_views
from django.urls import path

from chemin.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("deconnexion-partout/", views.sign_out_everywhere, name="sign_out_everywhere"),
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("territoire/", views.switch_territory, name="switch_territory"),
    path("double-authentification/", views.two_factor_setup, name="two_factor_setup"),
    path(
        "double-authentification/codes-de-secours/",
        views.two_factor_recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path("double-authentification/code/", views.two_factor_verify, name="two_factor_verify"),
    path("double-authentification/nouveaux-codes/", views.new_recovery_codes, name="new_recovery_codes"),
    path("mot-de-passe/oubli/", views.password_reset, name="password_reset"),
    path("mot-de-passe/oubli/envoye/", views.password_reset_done, name="password_reset_done"),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"
    ),
    path("mot-de-passe/nouveau/termine/", views.password_reset_complete, name="password_reset_complete"),
]

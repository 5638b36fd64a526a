from django.urls import path

from chemin.activations import views

app_name = "activation_answers"

# Mounted at /reponse/ (config/urls.py): the prescriber answers here without an account.
urlpatterns = [
    path("<str:token>/", views.answer, name="answer"),
    path("<str:token>/merci/", views.thanks, name="thanks"),
]

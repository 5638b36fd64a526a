from django.urls import path

from chemin.employments import public_views

app_name = "employer_answers"

# Mounted at /suivi-employeur/ (config/urls.py): the employer answers here without an account.
urlpatterns = [
    path("<str:token>/", public_views.answer, name="answer"),
    path("<str:token>/merci/", public_views.thanks, name="thanks"),
]

from django.urls import path

from chemin.employments import public_views

app_name = "employer_requests"

# Mounted at /personnes/<participant_pk>/emploi/employeur/ (config/urls.py): staff actions on the
# employer's follow-up form.
urlpatterns = [
    path("suivi/<int:check_in_pk>/envoyer/", public_views.send, name="send"),
    path("reponse/<int:request_pk>/traitee/", public_views.handle_risk, name="handle_risk"),
]

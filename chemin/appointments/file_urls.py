app_name = "participant_appointments"

# Mounted at /personnes/<participant_pk>/rendez-vous/ (config/urls.py).
urlpatterns: list = []

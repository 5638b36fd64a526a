app_name = "workshops"

# Mounted at /ateliers/ (config/urls.py): the current territory's collective workshops.
urlpatterns: list = []

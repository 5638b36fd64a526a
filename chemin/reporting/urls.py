app_name = "reporting"

# Mounted at /indicateurs/ (config/urls.py): indicators, charts and exports.
urlpatterns: list = []

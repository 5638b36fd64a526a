app_name = "agreements"

# Mounted at /conventions/ (config/urls.py): funders and agreements.
urlpatterns: list = []

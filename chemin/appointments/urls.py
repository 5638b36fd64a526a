app_name = "calendars"

# Mounted at /agenda/ (config/urls.py): week views per staff member and per territory, iCal feeds.
urlpatterns: list = []

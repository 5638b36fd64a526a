from django.urls import path

from chemin.appointments import views

app_name = "calendars"

# Mounted at /agenda/ (config/urls.py): week views per staff member and per territory, iCal feeds.
urlpatterns = [
    path("", views.week_mine, name="mine"),
    path("territoire/", views.week_territory, name="territory"),
    path("abonnement/", views.subscription, name="subscription"),
    path("ical/<str:token>.ics", views.feed, name="feed"),
]

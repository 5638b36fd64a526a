from django.urls import path  # noqa: F401

app_name = "participant_employments"
urlpatterns: list = []

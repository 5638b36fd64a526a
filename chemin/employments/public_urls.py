from django.urls import path  # noqa: F401

app_name = "employer_answers"
urlpatterns: list = []

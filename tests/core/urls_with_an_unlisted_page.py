"""The project's URLs plus one page nobody declared: the permission matrix test must catch it."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [*project_urlpatterns, path("nouvelle-page/", lambda request: HttpResponse(), name="forgotten")]

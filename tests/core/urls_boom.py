"""A URLconf with a view that fails, to see what people get from a server error."""

from django.core.exceptions import PermissionDenied
from django.urls import include, path


def boom(request):
    raise RuntimeError("kaboom: internal detail that must never reach the page")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [path("boom/", boom), path("interdit/", forbidden), path("", include("config.urls"))]

handler500 = "chemin.core.views.server_error"

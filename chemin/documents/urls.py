from django.urls import path

from chemin.documents import views

app_name = "documents"

# Mounted under /personnes/<participant_pk>/documents/ (config/urls.py).
urlpatterns = [
    path("", views.document_list, name="list"),
    path("ajouter/", views.document_upload, name="upload"),
    path("<int:pk>/telecharger/", views.document_download, name="download"),
    path("<int:pk>/supprimer/", views.document_delete, name="delete"),
]

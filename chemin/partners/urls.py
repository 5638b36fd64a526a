from django.urls import path

from chemin.partners import views

app_name = "partners"

urlpatterns = [
    path("", views.directory, name="list"),
    path("nouveau/", views.partner_create, name="create"),
    path("import/", views.partner_import, name="import"),
    path("import/modele.csv", views.import_template, name="import_template"),
    path("<int:pk>/", views.partner_detail, name="detail"),
    path("<int:pk>/modifier/", views.partner_update, name="update"),
    path("<int:pk>/services/nouveau/", views.service_create, name="service_create"),
]

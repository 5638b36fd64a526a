from django.urls import path

from chemin.companies import views

app_name = "companies"

urlpatterns = [
    path("", views.company_list, name="list"),
    path("aujourdhui/", views.today, name="today"),
    path("nouvelle/", views.company_create, name="create"),
    path("<int:pk>/", views.company_detail, name="detail"),
    path("<int:pk>/modifier/", views.company_update, name="update"),
    path("<int:company_pk>/contacts/nouveau/", views.contact_create, name="contact_create"),
    path("contacts/<int:pk>/modifier/", views.contact_update, name="contact_update"),
    path("contacts/<int:pk>/desactiver/", views.contact_deactivate, name="contact_deactivate"),
    path("<int:company_pk>/echanges/nouveau/", views.interaction_create, name="interaction_create"),
    path("echanges/<int:pk>/action-faite/", views.next_action_done, name="next_action_done"),
]

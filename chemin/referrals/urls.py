from django.urls import path

from chemin.referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.referral_list, name="list"),
    path("nouvelle/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/accepter/", views.accept, name="accept"),
    path("<int:pk>/refuser/", views.decline, name="decline"),
    path("<int:pk>/pieces-jointes/<int:attachment_pk>/", views.attachment, name="attachment"),
]

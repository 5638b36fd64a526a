from django.urls import path

from chemin.partners import views

app_name = "partner_referrals"

urlpatterns = [
    path("", views.referral_list, name="list"),
    path("<int:pk>/", views.referral_update, name="update"),
    path("freins/<int:barrier_pk>/suggestions/", views.suggestions, name="suggestions"),
]

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from chemin.core import views as core_views

admin.site.site_header = "Chemin faisant — administration"
admin.site.site_title = "Chemin faisant"

urlpatterns = [
    path("", include("chemin.core.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("compte/", include("chemin.accounts.urls")),
    path("referentiels/", include("chemin.referentials.urls")),
    path("prescripteurs/", include("chemin.prescribers.urls")),
    path("orientations/", include("chemin.referrals.urls")),
    # The participant file and its sections: /personnes/<pk>/, /personnes/<pk>/projet/, …
    path("personnes/", include("chemin.participants.urls")),
    path("personnes/<int:participant_pk>/projet/", include("chemin.jobwishes.urls")),
    path("personnes/<int:participant_pk>/etapes/", include("chemin.steps.urls")),
    path("personnes/<int:participant_pk>/notes/", include("chemin.notes.urls")),
    path("personnes/<int:participant_pk>/competences/", include("chemin.portfolio.urls")),
    path("personnes/<int:participant_pk>/freins/", include("chemin.barriers.urls")),
    path("personnes/<int:participant_pk>/partenaires/", include("chemin.partners.file_urls")),
    path("personnes/<int:participant_pk>/sollicitations/", include("chemin.activations.urls")),
    path("personnes/<int:participant_pk>/offres/", include("chemin.opportunities.file_urls")),
    path("personnes/<int:participant_pk>/immersions/", include("chemin.immersions.file_urls")),
    path("personnes/<int:participant_pk>/emploi/employeur/", include("chemin.employments.employer_urls")),
    path("personnes/<int:participant_pk>/emploi/", include("chemin.employments.file_urls")),
    path("personnes/<int:participant_pk>/sortie/", include("chemin.exits.file_urls")),
    path("personnes/<int:participant_pk>/rendez-vous/", include("chemin.appointments.file_urls")),
    path("partenaires/", include("chemin.partners.urls")),
    path("entreprises/", include("chemin.companies.urls")),
    path("offres/", include("chemin.opportunities.urls")),
    path("immersions/", include("chemin.immersions.urls")),
    path("evenements/", include("chemin.events.urls")),
    path("agenda/", include("chemin.appointments.urls")),
    path("ateliers/", include("chemin.workshops.urls")),
    path("conventions/", include("chemin.agreements.urls")),
    path("indicateurs/", include("chemin.reporting.urls")),
    path("journal/", include("chemin.audit.urls")),
    path("personnes/<int:participant_pk>/documents/", include("chemin.documents.urls")),
    path("donnees-personnelles/", include("chemin.privacy.urls")),
    path("personnes/<int:participant_pk>/donnees/", include("chemin.privacy.file_urls")),
    # Prescribers answer an activation here, through a signed link, without an account.
    path("reponse/", include("chemin.activations.public_urls")),
    # Employers answer their side of a follow-up check-in here, through a signed link.
    path("suivi-employeur/", include("chemin.employments.public_urls")),
    # The windows of the people outside the organisation (accounts/middleware.OutsideWindowMiddleware).
    path("portail-prescripteur/", include("chemin.prescriber_portal.urls")),
    path("mon-espace/", include("chemin.participant_space.urls")),
    path("langue/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

handler400 = "chemin.core.views.bad_request"
handler403 = "chemin.core.views.permission_denied"
handler404 = "chemin.core.views.page_not_found"
handler500 = "chemin.core.views.server_error"

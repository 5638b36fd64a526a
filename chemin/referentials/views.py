"""The ROME jobs and communes lookup pages, which also feed the pickers' option lists.

One URL serves the page and, for an HTMX request, the fragment of options a picker shows.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from chemin.referentials.forms import CommuneLookupForm, RomeLookupForm
from chemin.referentials.geo import estimate_distance
from chemin.referentials.models import RomeJob
from chemin.referentials.search import MAX_QUERY_LENGTH
from chemin.referentials.selectors import search_communes, search_rome

PICKER_LIMIT = 10
PAGE_LIMIT = 25
NEAR_JOBS_LIMIT = 12


def _is_fragment_request(request: HttpRequest) -> bool:
    # A boosted navigation is a whole page, even though HTMX sends it.
    return bool(request.htmx) and not request.htmx.boosted


def _render(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    response = render(request, template, context)
    # The page and the fragment share a URL: caches and the back button must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def rome_search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    if _is_fragment_request(request):
        jobs = search_rome(query, limit=PICKER_LIMIT)
        return _render(request, "referentials/includes/rome_results.html", {"query": query, "jobs": jobs})

    form = RomeLookupForm(request.GET or None, query=query)
    chosen = form.cleaned_data["job"] if form.is_valid() else None
    context = {
        "form": form,
        "query": query,
        "jobs": search_rome(query, limit=PAGE_LIMIT),
        "chosen": chosen,
        "near_jobs": list(RomeJob.objects.near(chosen)[:NEAR_JOBS_LIMIT]) if chosen else [],
    }
    return _render(request, "referentials/rome_search.html", context)


@require_GET
def commune_search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    if _is_fragment_request(request):
        communes = search_communes(query, limit=PICKER_LIMIT)
        return _render(
            request, "referentials/includes/commune_results.html", {"query": query, "communes": communes}
        )

    form = CommuneLookupForm(request.GET or None, query=query)
    chosen = form.cleaned_data["commune"] if form.is_valid() else None
    rows = [
        {"commune": commune, "distance": estimate_distance(chosen, commune) if chosen else None}
        for commune in search_communes(query, limit=PAGE_LIMIT)
    ]
    context = {"form": form, "query": query, "rows": rows, "chosen": chosen}
    return _render(request, "referentials/commune_search.html", context)

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from chemin.referentials.search import search_rome

ROME_URL = reverse("referentials:rome_search")
COMMUNES_URL = reverse("referentials:commune_search")
HTMX = {"HX-Request": "true"}


@pytest.fixture
def warm_rome_index(db):
    """The ROME index is built on a process's first search: warm it so counts pin the steady state."""
    search_rome("warm")


@pytest.mark.django_db
class TestRomeSearchView:
    def test_is_at_the_french_address(self):
        assert ROME_URL == "/referentiels/metiers/"

    def test_sends_anonymous_visitors_to_the_login_page(self, client):
        response = client.get(ROME_URL, {"q": "caissiere"})
        assert response.status_code == 302
        assert response.url.startswith(reverse(settings.LOGIN_URL))

    def test_refuses_a_post(self, counsellor_client):
        assert counsellor_client.post(ROME_URL).status_code == 405

    def test_shows_the_page_with_the_picker_and_no_table_before_a_search(self, counsellor_client):
        response = counsellor_client.get(ROME_URL)
        assert response.status_code == 200
        assert response.templates[0].name == "referentials/rome_search.html"
        content = response.content.decode()
        assert "<h1>" in content
        assert "data-picker-search" in content
        assert "<table" not in content
        assert "js/picker.js" in content
        assert "css/picker.css" in content

    def test_lists_the_results_in_a_table(
        self, counsellor_client, warm_rome_index, django_assert_num_queries
    ):
        # Session, user, memberships (header), index version, jobs with their domain, and the
        # session save (savepoint, update, release).
        with django_assert_num_queries(8):
            response = counsellor_client.get(ROME_URL, {"q": "vendeur"})
        jobs = response.context["jobs"]
        assert len(jobs) > 10
        assert jobs[0].code == "D1214"
        content = response.content.decode()
        assert content.count("<tr>") == len(jobs) + 1
        assert f"<td>{jobs[0].domain.label}</td>" in content

    def test_shows_the_chosen_job_and_its_neighbours(
        self, counsellor_client, warm_rome_index, django_assert_num_queries
    ):
        # …plus the chosen job for the form, its label for the widget, and its neighbours.
        with django_assert_num_queries(11):
            response = counsellor_client.get(ROME_URL, {"q": "caissiere", "job": "d1505"})
        assert response.context["chosen"].code == "D1505"
        near = response.context["near_jobs"]
        assert [job.code for job in near[:2]] == ["D1501", "D1502"]
        assert all(job.same_family for job in near[:10])
        assert not any(job.code == "D1505" for job in near)

    def test_explains_an_unknown_code(self, counsellor_client):
        response = counsellor_client.get(ROME_URL, {"q": "", "job": "ZZ999"})
        assert response.status_code == 200
        with translation.override("en"):
            assert response.context["form"].errors["job"] == [
                "Unknown ROME code: ZZ999. Pick a job from the list."
            ]
        assert response.context["chosen"] is None
        assert "ZZ999" in response.content.decode()

    def test_answers_htmx_with_the_options_only(
        self, counsellor_client, warm_rome_index, django_assert_num_queries
    ):
        # Session, user, index version, jobs with their domain, session save: no page chrome.
        with django_assert_num_queries(7):
            response = counsellor_client.get(ROME_URL, {"q": "agent"}, headers=HTMX)
        assert [t.name for t in response.templates] == ["referentials/includes/rome_results.html"]
        content = response.content.decode()
        assert "<html" not in content
        assert content.count("<li>") == 10
        assert content.count('<button type="button" class="picker__option" data-picker-value="') == 10

    def test_answers_htmx_with_nothing_for_an_empty_query(self, counsellor_client):
        response = counsellor_client.get(ROME_URL, {"q": " "}, headers=HTMX)
        assert response.content.decode().strip() == ""

    def test_says_so_when_nothing_matches(self, counsellor_client):
        response = counsellor_client.get(ROME_URL, {"q": "zzqxw"}, headers=HTMX)
        content = response.content.decode()
        assert "zzqxw" in content
        assert "<ul" not in content

    def test_keeps_page_and_fragment_apart_in_caches(self, counsellor_client):
        response = counsellor_client.get(ROME_URL, {"q": "agent"}, headers=HTMX)
        assert "HX-Request" in response["Vary"]
        assert "HX-Request" in counsellor_client.get(ROME_URL)["Vary"]

    def test_a_boosted_navigation_gets_the_whole_page(self, counsellor_client):
        response = counsellor_client.get(ROME_URL, {"q": "agent"}, headers={**HTMX, "HX-Boosted": "true"})
        assert "<h1>" in response.content.decode()

    def test_escapes_the_query(self, counsellor_client):
        response = counsellor_client.get(ROME_URL, {"q": "<script>zz</script>"}, headers=HTMX)
        assert "<script>" not in response.content.decode()

    def test_a_counsellor_of_another_territory_gets_the_same_answers(
        self, counsellor_client, other_counsellor_client
    ):
        # Reference data belongs to no territory: nothing to hide, nothing to filter.
        mine = counsellor_client.get(ROME_URL, {"q": "cariste"}, headers=HTMX).content
        theirs = other_counsellor_client.get(ROME_URL, {"q": "cariste"}, headers=HTMX).content
        assert mine == theirs


@pytest.mark.django_db
class TestCommuneSearchView:
    def test_is_at_the_french_address(self):
        assert COMMUNES_URL == "/referentiels/communes/"

    def test_sends_anonymous_visitors_to_the_login_page(self, client):
        response = client.get(COMMUNES_URL, {"q": "lens"})
        assert response.status_code == 302
        assert response.url.startswith(reverse(settings.LOGIN_URL))

    def test_an_expired_session_in_htmx_reloads_the_whole_page_to_login(self, client):
        response = client.get(COMMUNES_URL, {"q": "lens"}, headers=HTMX)
        assert response.headers["HX-Redirect"].startswith(reverse(settings.LOGIN_URL))

    def test_lists_the_results_in_a_table(self, counsellor_client, django_assert_num_queries):
        # Session, user, memberships (header), communes, session save (savepoint, update, release).
        with django_assert_num_queries(7):
            response = counsellor_client.get(COMMUNES_URL, {"q": "saint"})
        rows = response.context["rows"]
        assert len(rows) == 25
        assert response.content.decode().count("<tr>") == 26

    def test_adds_distances_from_the_chosen_commune(self, counsellor_client, django_assert_num_queries):
        # …plus the chosen commune for the form and its name for the widget.
        with django_assert_num_queries(9):
            response = counsellor_client.get(COMMUNES_URL, {"q": "62", "commune": "62498"})
        rows = response.context["rows"]
        assert len(rows) == 25
        arras = next(row for row in rows if row["commune"].code_insee == "62041")
        assert arras["distance"].km == pytest.approx(15.9, abs=0.1)
        lens = next(row for row in rows if row["commune"].code_insee == "62498")
        assert lens["distance"].km == 0.0

    def test_answers_htmx_with_the_options_only(self, counsellor_client, django_assert_num_queries):
        # Session, user, communes, session save.
        with django_assert_num_queries(6):
            response = counsellor_client.get(COMMUNES_URL, {"q": "62300"}, headers=HTMX)
        content = response.content.decode()
        assert "<html" not in content
        assert 'data-picker-value="62498"' in content
        assert "HX-Request" in response["Vary"]

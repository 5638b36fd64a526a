import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_every_page_forbids_inline_scripts_styles_and_framing(client, counsellor_client):
    for response in (client.get(reverse("accounts:login")), counsellor_client.get(reverse("core:home"))):
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "style-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_a_nul_character_in_a_query_or_a_form_is_refused_before_any_view(counsellor_client):
    assert counsellor_client.get("/personnes/", {"q": "Mar\x00tin"}).status_code == 400
    assert counsellor_client.post("/personnes/nouvelle/", {"first_name": "A\x00"}).status_code == 400
    assert counsellor_client.get("/personnes/", {"q": "Martin"}).status_code == 200

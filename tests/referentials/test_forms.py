import re

import pytest
from django import forms
from django.utils import translation

from chemin.referentials.forms import CommuneField, RomeJobField
from chemin.referentials.models import Commune, RomeJob


class WishForm(forms.Form):
    job = RomeJobField(label="Job wished")
    commune = CommuneField(label="Where", required=False)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.django_db
class TestRomeJobField:
    def test_accepts_a_code_in_any_case_with_spaces(self):
        form = WishForm({"job": "  d1505 "})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["job"] == RomeJob.objects.get(pk="D1505")

    def test_refuses_an_unknown_code_with_a_clear_message(self):
        form = WishForm({"job": "zz999"})
        assert not form.is_valid()
        assert form.errors["job"] == ["Unknown ROME code: ZZ999. Pick a job from the list."]

    def test_cuts_a_long_input_in_the_message(self):
        form = WishForm({"job": "x" * 500})
        assert not form.is_valid()
        assert form.errors["job"] == [f"Unknown ROME code: {'X' * 20}. Pick a job from the list."]

    def test_is_required_unless_told_otherwise(self):
        form = WishForm({"job": ""})
        assert not form.is_valid()
        assert form.errors["job"] == [forms.Field.default_error_messages["required"]]

    def test_works_on_a_foreign_key_of_a_model_form(self):
        class SectorJobForm(forms.ModelForm):
            class Meta:
                model = RomeJob.naf_sectors.through
                fields = ["romejob"]
                field_classes = {"romejob": RomeJobField}

        form = SectorJobForm({"romejob": "n1101"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["romejob"].code == "N1101"


@pytest.mark.django_db
class TestCommuneField:
    def test_accepts_an_insee_code_corsican_letters_included(self):
        form = WishForm({"job": "D1505", "commune": "2a004"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["commune"] == Commune.objects.get(pk="2A004")

    def test_refuses_an_unknown_code_with_a_clear_message(self):
        form = WishForm({"job": "D1505", "commune": "62000"})  # Arras's postal code, no INSEE code
        assert not form.is_valid()
        assert form.errors["commune"] == ["Unknown commune code: 62000. Pick a commune from the list."]

    def test_may_be_left_empty_when_optional(self):
        form = WishForm({"job": "D1505", "commune": ""})
        assert form.is_valid()
        assert form.cleaned_data["commune"] is None


@pytest.mark.django_db
class TestPickerWidget:
    def test_labels_the_search_box_with_the_field_label_and_the_code_input_with_its_own(self):
        html = WishForm().as_div()
        assert '<label for="id_job_search">Job wished' in html
        assert 'id="id_job_search"' in html
        assert '<label for="id_job">ROME code</label>' in html
        assert '<label for="id_commune">INSEE code</label>' in html

    def test_gives_every_part_its_own_id(self):
        html = WishForm().as_div()
        for suffix in ["", "_search", "_hint", "_results", "_chosen"]:
            assert html.count(f'id="id_job{suffix}"') == 1
            assert html.count(f'id="id_commune{suffix}"') == 1

    def test_asks_the_search_view_for_options_as_the_person_types(self):
        html = WishForm().as_div()
        assert 'hx-get="/referentiels/metiers/"' in html
        assert 'hx-get="/referentiels/communes/"' in html
        assert 'hx-trigger="input changed delay:250ms, search"' in html
        assert 'hx-target="#id_job_results"' in html
        assert 'id="id_job_results" class="picker__results" aria-live="polite"' in html

    def test_keeps_the_code_in_a_visible_text_input(self):
        html = WishForm({"job": "d1505"}).as_div()
        assert '<input type="text" name="job" value="d1505"' in html
        assert "data-picker-input" in html

    def test_names_the_chosen_job(self):
        html = WishForm({"job": "D1505"}).as_div()
        assert "D1505 — Hôte / Hôtesse de caisse</span>" in html

    def test_names_nothing_for_an_unknown_code(self):
        html = WishForm({"job": "ZZ999"}).as_div()
        assert ">nothing yet</span>" in html

    def test_links_the_code_input_to_the_chosen_line(self):
        html = WishForm().as_div()
        assert 'aria-describedby="id_job_chosen"' in html

    def test_uses_no_inline_script(self):
        html = WishForm().as_div()
        assert "<script" not in html
        assert not re.search(r"\son[a-z]+=", html)  # no onclick=, oninput=…

    def test_ids_follow_the_form_prefix(self):
        html = WishForm(prefix="second").as_div()
        assert 'id="id_second-job_search"' in html
        assert 'hx-target="#id_second-job_results"' in html

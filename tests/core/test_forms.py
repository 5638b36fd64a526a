import pytest
from django import forms

from chemin.core.forms import ModelMultipleChoiceField
from chemin.territories.models import Territory


class TerritoriesForm(forms.Form):
    territories = ModelMultipleChoiceField(queryset=Territory.objects.all())


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["99999999999999999999999", "-1180591620717411303424", "²", "x"])
def test_a_value_that_cannot_be_an_id_is_a_field_error_not_a_server_error(value, territory):
    form = TerritoriesForm({"territories": [str(territory.pk), value]})
    assert not form.is_valid()
    assert form.errors["territories"]


@pytest.mark.django_db
def test_real_ids_are_chosen(territory, other_territory):
    form = TerritoriesForm({"territories": [str(territory.pk), str(other_territory.pk)]})
    assert form.is_valid()
    assert set(form.cleaned_data["territories"]) == {territory, other_territory}

"""Form fields shared by the apps."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from chemin.core.http import is_id


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, refusing values that cannot be ids before it queries them: an ``__in``
    lookup with a number beyond the database's integers is a server error on SQLite."""

    def _check_values(self, value):
        if (self.to_field_name or "pk") == "pk":
            for pk in value:
                if not is_id(str(pk)):
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                    )
        return super()._check_values(value)

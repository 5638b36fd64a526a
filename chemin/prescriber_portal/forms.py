"""The prescriber's forms: a referral sent online, the answer to a request, the digest setting."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from chemin.documents.validators import ACCEPT, size_in_megabytes, validate_upload
from chemin.prescribers.models import Prescriber
from chemin.referrals.forms import DateInput, ReferralForm
from chemin.referrals.models import Referral
from chemin.referrals.services import MAX_ATTACHMENTS
from chemin.territories.models import Territory


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; ``clean`` gives the list (empty when none was chosen)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class PortalReferralForm(forms.ModelForm):
    """A referral as the prescriber sends it: the staff form's data, without the référent (the
    signed-in prescriber) nor the date (today); with the person's agreement and files."""

    attachments = MultipleFileField(
        label=_("Files (optional)"),
        required=False,
        # The validator says "This file is empty." in its own words.
        allow_empty_file=True,
    )
    person_agreed = forms.BooleanField(
        label=_(
            "The person agreed to be referred to Chemin faisant and to the information above being sent."
        ),
        error_messages={
            "required": _("Tick this box once the person has agreed: we cannot receive them otherwise.")
        },
    )

    class Meta:
        model = Referral
        fields = ["territory", "reason", "first_name", "last_name", "birth_date", "email", "phone"]
        labels = {
            "territory": _("Territory that will receive the person"),
            "reason": _("Why you refer the person, in your own words"),
            "first_name": _("Person’s first name"),
            "last_name": _("Person’s last name"),
            "birth_date": _("Person’s birth date"),
            "email": _("Person’s email"),
            "phone": _("Person’s phone"),
        }
        help_texts = {
            "reason": _("Their situation, what they want, what you already did together."),
            "phone": _("A phone number or an email, so we can invite the person to a first meeting."),
        }
        widgets = {
            "birth_date": DateInput(),
            "reason": forms.Textarea(attrs={"rows": 6}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }

    # The same checks as the staff form.
    clean_birth_date = ReferralForm.clean_birth_date
    clean_phone = ReferralForm.clean_phone

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = Territory.objects.filter(is_active=True).order_by("name")
        self.fields["territory"].error_messages["invalid_choice"] = _("Choose a territory in the list.")
        self.fields["attachments"].help_text = gettext(
            "Up to %(count)s files (a CV, a summary…): PDF, JPEG or PNG image, ODT or DOCX document; "
            "%(size)s MB at most each."
        ) % {"count": MAX_ATTACHMENTS, "size": size_in_megabytes(settings.DOCUMENT_MAX_BYTES)}

    def clean_attachments(self) -> list[UploadedFile]:
        files = self.cleaned_data["attachments"]
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(
                _("Send %(max)s files at most."), code="too_many", params={"max": MAX_ATTACHMENTS}
            )
        errors = []
        for file in files:
            try:
                validate_upload(file)
            except ValidationError as error:
                errors.extend(
                    ValidationError(
                        gettext("%(name)s: %(error)s") % {"name": file.name, "error": message},
                        code=error.code,
                    )
                    for message in error.messages
                )
        if errors:
            raise ValidationError(errors)
        return files

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "phone" in cleaned and "email" in cleaned and not cleaned["phone"] and not cleaned["email"]:
            self.add_error(
                "phone",
                ValidationError(_("Give a phone number or an email to reach the person."), code="no_contact"),
            )
        return cleaned


class DigestForm(forms.ModelForm):
    class Meta:
        model = Prescriber
        fields = ["digest_weekly"]
        labels = {"digest_weekly": _("Send me a weekly email of what changed for the people I referred")}
        help_texts = {"digest_weekly": _("Sent on Monday morning, only when something changed.")}

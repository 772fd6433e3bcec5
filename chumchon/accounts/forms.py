from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from chumchon.accounts.models import HANDLE_RE, Member, OrgUnit
from chumchon.blogs.forms import TagsField

AVATAR_MAX_BYTES = 2 * 1024 * 1024


class HandleField(forms.RegexField):
    """A handle as typed ("@SomChai" too), cleaned to lower case."""

    def to_python(self, value: Any) -> str:
        return super().to_python(value).strip().lstrip("@").lower()


class SignUpForm(forms.Form):
    handle = HandleField(
        label=_("Handle"),
        regex=HANDLE_RE,
        max_length=30,
        help_text=_("Your address: /@handle. Lower-case Latin letters, digits, '.', '_' or '-'."),
        error_messages={"invalid": _("Use lower-case Latin letters, digits, '.', '_' or '-'.")},
    )
    display_name = forms.CharField(label=_("Display name"), max_length=100)
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, help_text=_("For resetting your password.")
    )
    password = forms.CharField(
        label=_("Password"), strip=False, max_length=128, widget=forms.PasswordInput
    )

    def clean_handle(self) -> str:
        handle = self.cleaned_data["handle"]
        if Member.objects.filter(handle__iexact=handle).exists():
            raise forms.ValidationError(_("Someone already uses this handle."))
        return handle

    def clean_display_name(self) -> str:
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise forms.ValidationError(_("Please tell us your name."))
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("handle"):
            candidate = Member(handle=data["handle"], email=data.get("email", ""))
            try:
                password_validation.validate_password(data["password"], candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit: OrgUnit) -> str:  # type: ignore[override]
        return f"{unit.root} › {unit.name}" if unit.organisation_id else unit.name


class ProfileForm(forms.Form):
    display_name = forms.CharField(label=_("Display name"), max_length=100)
    bio = forms.CharField(
        label=_("About me"), max_length=2000, required=False, widget=forms.Textarea({"rows": 5})
    )
    unit = UnitChoiceField(
        label=_("Unit"),
        queryset=OrgUnit.objects.select_related("organisation").order_by("organisation", "name"),
        required=False,
        empty_label=_("(none)"),
    )
    tags = TagsField(help_text=_("What you know and work on, separated by commas."))
    calendar = forms.ChoiceField(label=_("Calendar for dates"), choices=Member.Calendar.choices)
    avatar = forms.ImageField(label=_("Picture"), required=False)

    @staticmethod
    def initial_for(member: Member) -> dict[str, Any]:
        return {
            "display_name": member.display_name,
            "bio": member.bio,
            "unit": member.unit_id,
            "tags": ", ".join(t.name for t in member.tags.all()),
            "calendar": member.calendar,
        }

    def clean_avatar(self) -> Any:
        avatar = self.cleaned_data.get("avatar")
        if avatar and avatar.size > AVATAR_MAX_BYTES:
            raise forms.ValidationError(_("The picture is too large: at most 2 MB."))
        return avatar

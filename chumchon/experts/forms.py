"""Forms of the expert finder."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chumchon.accounts.models import OrgUnit
from chumchon.core.models import TAG_MAX_LENGTH
from chumchon.experts.queries import QUERY_MAX, FinderFilters

_EXAMPLE = _("e.g. AAR, diabetes care, procurement")


class ExpertSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Who knows about…"), max_length=QUERY_MAX, required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _EXAMPLE}),
    )  # fmt: skip
    organisation = forms.ModelChoiceField(
        OrgUnit.objects.organisations(), label=_("Organisation"), required=False,
        empty_label=_("All organisations"),
    )  # fmt: skip
    unit = forms.ModelChoiceField(
        OrgUnit.objects.filter(parent__isnull=False).select_related("parent"),
        label=_("Unit"), required=False, empty_label=_("All units"),
    )  # fmt: skip
    outside = forms.BooleanField(label=_("Only people outside my unit"), required=False)

    def filters(self) -> FinderFilters:
        data = self.cleaned_data
        return FinderFilters(
            organisation=data.get("organisation"),
            unit=data.get("unit"),
            outside_my_unit=bool(data.get("outside")),
        )

    def query(self) -> str:
        return self.cleaned_data.get("q", "") if self.is_valid() else ""


class EndorseForm(forms.Form):
    tag = forms.CharField(label=_("Topic"), max_length=TAG_MAX_LENGTH)


class FinderPreferenceForm(forms.Form):
    hidden = forms.BooleanField(label=_("Hide me from the expert finder"), required=False)

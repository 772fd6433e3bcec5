"""Forms of the expert finder."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chumchon.accounts.models import OrgUnit
from chumchon.communities.models import Community
from chumchon.core.models import TAG_MAX_LENGTH
from chumchon.experts.queries import QUERY_MAX, FinderFilters

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from chumchon.accounts.models import Member

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
    community = forms.ModelChoiceField(
        Community.objects.none(), label=_("Community"), required=False,
        empty_label=_("All communities"), to_field_name="slug",
    )  # fmt: skip
    outside = forms.BooleanField(label=_("Only people outside my unit"), required=False)

    def __init__(self, *args: Any, viewer: Member | AnonymousUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["community"]
        field.queryset = Community.objects.readable_by(viewer).order_by("name")  # type: ignore[attr-defined]

    def filters(self) -> FinderFilters:
        data = self.cleaned_data
        return FinderFilters(
            organisation=data.get("organisation"),
            unit=data.get("unit"),
            community=data.get("community"),
            outside_my_unit=bool(data.get("outside")),
        )

    def query(self) -> str:
        return self.cleaned_data.get("q", "") if self.is_valid() else ""


class EndorseForm(forms.Form):
    tag = forms.CharField(label=_("Topic"), max_length=TAG_MAX_LENGTH)


class FinderPreferenceForm(forms.Form):
    hidden = forms.BooleanField(label=_("Hide me from the expert finder"), required=False)

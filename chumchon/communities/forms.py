"""Forms of the communities app; views pass their cleaned data to one service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from chumchon.accounts.models import OrgUnit
from chumchon.communities.models import NAME_MAX, TEXT_MAX, Community, Reach, Role
from chumchon.core.tags import tags_parse

ACTIVITY_CHOICES = [("", _("any time")), ("30", _("last 30 days")), ("90", _("last 90 days"))]


class TagsField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 1000)
        kwargs.setdefault("help_text", _("Separate tags with commas."))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> list[str]:  # type: ignore[override]
        return tags_parse(super().clean(value))


class CommunityForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=NAME_MAX)
    slug = forms.SlugField(label=_("address"), max_length=60, help_text=_("/c/address"))
    purpose = forms.CharField(
        label=_("purpose"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What does this community want to get better at?"),
    )  # fmt: skip
    goals = forms.CharField(
        label=_("goals"), max_length=TEXT_MAX, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
    tags = TagsField(label=_("tags"))
    home_unit = forms.ModelChoiceField(
        label=_("home organisation"), queryset=OrgUnit.objects.all(), required=False
    )
    reach = forms.ChoiceField(label=_("reach"), choices=Reach.choices)
    visibility = forms.ChoiceField(
        label=_("visibility"), choices=Community.Visibility.choices, widget=forms.RadioSelect
    )
    join_policy = forms.ChoiceField(
        label=_("who may join"), choices=Community.JoinPolicy.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["slug"]


class CommunityFilterForm(forms.Form):
    reach = forms.ChoiceField(
        label=_("reach"), choices=[("", _("any reach")), *Reach.choices], required=False
    )
    org = forms.ModelChoiceField(
        label=_("organisation"), queryset=OrgUnit.objects.organisations(), required=False,
        to_field_name="slug", empty_label=_("any organisation"),
    )  # fmt: skip
    tag = forms.CharField(label=_("tag"), max_length=64, required=False)
    active = forms.ChoiceField(label=_("activity"), choices=ACTIVITY_CHOICES, required=False)


class HandleForm(forms.Form):
    handle = forms.CharField(label=_("member's handle"), max_length=30)
    role = forms.ChoiceField(
        label=_("role"), choices=Role.choices, initial=Role.MEMBER, required=False
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("role"), choices=Role.choices)


class ShareForm(forms.Form):
    number = forms.IntegerField(label=_("post number"), min_value=1)
    members_only = forms.BooleanField(
        label=_("only members of this community may read it"), required=False
    )


class SessionForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("ends"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )  # fmt: skip
    place = forms.CharField(label=_("place"), max_length=300, required=False)
    online_url = forms.URLField(label=_("online link"), required=False, assume_scheme="https")
    agenda = forms.CharField(
        label=_("agenda"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _area(label: Any, max_length: int = TEXT_MAX) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=max_length, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SessionRecordForm(forms.Form):
    notes = _area(_("notes"), 20_000)
    participants = forms.ModelMultipleChoiceField(
        label=_("participants"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    outsider_count = forms.IntegerField(
        label=_("participants from outside"), min_value=0, initial=0
    )
    aar_expected = _area(_("what we expected"))
    aar_happened = _area(_("what happened"))
    aar_why = _area(_("why it differed"))
    aar_next = _area(_("what we will do next time"))
    linked_posts = forms.CharField(
        label=_("linked post numbers"), max_length=500, required=False,
        help_text=_("Separate numbers with commas."),
    )  # fmt: skip

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = members

    def clean_linked_posts(self) -> list[int]:
        raw = self.cleaned_data["linked_posts"].replace("#", "")
        try:
            return [int(n) for n in raw.replace(" ", ",").split(",") if n.strip()]
        except ValueError as exc:
            raise ValidationError(_("Post numbers are digits only.")) from exc


class AssetForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    summary = forms.CharField(
        label=_("summary"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    steps = forms.CharField(
        label=_("practice steps (Markdown)"), max_length=20_000, required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )  # fmt: skip
    tags = TagsField(label=_("tags"))


class HarvestForm(AssetForm):
    comments = forms.ModelMultipleChoiceField(
        label=_("comments to cite"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    publish = forms.BooleanField(label=_("publish now (facilitators)"), required=False)

    def __init__(self, *args: Any, comments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["comments"].queryset = comments
        self.fields["comments"].label_from_instance = lambda c: f"{c.name}: {c.body[:80]}"


class NetworkForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=NAME_MAX)
    slug = forms.SlugField(label=_("address"), max_length=60, help_text=_("/n/address"))
    description = forms.CharField(
        label=_("description"), max_length=TEXT_MAX, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
    hub = forms.ModelChoiceField(label=_("hub community"), queryset=None)

    def __init__(self, *args: Any, hubs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = hubs


class NetworkJoinForm(forms.Form):
    community = forms.ModelChoiceField(label=_("community"), queryset=None, to_field_name="slug")

    def __init__(self, *args: Any, communities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = communities

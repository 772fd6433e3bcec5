from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chumchon.comments.models import COMMENT_MAX, Comment


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"), max_length=COMMENT_MAX, widget=forms.Textarea({"rows": 5})
    )
    guest_name = forms.CharField(label=_("Your name"), max_length=100)
    guest_email = forms.EmailField(
        label=_("E-mail (optional, never shown)"), required=False, max_length=254
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, member: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if getattr(member, "is_authenticated", False):
            del self.fields["guest_name"]
            del self.fields["guest_email"]

    def clean_parent(self) -> int | None:
        return self.cleaned_data.get("parent") or None

    def replying_to(self, comments: Any) -> Comment | None:
        """The comment answered, on the same post; a reply to a reply joins its thread."""
        number = self.cleaned_data.get("parent")
        parent = comments.filter(pk=number).first() if number else None
        if parent is not None and parent.parent_id:
            return parent.parent
        return parent


class FlagForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong?"), max_length=500, widget=forms.Textarea({"rows": 3})
    )

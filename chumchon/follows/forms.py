from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chumchon.follows.models import Message


class MessageForm(forms.Form):
    subject = forms.CharField(
        label=_("Subject"), max_length=Message._meta.get_field("subject").max_length
    )
    body = forms.CharField(
        label=_("Message"),
        max_length=Message._meta.get_field("body").max_length,
        widget=forms.Textarea({"rows": 8}),
    )

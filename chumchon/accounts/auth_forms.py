"""Django's own sign-in form, labelled for chumchon's handles."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class SignInForm(AuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Handle")
        self.fields["username"].help_text = _("The name after @ in your address.")

    def clean_username(self) -> str:
        return (self.cleaned_data.get("username") or "").strip().lstrip("@").lower()

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chumchon.accounts.models import Member
from chumchon.blogs.models import Blog
from chumchon.interop.models import AccessToken

MAX_IMPORT_BYTES = 200 * 1024 * 1024


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("What is it for?"), max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. my publishing script")}),
    )  # fmt: skip
    scope = forms.ChoiceField(
        label=_("It may"), choices=AccessToken.Scope.choices, initial=AccessToken.Scope.READ,
        widget=forms.RadioSelect,
    )  # fmt: skip


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Export file (WordPress WXR or Blogger Atom, .xml)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,application/xml,text/xml"}),
    )
    blog = forms.ModelChoiceField(queryset=Blog.objects.none(), label=_("Into my blog"))

    def __init__(self, *args: object, member: Member, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["blog"].queryset = Blog.objects.owned_by(member)  # type: ignore[attr-defined]

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 200 MB."))
        return upload

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chumchon.blogs.models import BODY_MAX, TITLE_MAX, Blog, Licence, Post
from chumchon.core.tags import tags_parse

TAGS_HELP = _("Separate tags with commas, e.g. การจัดการความรู้, AAR")


class TagsField(forms.CharField):
    """Comma-separated tags, cleaned to a list of names."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 2000)
        kwargs.setdefault("label", _("Tags"))
        kwargs.setdefault("help_text", TAGS_HELP)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> list[str]:  # type: ignore[override]
        return tags_parse(super().clean(value))


class BlogForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    slug = forms.SlugField(
        label=_("Address"),
        max_length=60,
        help_text=_("Latin letters, digits and '-': your blog lives at /@handle/address"),
    )
    description = forms.CharField(
        label=_("Description"), max_length=2000, required=False, widget=forms.Textarea({"rows": 3})
    )
    tags = TagsField()
    allow_guest_comments = forms.BooleanField(
        label=_("Publish guests' comments without review"), required=False
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["slug"]

    @staticmethod
    def initial_for(blog: Blog) -> dict[str, Any]:
        return {
            "title": blog.title,
            "description": blog.description,
            "tags": ", ".join(t.name for t in blog.tags.all()),
            "allow_guest_comments": blog.allow_guest_comments,
        }


class PostForm(forms.Form):
    blog = forms.ModelChoiceField(queryset=Blog.objects.none(), label=_("Blog"), empty_label=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=Post.Kind.choices, initial=Post.Kind.ARTICLE)
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        required=False,
        help_text=_("A journal entry may go without a title."),
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=BODY_MAX,
        widget=forms.Textarea({"rows": 14}),
        help_text=_("Markdown: **bold**, *italic*, # heading, - list, [link](https://…)"),
    )
    tags = TagsField()
    licence = forms.ChoiceField(
        label=_("Licence"), choices=Licence.choices, initial=Licence.CC_BY_NC_SA
    )

    def __init__(self, *args: Any, member: Any, post: Post | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if post is None:
            self.fields["blog"].queryset = Blog.objects.owned_by(member)
        else:
            del self.fields["blog"]

    @staticmethod
    def initial_for(post: Post) -> dict[str, Any]:
        return {
            "kind": post.kind,
            "title": post.title,
            "body": post.body,
            "tags": ", ".join(t.name for t in post.tags.all()),
            "licence": post.licence,
        }

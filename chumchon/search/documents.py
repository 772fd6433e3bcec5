"""The document types this app registers itself: posts (with their comments) and people."""

from __future__ import annotations

import functools
import html
import re
from collections import defaultdict
from collections.abc import Hashable
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import get_script_prefix
from django.utils.translation import gettext_lazy as _

from chumchon.core.thai import BE_OFFSET
from chumchon.search.registry import DocumentType, Facet, Fields, register

_TAG = re.compile(r"<[^>]*>")


def plain_text(rendered_html: str) -> str:
    """Text of our own sanitised HTML (nh3 leaves no comments or scripts to trip on);
    a regular expression is many times faster than Django's strip_tags here."""
    return html.unescape(_TAG.sub("", rendered_html))


# ---- posts ------------------------------------------------------------------------------


def _post_kind_label(value: str) -> str:
    from chumchon.blogs.models import Post

    return str(Post.Kind(value).label) if value in Post.Kind.values else value


def _year_filter(value: str) -> dict[str, Any]:
    """The year parameter is Buddhist Era, as readers see it."""
    return {"published_at__year": int(value) - BE_OFFSET} if value.isdigit() else {"pk__in": []}


POST_FACETS = (
    Facet("tag", _("Tag"), "tags__name"),
    Facet("author", _("Author"), "author__handle", "author__display_name"),
    Facet("unit", _("Unit"), "author__unit__slug", "author__unit__name"),
    Facet("kind", _("Kind"), "kind", to_display=_post_kind_label),
    Facet(
        "year", _("Year (B.E.)"), "published_at__year", to_filter=_year_filter,
        to_display=lambda y: str(y + BE_OFFSET) if y else "",
    ),
)  # fmt: skip


def viewer_key(user: Any) -> tuple[bool, Any, bool]:
    """What the visible_to of posts, people, communities and assets reads of a viewer:
    signed in or not, who, staff or not."""
    signed_in = bool(getattr(user, "is_authenticated", False))
    return signed_in, getattr(user, "pk", None) if signed_in else None, _is_staff(user)


def _is_staff(user: Any) -> bool:
    return bool(getattr(user, "is_staff", False))


def _posts_viewer_key(user: Any) -> Hashable:
    """`viewer_key`, and the audiences other apps add to posts (`Post.visibility_filters`,
    each a function of the viewer's `viewer_key` only)."""
    from chumchon.blogs.models import Post

    return viewer_key(user), tuple(Post.visibility_filters)


def _posts_visible(user: Any) -> QuerySet:
    from chumchon.blogs.models import Post

    return Post.objects.visible_to(user)


def _posts_indexable() -> QuerySet:
    from chumchon.blogs.models import Post
    from chumchon.comments.models import Comment

    # Only visible comments feed the index: held and removed ones never reach a snippet.
    comments = Comment.objects.visible().only("id", "post_id", "body").order_by("id")
    return (
        Post.objects.exclude(status=Post.Status.REMOVED)
        .only("id", "title", "body", "kind")
        .prefetch_related("tags", Prefetch("comments", queryset=comments))
    )


def _post_fields(post: Any) -> Fields:
    return Fields(
        title=post.title,
        tags=[t.name for t in post.tags.all()],
        body=post.body,
        context="\n".join(c.body for c in post.comments.all()),
    )


def _post_fields_after(last: int, count: int) -> list[tuple[int, Fields]]:
    """`_post_fields` of the next `count` indexable posts, in three plain queries."""
    from chumchon.blogs.models import Post
    from chumchon.comments.models import Comment

    posts = list(
        Post.objects.exclude(status=Post.Status.REMOVED)
        .filter(pk__gt=last)
        .order_by("pk")
        .values_list("pk", "title", "body")[:count]
    )
    if not posts:
        return []
    span = (posts[0][0], posts[-1][0])
    tags: dict[int, list[str]] = defaultdict(list)
    tagged = Post.tags.through.objects.filter(post_id__gte=span[0], post_id__lte=span[1])
    for pk, name in tagged.order_by("tag__name").values_list("post_id", "tag__name"):
        tags[pk].append(name)
    said: dict[int, list[str]] = defaultdict(list)
    comments = Comment.objects.visible().filter(post_id__gte=span[0], post_id__lte=span[1])
    for pk, body in comments.order_by("id").values_list("post_id", "body"):
        said[pk].append(body)
    return [
        (pk, Fields(title=title, tags=tags[pk], body=body, context="\n".join(said[pk])))
        for pk, title, body in posts
    ]


_NUMBER = 987_654_321


@functools.lru_cache(maxsize=16)
def _post_url_pattern(_script_prefix: str) -> str:
    from django.urls import reverse

    return reverse("blogs:post-detail", args=[_NUMBER]).replace(str(_NUMBER), "{}")


def post_url(number: int) -> str:
    """`post.get_absolute_url()` without resolving the URL again for every result."""
    return _post_url_pattern(get_script_prefix()).format(number)


def _post_result(post: Any) -> dict[str, Any]:
    return {
        "number": post.number,
        "title": post.display_title,
        "url": post_url(post.number),
        "object": post,
    }


def _post_comments_text(pks: list[int], user: Any) -> dict[int, str]:
    """The published comments on these posts, oldest first, per post: what anyone who
    may read a post reads below it (`Comment.objects.visible_to`), the posts being
    results the viewer may see. Not through `visible_to` itself, whose check of the
    posts SQLite plans as a scan of every comment (9 s at a million posts)."""
    from chumchon.comments.models import Comment

    said: dict[int, list[str]] = defaultdict(list)
    comments = Comment.objects.visible().filter(post_id__in=pks).order_by("id")
    for pk, body in comments.values_list("post_id", "body"):
        said[pk].append(body)
    return {pk: "\n".join(bodies) for pk, bodies in said.items()}


def _posts_for_list(qs: QuerySet) -> QuerySet:
    return qs.select_related("author", "author__unit", "blog").prefetch_related("tags")


# ---- people -------------------------------------------------------------------------------

PEOPLE_FACETS = (
    Facet("unit", _("Unit"), "unit__slug", "unit__name"),
    Facet("tag", _("Tag"), "tags__name"),
)


def _people_visible(user: Any) -> QuerySet:
    from chumchon.accounts.models import Member

    return Member.objects.visible_to(user)


def _people_indexable() -> QuerySet:
    from chumchon.accounts.models import Member

    return (
        Member.objects.active()
        .select_related("unit", "unit__parent")
        .prefetch_related("tags")
        .only("id", "handle", "display_name", "bio", "unit")
    )


def _person_fields(member: Any) -> Fields:
    unit = member.unit
    names = [unit.name, unit.short_name, str(unit.parent or "")] if unit else []
    context = " ".join(n for n in names if n)
    return Fields(
        title=f"{member.display_name} {member.handle}",
        tags=[t.name for t in member.tags.all()],
        body=member.bio,
        context=context,
    )


def _person_result(member: Any) -> dict[str, Any]:
    return {
        "slug": member.handle,
        "title": member.display_name or member.handle,
        "url": member.get_absolute_url(),
        "object": member,
    }


def register_builtin_types() -> None:
    from chumchon.accounts.models import Member
    from chumchon.blogs.models import Post

    register(
        DocumentType(
            name="posts", code=1, label=_("Posts"), model=Post,
            visible=_posts_visible, indexable=_posts_indexable, fields=_post_fields,
            result=_post_result, snippet_text=lambda p: plain_text(p.body_html),
            facets=POST_FACETS, list_related=_posts_for_list,
            fields_after=_post_fields_after,
            more_text=_post_comments_text, more_text_label=_("In the comments"),
            viewer_key=_posts_viewer_key,
            # number and title for the result (an untitled post shows its body's first
            # words), body_html for the snippet
            page_fields=("number", "title", "body", "body_html"),
        )
    )  # fmt: skip
    register(
        DocumentType(
            name="people", code=2, label=_("People"), model=Member,
            visible=_people_visible, indexable=_people_indexable, fields=_person_fields,
            result=_person_result, snippet_text=lambda m: m.bio,
            facets=PEOPLE_FACETS,
            list_related=lambda qs: qs.select_related("unit").prefetch_related("tags"),
            viewer_key=_is_staff, page_fields=("handle", "display_name", "bio"),
        )
    )  # fmt: skip

"""Small helpers for the expert finder's tests: fixed relevance and quick writers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chumchon.accounts.models import Member
from chumchon.blogs.models import Blog, Post
from chumchon.blogs.services import blog_create, post_create
from chumchon.comments.models import Comment
from chumchon.experts.relevance import Hit


def fixed_source(scores: dict[Post | Comment, float]) -> Callable[..., list[Hit]]:
    """A relevance source that returns exactly these documents with these scores."""

    def source(query: str, *, viewer: Any, limit: int) -> list[Hit]:
        hits = [
            Hit("post" if isinstance(doc, Post) else "comment", doc.pk, score, f"…{query}…")
            for doc, score in scores.items()
        ]
        return sorted(hits, key=lambda h: -h.score)[:limit]

    return source


def blog_of(member: Member) -> Blog:
    return Blog.objects.filter(owner=member).first() or blog_create(
        owner=member, slug="notes", title=f"บันทึกของ {member}"
    )


def write(member: Member, title: str, body: str = "", **kwargs: Any) -> Post:
    return post_create(
        blog=blog_of(member), author=member, title=title, body=body or title, **kwargs
    )

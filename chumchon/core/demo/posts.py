"""Demo step: posts as first written, their later edits, and their readers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from chumchon.blogs.models import Post
from chumchon.blogs.services import post_create, post_read, post_update
from chumchon.core.demo.context import DemoContext
from chumchon.core.demo.data import PostSpec


def size(ctx: DemoContext) -> int:
    return len(ctx.data.posts)


def is_loaded(ctx: DemoContext) -> bool:
    return ctx.find_post(ctx.data.posts[0]) is not None


def readers(ctx: DemoContext, spec: PostSpec) -> int:
    """How many people read a post: older, liked and discussed posts were read more.

    Each read goes through post_read like a real visit, so the numbers stay modest.
    """
    rng = ctx.rng("reads", spec.key)
    age = min(spec.days_ago, 720) / 720
    return 3 + int(8 * age) + spec.flowers + len(spec.comments) + rng.randint(0, 6)


def load(ctx: DemoContext, advance: Callable[[], object]) -> None:
    for spec in ctx.data.posts:
        blog = ctx.blog(spec.by, spec.blog)
        written_at = ctx.written_at(spec)
        post = post_create(
            blog=blog, author=blog.owner, title=spec.title, body=spec.body_first,
            kind=spec.kind, tags=list(spec.tags), licence=spec.licence or None,
            publish=not spec.draft, written_at=written_at,
        )  # fmt: skip
        if spec.is_edited:
            post = post_update(
                post=post, editor=blog.owner, title=spec.title, body=spec.body,
                kind=spec.kind, tags=list(spec.tags), licence=post.licence,
                edited_at=ctx.past(written_at + dt.timedelta(days=spec.edited_days_after)),
            )  # fmt: skip
        if post.status == Post.Status.PUBLISHED:
            for i in range(readers(ctx, spec)):
                post_read(post=post, visitor=f"gdemo{i:04d}")
        ctx.remember_post(spec, post)
        advance()

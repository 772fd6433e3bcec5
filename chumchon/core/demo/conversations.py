"""Demo step: comments (members' and guests'), moderation, accepted answers, flags, flowers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from chumchon.blogs.models import Post
from chumchon.comments.models import Comment, Flower
from chumchon.comments.services import (
    comment_accept,
    comment_approve,
    comment_create,
    flag_create,
    flower_give,
)
from chumchon.core.demo.context import DemoContext
from chumchon.core.demo.data import CommentSpec, PostSpec


def _published(ctx: DemoContext) -> list[PostSpec]:
    return [p for p in ctx.data.posts if not p.draft]


def size(ctx: DemoContext) -> int:
    return len(_published(ctx))


def is_loaded(ctx: DemoContext) -> bool:
    demo_posts = Post.objects.filter(author__handle__in=ctx.handles)
    return (
        Comment.objects.filter(post__in=demo_posts).exists()
        or Flower.objects.filter(post__in=demo_posts).exists()
    )


def _comment(ctx: DemoContext, post: Post, spec: CommentSpec, made: list[Comment]) -> Comment:
    comment = comment_create(
        post=post, body=spec.text, author=ctx.member(spec.by) if spec.by else None,
        guest_name=spec.guest, guest_email=spec.email, ip=spec.ip or None,
        parent=made[spec.reply_to - 1] if spec.reply_to else None,
        created_at=ctx.past(post.written_at + dt.timedelta(hours=spec.hours)),
    )  # fmt: skip
    if spec.approved and comment.status == Comment.Status.PENDING:
        comment = comment_approve(comment=comment, member=post.blog.owner)
    if spec.accepted:
        comment = comment_accept(comment=comment, member=post.author)
    if spec.flag_by:
        flag_create(reporter=ctx.member(spec.flag_by), reason=spec.flag_reason, comment=comment)
    return comment


def _flowers(ctx: DemoContext, post: Post, spec: PostSpec) -> None:
    givers = [h for h in ctx.handles if h not in (spec.by, "admin")]
    for handle in ctx.rng("flowers", spec.key).sample(givers, k=min(spec.flowers, len(givers))):
        flower_give(post=post, member=ctx.member(handle))


def load(ctx: DemoContext, advance: Callable[[], object]) -> None:
    for spec in _published(ctx):
        post = ctx.post(spec.key)
        made: list[Comment] = []
        for comment in spec.comments:
            made.append(_comment(ctx, post, comment, made))
        _flowers(ctx, post, spec)
        advance()

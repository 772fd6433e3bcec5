"""What notifications follow a domain write; called from chumchon/core/effects.py."""

from __future__ import annotations

import re

from chumchon.accounts.models import Member
from chumchon.blogs.models import Post
from chumchon.comments.models import Comment, Flower
from chumchon.follows.models import Follow
from chumchon.notifications.models import Notification
from chumchon.notifications.services import notification_create, notifications_are_muted

Kind = Notification.Kind
_MENTION = re.compile(r"(?<![\w@/.])@([a-z0-9](?:[a-z0-9_.-]{0,28}[a-z0-9])?)", re.ASCII)


def mentioned(text: str) -> list[str]:
    return list(dict.fromkeys(_MENTION.findall(text or "")))


def _mention(*, text: str, post: Post, actor: Member, url: str, key: str, skip: set[int]) -> None:
    for member in Member.objects.active().filter(handle__in=mentioned(text)[:20]):
        if member.pk in skip or not Post.objects.visible_to(member).filter(pk=post.pk).exists():
            continue
        notification_create(
            recipient=member, kind=Kind.MENTION, url=url, key=key, actor=actor, post=post
        )


def comment_changed(comment_id: int) -> None:
    if notifications_are_muted():
        return
    comment = (
        Comment.objects.select_related("post", "author", "parent__author")
        .filter(pk=comment_id, status=Comment.Status.VISIBLE, post__status=Post.Status.PUBLISHED)
        .first()
    )
    if comment is None:
        return
    post, url = comment.post, comment.get_absolute_url()
    about = {"actor": comment.author, "actor_name": comment.guest_name, "post": post}
    notified = {comment.author_id}
    parent_author = comment.parent.author if comment.parent_id and comment.parent else None
    if parent_author is not None and parent_author.pk not in notified:
        notification_create(
            recipient=parent_author, kind=Kind.REPLY, url=url, key=f"comment:{comment.pk}",
            comment=comment, **about,
        )  # fmt: skip
        notified.add(parent_author.pk)
    if post.author_id not in notified:
        notification_create(
            recipient=post.author, kind=Kind.COMMENT, url=url, key=f"comment:{comment.pk}",
            comment=comment, **about,
        )  # fmt: skip
        notified.add(post.author_id)
    if comment.author is not None:
        _mention(
            text=comment.body, post=post, actor=comment.author, url=url,
            key=f"comment:{comment.pk}", skip=notified,
        )  # fmt: skip
    if comment.is_accepted and comment.author is not None:
        notification_create(
            recipient=comment.author, kind=Kind.ACCEPTED, url=url, key=f"comment:{comment.pk}",
            actor=post.author, post=post, comment=comment,
        )  # fmt: skip


def post_changed(post_id: int) -> None:
    if notifications_are_muted():
        return
    post = Post.objects.published().select_related("author").filter(pk=post_id).first()
    if post is not None:
        _mention(
            text=post.body, post=post, actor=post.author, url=post.get_absolute_url(),
            key=f"post:{post.pk}", skip={post.author_id},
        )  # fmt: skip


def flower_given(flower_id: int) -> None:
    if notifications_are_muted():
        return
    flower = Flower.objects.select_related("post__author", "member").filter(pk=flower_id).first()
    if flower is not None:
        notification_create(
            recipient=flower.post.author, kind=Kind.FLOWER, url=flower.post.get_absolute_url(),
            key=f"flower:{flower.pk}", actor=flower.member, post=flower.post,
        )  # fmt: skip


def follow_created(follow_id: int) -> None:
    if notifications_are_muted():
        return
    follow = (
        Follow.objects.select_related("follower", "member", "blog__owner")
        .filter(pk=follow_id)
        .first()
    )
    if follow is None:
        return
    recipient = follow.member or (follow.blog.owner if follow.blog else None)
    if recipient is not None:
        notification_create(
            recipient=recipient, kind=Kind.FOLLOWER, url=follow.follower.get_absolute_url(),
            key=f"follow:{follow.pk}", actor=follow.follower,
            text=follow.blog.title if follow.blog else "",
        )  # fmt: skip

"""Writes for comments, flowers and flags."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from chumchon.accounts.models import Member
from chumchon.blogs.models import Post
from chumchon.comments.models import Comment, Flag, Flower
from chumchon.core.html import render_markdown


def _refresh_comment_stats(post_id: int) -> None:
    stats = Comment.objects.filter(post_id=post_id, status=Comment.Status.VISIBLE).aggregate(
        n=Count("id"), last=Max("created_at")
    )
    Post.objects.filter(pk=post_id).update(
        comment_count=stats["n"], last_commented_at=stats["last"]
    )


def _after_comment_write(comment_id: int) -> None:
    from chumchon.core.effects import comment_changed

    comment_changed(comment_id)


@transaction.atomic
def comment_create(
    *,
    post: Post,
    body: str,
    author: Member | None = None,
    guest_name: str = "",
    guest_email: str = "",
    ip: str | None = None,
    parent: Comment | None = None,
    created_at: object | None = None,
) -> Comment:
    """A member's comment shows at once; a guest's waits unless the blog owner allows it."""
    if not post.is_published:
        raise ValidationError(_("This post is not open for comments."))
    if not body.strip():
        raise ValidationError({"body": _("Please write a comment.")})
    if author is None and not guest_name.strip():
        raise ValidationError({"guest_name": _("Please tell us your name.")})
    if parent is not None and parent.post_id != post.pk:
        raise ValidationError(_("You can only reply to a comment on the same post."))
    held = author is None and not post.blog.allow_guest_comments
    comment = Comment(
        post=post, parent=parent, author=author,
        guest_name="" if author else guest_name.strip(),
        guest_email="" if author else guest_email.strip(),
        ip=ip or None, body=body, body_html=render_markdown(body),
        status=Comment.Status.PENDING if held else Comment.Status.VISIBLE,
        created_at=created_at or timezone.now(),
    )  # fmt: skip
    comment.full_clean()
    comment.save()
    _refresh_comment_stats(post.pk)
    transaction.on_commit(lambda: _after_comment_write(comment.pk))
    return comment


def _check_moderator(comment: Comment, member: Member) -> None:
    if comment.post.blog.owner_id != member.pk and not member.is_staff:
        raise PermissionDenied(_("Only the blog owner can review its comments."))


@transaction.atomic
def comment_approve(*, comment: Comment, member: Member) -> Comment:
    _check_moderator(comment, member)
    comment.status = Comment.Status.VISIBLE
    comment.save(update_fields=["status"])
    _refresh_comment_stats(comment.post_id)
    transaction.on_commit(lambda: _after_comment_write(comment.pk))
    return comment


@transaction.atomic
def comment_remove(*, comment: Comment, member: Member) -> Comment:
    if comment.author_id != member.pk:
        _check_moderator(comment, member)
    comment.status = Comment.Status.REMOVED
    comment.is_accepted = False
    comment.save(update_fields=["status", "is_accepted"])
    _refresh_comment_stats(comment.post_id)
    transaction.on_commit(lambda: _after_comment_write(comment.pk))
    return comment


@transaction.atomic
def comment_accept(*, comment: Comment, member: Member) -> Comment:
    """The asker marks one answer to their question as accepted (replacing any other)."""
    post = comment.post
    if post.kind != Post.Kind.QUESTION:
        raise ValidationError(_("Only a question has an accepted answer."))
    if post.author_id != member.pk:
        raise PermissionDenied(_("Only the person who asked can accept an answer."))
    if comment.status != Comment.Status.VISIBLE:
        raise ValidationError(_("Only a published comment can be accepted."))
    Comment.objects.filter(post=post, is_accepted=True).update(is_accepted=False)
    comment.is_accepted = True
    comment.save(update_fields=["is_accepted"])
    transaction.on_commit(lambda: _after_comment_write(comment.pk))
    return comment


def _after_flower(flower_id: int) -> None:
    from chumchon.core.effects import flower_given

    flower_given(flower_id)


def flower_give(*, post: Post, member: Member) -> bool:
    """Give the post one flower; False if this member already gave one."""
    if post.author_id == member.pk:
        raise ValidationError(_("You cannot give a flower to your own post."))
    try:
        with transaction.atomic():
            flower = Flower.objects.create(post=post, member=member)
            Post.objects.filter(pk=post.pk).update(flower_count=F("flower_count") + 1)
    except IntegrityError:
        return False
    transaction.on_commit(lambda: _after_flower(flower.pk))
    return True


@transaction.atomic
def flower_withdraw(*, post: Post, member: Member) -> bool:
    deleted, _n = Flower.objects.filter(post=post, member=member).delete()
    if deleted:
        Post.objects.filter(pk=post.pk, flower_count__gt=0).update(
            flower_count=F("flower_count") - 1
        )
    return bool(deleted)


@transaction.atomic
def flag_create(
    *, reporter: Member, reason: str, post: Post | None = None, comment: Comment | None = None
) -> Flag:
    if not reason.strip():
        raise ValidationError({"reason": _("Please say what is wrong.")})
    open_flags = Flag.objects.open().filter(reporter=reporter)
    if open_flags.filter(Q(post=post) if post else Q(comment=comment)).exists():
        raise ValidationError(_("You have already flagged this; a moderator will look at it."))
    flag = Flag(reporter=reporter, reason=reason.strip(), post=post, comment=comment)
    flag.full_clean()
    flag.save()
    return flag


@transaction.atomic
def flag_resolve(*, flag: Flag, moderator: Member, remove: bool) -> Flag:
    if not moderator.is_staff:
        raise PermissionDenied(_("Only staff can review flags."))
    if remove:
        if flag.comment_id:
            comment_remove(comment=flag.comment, member=moderator)
        elif flag.post_id:
            from chumchon.blogs.services import post_remove

            post_remove(post=flag.post, member=moderator)
    flag.status = Flag.Status.REMOVED if remove else Flag.Status.KEPT
    flag.resolved_by = moderator
    flag.save(update_fields=["status", "resolved_by"])
    return flag

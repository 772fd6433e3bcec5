"""Writes for blogs and posts. Nothing else saves a Blog or a Post."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from chumchon.accounts.models import Member
from chumchon.blogs.models import JOURNAL_MAX, Blog, Post, PostRead, PostRevision
from chumchon.core.html import render_markdown
from chumchon.core.models import counter_next
from chumchon.core.tags import tags_ensure, tags_text

POST_COUNTER = "post"


# ---- blogs ------------------------------------------------------------------------


@transaction.atomic
def blog_create(
    *,
    owner: Member,
    slug: str,
    title: str,
    description: str = "",
    tags: list[str] | None = None,
    allow_guest_comments: bool = False,
) -> Blog:
    if Blog.objects.filter(owner=owner, slug=slug).exists():
        raise ValidationError({"slug": _("You already have a blog at this address.")})
    blog = Blog(
        owner=owner, slug=slug, title=title, description=description,
        allow_guest_comments=allow_guest_comments,
    )  # fmt: skip
    blog.full_clean()
    blog.save()
    blog.tags.set(tags_ensure(tags or []))
    return blog


@transaction.atomic
def blog_update(
    *,
    blog: Blog,
    title: str,
    description: str,
    tags: list[str],
    allow_guest_comments: bool,
) -> Blog:
    blog.title = title
    blog.description = description
    blog.allow_guest_comments = allow_guest_comments
    blog.full_clean()
    blog.save()
    blog.tags.set(tags_ensure(tags))
    return blog


# ---- posts ------------------------------------------------------------------------


def _validate_post(post: Post) -> None:
    errors: dict[str, str] = {}
    if post.kind != Post.Kind.JOURNAL and not post.title.strip():
        errors["title"] = _("Please give the post a title.")
    if post.kind == Post.Kind.JOURNAL and len(post.body) > JOURNAL_MAX:
        errors["body"] = _("A journal entry is short: at most %(max)d characters.") % {
            "max": JOURNAL_MAX
        }
    if not post.body.strip():
        errors["body"] = _("Please write something.")
    if errors:
        raise ValidationError(errors)


def _after_post_write(post_id: int) -> None:
    """Side effects of any post write, run once the transaction has committed."""
    from chumchon.core.effects import post_changed

    post_changed(post_id)


@transaction.atomic
def post_create(
    *,
    blog: Blog,
    author: Member,
    title: str,
    body: str,
    kind: str = Post.Kind.ARTICLE,
    tags: list[str] | None = None,
    licence: str | None = None,
    publish: bool = True,
    written_at: dt.datetime | None = None,
) -> Post:
    if blog.owner_id != author.pk:
        raise PermissionDenied(_("You can only write in your own blog."))
    now = timezone.now()
    post = Post(
        blog=blog, author=author, title=title.strip(), body=body, kind=kind,
        written_at=written_at or now,
        status=Post.Status.PUBLISHED if publish else Post.Status.DRAFT,
    )  # fmt: skip
    if licence:
        post.licence = licence
    if publish:
        post.published_at = written_at or now
    _validate_post(post)
    post.body_html = render_markdown(body)
    post.number = 0  # placeholder so full_clean passes; the real number is taken below
    post.full_clean()
    post.number = counter_next(name=POST_COUNTER)
    post.save()
    post.tags.set(tags_ensure(tags or []))
    PostRevision.objects.create(
        post=post, title=post.title, body=post.body, tags_text=", ".join(tags or []),
        edited_by=author, created_at=post.written_at,
    )  # fmt: skip
    transaction.on_commit(lambda: _after_post_write(post.pk))
    return post


@transaction.atomic
def post_update(
    *,
    post: Post,
    editor: Member,
    title: str,
    body: str,
    kind: str,
    tags: list[str],
    licence: str,
    publish: bool = False,
) -> Post:
    """Edit a post (kept as a revision); `publish` also publishes a draft."""
    if post.author_id != editor.pk and not editor.is_staff:
        raise PermissionDenied(_("Only the author can edit this post."))
    post.title = title.strip()
    post.body = body
    post.kind = kind
    post.licence = licence
    if publish and post.status == Post.Status.DRAFT:
        post.status = Post.Status.PUBLISHED
        post.published_at = timezone.now()
    _validate_post(post)
    post.body_html = render_markdown(body)
    post.edited_at = timezone.now()
    post.full_clean()
    post.save()
    post.tags.set(tags_ensure(tags))
    PostRevision.objects.create(
        post=post, title=post.title, body=post.body, tags_text=tags_text(post.tags.all()),
        edited_by=editor, created_at=post.edited_at,
    )  # fmt: skip
    transaction.on_commit(lambda: _after_post_write(post.pk))
    return post


@transaction.atomic
def post_publish(*, post: Post, member: Member) -> Post:
    if post.author_id != member.pk:
        raise PermissionDenied(_("Only the author can publish this post."))
    if post.status != Post.Status.PUBLISHED:
        post.status = Post.Status.PUBLISHED
        post.published_at = timezone.now()
        post.save(update_fields=["status", "published_at"])
        transaction.on_commit(lambda: _after_post_write(post.pk))
    return post


@transaction.atomic
def post_remove(*, post: Post, member: Member) -> Post:
    """Take a post down; its number stays taken for ever."""
    if post.author_id != member.pk and not member.is_staff:
        raise PermissionDenied(_("You cannot remove this post."))
    post.status = Post.Status.REMOVED
    post.save(update_fields=["status"])
    transaction.on_commit(lambda: _after_post_write(post.pk))
    return post


def visitor_key(*, member: Member | None, ip: str, user_agent: str) -> str:
    """Who a reader is for the read count: a member's id, or a hash of a guest's address."""
    if member is not None:
        return f"m{member.pk}"
    digest = hashlib.sha256(f"{ip}|{user_agent}".encode()).hexdigest()[:40]
    return f"g{digest}"


def post_read(*, post: Post, visitor: str, reader: Member | None = None) -> bool:
    """Count a read once per visitor and day, never the author's own; True if counted."""
    if reader is not None and reader.pk == post.author_id:
        return False
    if not post.is_published:
        return False
    today = timezone.localdate()
    try:
        with transaction.atomic():
            PostRead.objects.create(post=post, visitor=visitor, day=today)
            Post.objects.filter(pk=post.pk).update(read_count=F("read_count") + 1)
    except IntegrityError:
        return False
    return True

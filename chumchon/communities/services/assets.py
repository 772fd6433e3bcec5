"""Knowledge assets (ขุมความรู้): propose, edit with revisions, publish, harvest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chumchon.accounts.models import Member
from chumchon.blogs.models import Post
from chumchon.comments.models import Comment
from chumchon.communities.models import (
    AssetRevision,
    AssetSource,
    Community,
    KnowledgeAsset,
    Role,
    Session,
)
from chumchon.communities.services._common import (
    active_membership,
    after_commit,
    require_member,
    require_role,
    touch,
)
from chumchon.core import effects
from chumchon.core.html import render_markdown
from chumchon.core.tags import tags_ensure, tags_text

Status = KnowledgeAsset.Status


def _revise(asset: KnowledgeAsset, editor: Member) -> None:
    AssetRevision.objects.create(
        asset=asset, title=asset.title, summary=asset.summary, steps=asset.steps,
        tags_text=tags_text(asset.tags.all()), edited_by=editor, created_at=asset.updated_at,
    )  # fmt: skip


def _check_sources(
    member: Member, posts: list[Post], comments: list[Comment], sessions: list[Session]
) -> None:
    """Provenance may only point at what its author can read."""
    post_ids = {p.pk for p in posts}
    comment_ids = {c.pk for c in comments}
    session_ids = {s.pk for s in sessions}
    readable = (
        Post.objects.visible_to(member).filter(pk__in=post_ids).count() == len(post_ids)
        and Comment.objects.visible_to(member).filter(pk__in=comment_ids).count()
        == len(comment_ids)
        and Session.objects.visible_to(member).filter(pk__in=session_ids).count()
        == len(session_ids)
    )
    if not readable:
        raise ValidationError(_("A source of this asset is not one you can read."))


@transaction.atomic
def asset_propose(
    *,
    community: Community,
    author: Member,
    title: str,
    summary: str,
    steps: str = "",
    tags: list[str] | None = None,
    posts: Iterable[Post] = (),
    comments: Iterable[Comment] = (),
    sessions: Iterable[Session] = (),
    publish: bool = False,
    at: dt.datetime | None = None,
) -> KnowledgeAsset:
    """Members propose assets; a facilitator's may be published at once.

    `at` (when it was proposed, and published) is for imports and the demo.
    """
    require_member(community, author)
    posts, comments, sessions = list(posts), list(comments), list(sessions)
    _check_sources(author, posts, comments, sessions)
    asset = KnowledgeAsset(
        community=community, title=title.strip(), summary=summary, steps=steps,
        steps_html=render_markdown(steps) if steps else "", proposed_by=author,
        created_at=at or timezone.now(), updated_at=at or timezone.now(),
    )  # fmt: skip
    if not asset.summary.strip():
        raise ValidationError({"summary": _("Please summarise what was learnt.")})
    asset.full_clean()
    asset.save()
    asset.tags.set(tags_ensure(tags or []))
    AssetSource.objects.bulk_create(
        [AssetSource(asset=asset, post=p) for p in posts]
        + [AssetSource(asset=asset, comment=c) for c in comments]
        + [AssetSource(asset=asset, session=s) for s in sessions]
    )
    _revise(asset, author)
    touch(community)
    after_commit(effects.asset_changed, asset.pk)
    if publish:
        asset_publish(asset=asset, member=author, published_at=at)
    return asset


def asset_harvest(
    *,
    community: Community,
    member: Member,
    post: Post,
    comments: Iterable[Comment],
    title: str,
    summary: str,
    steps: str = "",
    tags: list[str] | None = None,
    publish: bool = False,
    at: dt.datetime | None = None,
) -> KnowledgeAsset:
    """ "Harvest from this thread": an asset whose provenance is a post and its comments."""
    chosen = list(comments)
    if any(c.post_id != post.pk for c in chosen):
        raise ValidationError(_("Harvest comments from the same thread."))
    return asset_propose(
        community=community, author=member, title=title, summary=summary, steps=steps,
        tags=tags, posts=[post], comments=chosen, publish=publish, at=at,
    )  # fmt: skip


@transaction.atomic
def asset_update(
    *,
    asset: KnowledgeAsset,
    editor: Member,
    title: str,
    summary: str,
    steps: str,
    tags: list[str],
) -> KnowledgeAsset:
    """The proposer edits a proposal; facilitators edit any asset. Each edit is a revision."""
    own = active_membership(asset.community, editor)
    is_facilitator = editor.is_staff or (own is not None and own.role == Role.FACILITATOR)
    is_proposer = own is not None and asset.proposed_by_id == editor.pk
    if not (is_facilitator or (is_proposer and asset.status == Status.PROPOSED)):
        raise PermissionDenied(_("Only facilitators can edit a published asset."))
    asset.title = title.strip()
    asset.summary = summary
    asset.steps = steps
    asset.steps_html = render_markdown(steps) if steps else ""
    asset.updated_at = timezone.now()
    asset.full_clean()
    asset.save()
    asset.tags.set(tags_ensure(tags))
    _revise(asset, editor)
    touch(asset.community)
    after_commit(effects.asset_changed, asset.pk)
    return asset


@transaction.atomic
def asset_publish(
    *, asset: KnowledgeAsset, member: Member, published_at: dt.datetime | None = None
) -> KnowledgeAsset:
    """A facilitator publishes an asset (`published_at` is for imports and the demo)."""
    require_role(asset.community, member, Role.FACILITATOR)
    if asset.status != Status.PUBLISHED:
        asset.status = Status.PUBLISHED
        asset.published_by = member
        asset.published_at = published_at or timezone.now()
        asset.save(update_fields=["status", "published_by", "published_at"])
        touch(asset.community)
        after_commit(effects.asset_changed, asset.pk)
    return asset


@transaction.atomic
def asset_remove(*, asset: KnowledgeAsset, member: Member) -> KnowledgeAsset:
    require_role(asset.community, member, Role.FACILITATOR)
    asset.status = Status.REMOVED
    asset.save(update_fields=["status"])
    after_commit(effects.asset_changed, asset.pk)
    return asset

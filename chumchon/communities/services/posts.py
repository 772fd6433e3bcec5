"""How posts reach a community: blogs that join, posts shared directly; following."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chumchon.accounts.models import Member
from chumchon.blogs.models import Blog, Post
from chumchon.communities.models import BlogMembership, Community, CommunityPost
from chumchon.communities.services._common import after_commit, require_member, touch
from chumchon.core import effects


@transaction.atomic
def blog_membership_create(
    *, blog: Blog, community: Community, member: Member, joined_at: dt.datetime | None = None
) -> BlogMembership:
    """A member's blog joins a community: its posts published from then on appear there.

    `joined_at` is for imports and the demo, which bring older posts along.
    """
    if blog.owner_id != member.pk:
        raise PermissionDenied(_("Only the blog's owner can join it to a community."))
    require_member(community, member)
    link, _created = BlogMembership.objects.get_or_create(
        blog=blog, community=community, defaults={"joined_at": joined_at or timezone.now()}
    )
    touch(community)
    after_commit(effects.community_changed, community.pk)
    return link


@transaction.atomic
def blog_membership_delete(*, blog: Blog, community: Community, member: Member) -> bool:
    if blog.owner_id != member.pk and not member.is_staff:
        raise PermissionDenied(_("Only the blog's owner can take it out of a community."))
    deleted, _n = BlogMembership.objects.filter(blog=blog, community=community).delete()
    after_commit(effects.community_changed, community.pk)
    return bool(deleted)


@transaction.atomic
def community_post_share(
    *, community: Community, post: Post, member: Member, members_only: bool = False
) -> CommunityPost:
    """Share a post into a community once; the author may make the community its audience."""
    require_member(community, member)
    if not Post.objects.visible_to(member).published().filter(pk=post.pk).exists():
        raise ValidationError(_("Only a published post you can read can be shared."))
    if members_only and post.author_id != member.pk:
        raise PermissionDenied(_("Only the author can make a post members-only."))
    if members_only and community.is_public:
        raise ValidationError(_("A public community has no members-only posts."))
    if CommunityPost.objects.filter(community=community, post=post).exists():
        raise ValidationError(_("This post is already in the community."))
    share = CommunityPost(
        community=community, post=post, shared_by=member, members_only=members_only
    )
    share.full_clean()
    share.save()
    touch(community)
    after_commit(effects.community_changed, community.pk)
    after_commit(effects.post_changed, post.pk)
    return share


def communities_touch_for_post(*, post_id: int) -> int:
    """A post in a community's feed was written or changed: the community is active."""
    post = Post.objects.filter(pk=post_id, status=Post.Status.PUBLISHED).first()
    if post is None:
        return 0
    joined = BlogMembership.objects.filter(blog_id=post.blog_id, joined_at__lte=post.published_at)
    shared = CommunityPost.objects.filter(post_id=post_id)
    ids = set(joined.values_list("community_id", flat=True)) | set(
        shared.values_list("community_id", flat=True)
    )
    return Community.objects.filter(pk__in=ids).update(last_activity_at=timezone.now())


def community_follow(*, community: Community, member: Member) -> object:
    """Follow a community: its new posts appear in the member's following feed."""
    from chumchon.follows.services import follow_create

    return follow_create(follower=member, community=community)


def community_unfollow(*, community: Community, member: Member) -> bool:
    from chumchon.follows.services import follow_delete

    return follow_delete(follower=member, community=community)

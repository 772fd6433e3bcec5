"""Reads across apps for "what the people and blogs I follow wrote"."""

from __future__ import annotations

from django.db.models import Q

from chumchon.accounts.models import Member
from chumchon.blogs.models import Post, PostQuerySet
from chumchon.follows.models import Follow


def following_feed(member: Member) -> PostQuerySet:
    """Posts from followed members, blogs and communities that the member may read."""
    from chumchon.communities.models import community_posts_of

    follows = Follow.objects.filter(follower=member)
    members = follows.filter(member__isnull=False).values("member_id")
    blogs = follows.filter(blog__isnull=False).values("blog_id")
    communities = follows.filter(community__isnull=False).values("community_id")
    return (
        Post.objects.visible_to(member)
        .published()
        .filter(
            Q(author_id__in=members)
            | Q(blog_id__in=blogs)
            | Q(pk__in=community_posts_of(communities, viewer=member))
        )
        .latest()
    )

"""Communities of practice for generated data: each member joins one, half the blogs join
one (their posts appear there), and the other blogs' published posts are shared into one.

Written with bulk inserts and one INSERT … SELECT for the shares, so a million posts
reach their communities in seconds.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import connection, transaction

from chumchon.core.generate.posts import Generated


@transaction.atomic
def make_communities(
    summary: Generated, rng: random.Random, *, communities: int, since: dt.datetime
) -> list[int]:
    """`communities` open communities created at `since`; returns their ids."""
    from chumchon.blogs.models import Blog
    from chumchon.communities.models import BlogMembership, Community, Membership

    if communities <= 0 or not summary.members:
        return []
    start = Community.objects.count()
    made = Community.objects.bulk_create(
        Community(
            name=f"ชุมชนแนวปฏิบัติ {start + i + 1}", slug=f"gen-c{start + i + 1}",
            purpose="แลกเปลี่ยนเรียนรู้จากการทำงาน", created_at=since, last_activity_at=since,
        )
        for i in range(communities)
    )  # fmt: skip
    ids = [c.pk for c in made]
    Membership.objects.bulk_create(
        (
            Membership(community_id=rng.choice(ids), member_id=m, role="member", created_at=since)
            for m in summary.members
        ),
        batch_size=2000,
    )
    blogs = list(
        Blog.objects.filter(owner_id__in=summary.members)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    BlogMembership.objects.bulk_create(
        (
            BlogMembership(blog_id=b, community_id=rng.choice(ids), joined_at=since)
            for b in blogs[::2]
        ),
        batch_size=2000,
    )
    _share_the_rest(ids, summary)
    return ids


def _share_the_rest(ids: list[int], summary: Generated) -> None:
    """Published posts of blogs in no community go to one community each, by post id."""
    from chumchon.blogs.models import Post
    from chumchon.communities.models import BlogMembership, CommunityPost

    q = connection.ops.quote_name
    posts, links, shares = (q(m._meta.db_table) for m in (Post, BlogMembership, CommunityPost))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {shares} (post_id, community_id, members_only, created_at) "
            f"SELECT p.id, %s + (p.id %% %s), %s, p.published_at FROM {posts} p "
            f"WHERE p.status = 'published' AND p.id >= %s AND p.id <= %s "
            f"AND NOT EXISTS (SELECT 1 FROM {links} l WHERE l.blog_id = p.blog_id)",
            [min(ids), len(ids), False, summary.first_post_id, summary.last_post_id],
        )

"""Communities of practice for generated data: neighbouring members in the list form one
community each; half the blogs join their owner's (their posts appear there), and the
other blogs' published posts are shared into their author's.

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
    members = summary.members
    home = {m: ids[i * len(ids) // len(members)] for i, m in enumerate(members)}
    Membership.objects.bulk_create(
        (
            Membership(community_id=home[m], member_id=m, role="member", created_at=since)
            for m in members
        ),
        batch_size=2000,
    )
    blogs = Blog.objects.filter(owner_id__in=members).order_by("pk").values_list("pk", "owner_id")
    BlogMembership.objects.bulk_create(
        (
            BlogMembership(blog_id=b, community_id=home[owner], joined_at=since)
            for b, owner in list(blogs)[::2]
        ),
        batch_size=2000,
    )
    _share_the_rest(ids, summary)
    return ids


def _share_the_rest(ids: list[int], summary: Generated) -> None:
    """Published posts of blogs in no community are shared into their author's community."""
    from chumchon.blogs.models import Post
    from chumchon.communities.models import BlogMembership, CommunityPost, Membership

    q = connection.ops.quote_name
    posts, links, shares, members = (
        q(m._meta.db_table) for m in (Post, BlogMembership, CommunityPost, Membership)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {shares} (post_id, community_id, members_only, created_at) "
            f"SELECT p.id, m.community_id, %s, p.published_at FROM {posts} p "
            f"JOIN {members} m ON m.member_id = p.author_id "
            f"AND m.community_id >= %s AND m.community_id <= %s "
            f"WHERE p.status = 'published' AND p.id >= %s AND p.id <= %s "
            f"AND NOT EXISTS (SELECT 1 FROM {links} l WHERE l.blog_id = p.blog_id)",
            [False, min(ids), max(ids), summary.first_post_id, summary.last_post_id],
        )

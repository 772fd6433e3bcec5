from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command

from chumchon.accounts.models import Member
from chumchon.blogs.models import Post
from chumchon.comments.models import Comment
from chumchon.core import thai
from chumchon.core.generate import BODY_BYTES, generate
from chumchon.core.models import Counter


def test_it_generates_thai_posts_of_about_two_kilobytes(db) -> None:
    summary = generate(posts=120, members=12, seed=3)
    assert summary.posts == 120 and len(summary.members) == 12
    posts = list(Post.objects.exclude(kind="journal"))
    sizes = [len(p.body.encode()) for p in posts]
    assert BODY_BYTES <= sum(sizes) / len(sizes) <= BODY_BYTES * 1.3
    assert all(thai.is_thai(p.title) for p in posts)
    assert Post.objects.filter(tags__isnull=False).distinct().count() == 120
    # post numbers are unique and the counter moved past them
    numbers = list(Post.objects.values_list("number", flat=True))
    assert len(set(numbers)) == 120
    assert Counter.objects.get(name="post").value == max(numbers)
    visible = Comment.objects.filter(status="visible").count()
    assert visible == sum(p.comment_count for p in Post.objects.all()) > 0


def test_it_repeats_itself_for_the_same_seed(db) -> None:
    generate(posts=5, members=2, seed=9)
    first = list(Post.objects.order_by("number").values_list("title", "body"))
    Post.objects.all().delete()
    Member.objects.all().delete()
    generate(posts=5, members=2, seed=9)
    assert list(Post.objects.order_by("number").values_list("title", "body")) == first


def test_it_runs_as_a_command_and_indexes_what_it_wrote(db) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("generate", "--posts", "30", "--members", "5", "--seed", "2",
                 stdout=out, stderr=err)  # fmt: skip
    assert "5 members, 30 posts" in out.getvalue()
    assert "Indexed 30 posts, 5 people" in out.getvalue()


def test_it_shapes_conversations_and_communities_for_the_health_benchmark(db) -> None:
    from chumchon.communities.models import BlogMembership, CommunityPost, Membership
    from chumchon.core.generate import Shape

    end = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    shape = Shape(
        start=end - dt.timedelta(days=30), end=end, reply_share=0.5, link_share=0.5,
        short_comments=True, colleagues=2, body_bytes=300,
    )  # fmt: skip
    summary = generate(posts=80, members=12, communities=3, comments_per_post=4, shape=shape)
    assert Membership.objects.values("member").distinct().count() == 12
    published = Post.objects.filter(status="published")
    assert all(shape.start <= p.published_at < end for p in published)
    # every published post reaches exactly one community: its blog joined one, or shared
    joined = set(BlogMembership.objects.values_list("blog_id", flat=True))
    shared = list(CommunityPost.objects.values_list("post_id", flat=True))
    assert sorted(shared) == sorted(p.pk for p in published if p.blog_id not in joined)
    replies = Comment.objects.exclude(parent=None).select_related("parent")
    assert replies.count() > 0
    assert all(
        r.parent.post_id == r.post_id and r.parent.created_at < r.created_at for r in replies
    )
    assert Comment.objects.filter(created_at__gte=end).count() == 0
    assert published.filter(body__contains="/posts/").count() > 0
    assert summary.comments == Comment.objects.count()

from __future__ import annotations

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

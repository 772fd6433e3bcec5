from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from chumchon.blogs.models import Post, PostRevision
from chumchon.blogs.services import post_read, post_update, visitor_key
from chumchon.core.testing import Cast, make_post


def test_it_numbers_posts_from_a_sequence_that_never_reuses(cast: Cast) -> None:
    first = make_post(cast.somchai_blog)
    second = make_post(cast.somchai_blog, title="อีกเรื่อง")
    Post.objects.filter(pk=second.pk).delete()
    third = make_post(cast.somchai_blog, title="เรื่องที่สาม")
    assert (first.number, second.number, third.number) == (1, 2, 3)


def test_it_renders_markdown_safely(cast: Cast) -> None:
    post = make_post(
        cast.somchai_blog, body="**ตัวหนา** <script>alert(1)</script> [x](javascript:alert(1))"
    )
    assert "<strong>ตัวหนา</strong>" in post.body_html
    assert "<script>" not in post.body_html
    assert 'href="javascript' not in post.body_html


def test_it_keeps_every_edit_as_a_revision(cast: Cast) -> None:
    post = make_post(cast.somchai_blog)
    post_update(
        post=post,
        editor=cast.somchai,
        title="ชื่อใหม่",
        body="เนื้อหาใหม่",
        kind="article",
        tags=["ลปรร."],
        licence=post.licence,
    )
    assert list(PostRevision.objects.filter(post=post).values_list("title", flat=True)) == [
        "ลปรร. เรื่องการเขียน AAR",
        "ชื่อใหม่",
    ]
    assert post.edited_at is not None


def test_it_requires_a_title_except_for_journal_entries(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        make_post(cast.somchai_blog, title="")
    entry = make_post(cast.somchai_blog, title="", kind="journal", body="วันนี้ได้เรียนรู้จากพี่พยาบาล")
    assert entry.display_title.startswith("วันนี้")


def test_it_counts_a_read_once_a_day_and_never_the_author(cast: Cast) -> None:
    post = make_post(cast.somchai_blog)
    guest = visitor_key(member=None, ip="203.0.113.9", user_agent="x")
    assert post_read(post=post, visitor=guest)
    assert not post_read(post=post, visitor=guest)
    assert not post_read(
        post=post,
        visitor=visitor_key(member=cast.somchai, ip="", user_agent=""),
        reader=cast.somchai,
    )
    assert post_read(
        post=post,
        visitor=visitor_key(member=cast.somying, ip="", user_agent=""),
        reader=cast.somying,
    )
    post.refresh_from_db()
    assert post.read_count == 2

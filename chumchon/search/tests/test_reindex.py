from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command

from chumchon.core.testing import Cast, make_post
from chumchon.search.searching import search
from chumchon.search.tests.test_bits_engine import _rebuilt, _stored


def test_it_rebuilds_the_index_with_a_progress_bar(cast: Cast, capsys) -> None:
    make_post(cast.somchai_blog, title="บันทึกก่อนสร้างดัชนี", body="เรื่องขุมความรู้")
    assert search(user=AnonymousUser(), q="ขุมความรู้").total == 0  # written without effects
    out = io.StringIO()
    call_command("reindex", "--workers", "1", stdout=out)
    assert "Indexed 1 posts, 5 people" in out.getvalue()
    assert "reindex: 100%" in capsys.readouterr().err  # the progress bar
    assert search(user=AnonymousUser(), q="ขุมความรู้").total == 1


def test_it_rebuilds_with_worker_processes(cast: Cast) -> None:
    make_post(cast.somchai_blog, title="ทดลองหลายโปรเซส", body="แก่นความรู้ของชุมชน")
    call_command("reindex", "--type", "posts", "--workers", "2", stdout=io.StringIO(),
                 stderr=io.StringIO())  # fmt: skip
    assert search(user=AnonymousUser(), q="แก่นความรู้").total == 1


def test_it_names_the_types_it_knows(db) -> None:
    with pytest.raises(CommandError, match="posts"):
        call_command("reindex", "--type", "blogs")


def test_it_reads_the_same_fields_in_bulk_as_one_by_one(cast: Cast) -> None:
    from chumchon.comments.services import comment_create
    from chumchon.search import registry

    post = make_post(cast.somchai_blog, title="บันทึกชุดใหญ่", body="เนื้อหา", tags=["ขุมความรู้", "KM"])
    comment_create(post=post, author=cast.somying, body="ความเห็นแรก")
    comment_create(post=post, author=cast.malee, body="ความเห็นที่สอง")
    make_post(cast.somying_blog, title="", body="อนุทินสั้น ๆ", kind="journal")
    posts = registry.get("posts")
    assert posts is not None and posts.fields_after is not None
    bulk = posts.fields_after(0, 100)
    one_by_one = [(p.pk, posts.fields(p)) for p in posts.indexable().order_by("pk")]
    assert [(pk, f.title, list(f.tags), f.body, f.context) for pk, f in bulk] == [
        (pk, f.title, list(f.tags), f.body, f.context) for pk, f in one_by_one
    ]
    assert any("ความเห็นที่สอง" in f.context for _pk, f in bulk)
    assert posts.fields_after(bulk[-1][0], 100) == []


@pytest.mark.parametrize("posts", [2, 12])  # fewer, then more, than the other types' documents
def test_it_rebuilds_one_type_and_keeps_the_others(cast: Cast, posts: int) -> None:
    # A type that is most of the index is cleared by copying the others into new tables
    # (SQLite), a smaller one by deleting its rows: either way only that type changes.
    call_command("reindex", "--workers", "1", stdout=io.StringIO(), stderr=io.StringIO())
    for i in range(posts):
        make_post(cast.somchai_blog, title=f"บันทึกที่ {i}", body="เรื่องขุมความรู้")
    call_command("reindex", "--type", "posts", "--workers", "1", stdout=io.StringIO(),
                 stderr=io.StringIO())  # fmt: skip
    assert search(user=AnonymousUser(), q="ขุมความรู้").total == posts
    assert search(user=AnonymousUser(), q="สมชาย", type="people").hits[0].key == "somchai"
    call_command("reindex", "--type", "posts", "--workers", "1", stdout=io.StringIO(),
                 stderr=io.StringIO())  # fmt: skip
    assert search(user=AnonymousUser(), q="ขุมความรู้").total == posts
    assert search(user=AnonymousUser(), q="สมชาย", type="people").hits[0].key == "somchai"
    assert _stored() == _rebuilt()  # the bitmaps of every type still match the index

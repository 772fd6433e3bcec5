"""Search through the permission matrix: nothing private in results, counts, facets or
snippets; and the index follows every write once it commits."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from chumchon.accounts.models import Member
from chumchon.accounts.services import member_update_profile
from chumchon.blogs.models import Post, PostQuerySet
from chumchon.blogs.services import post_create, post_publish, post_remove, post_update
from chumchon.comments.services import comment_approve, comment_create, comment_remove
from chumchon.core.testing import Cast
from chumchon.search import searching
from chumchon.search.searching import search


def _found(user, q: str, **kwargs) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.title for h in search(user=user, q=q, **kwargs).hits]


def _post(write, blog, title: str, body: str, **kwargs):  # type: ignore[no-untyped-def]
    return write(post_create, blog=blog, author=blog.owner, title=title, body=body, **kwargs)


def test_it_shows_a_draft_to_its_author_and_staff_only(write, cast: Cast) -> None:
    _post(write, cast.somying_blog, "ร่างเรื่องไข้เลือดออก", "ยังไม่เสร็จ", publish=False,
          tags=["ความลับของหอ"])  # fmt: skip
    _post(write, cast.somchai_blog, "ไข้เลือดออกในโรงเรียน", "เผยแพร่แล้ว")
    for viewer in (AnonymousUser(), cast.somchai, cast.prasert):
        results = search(user=viewer, q="ไข้เลือดออก", with_details=True)
        assert [h.title for h in results.hits] == ["ไข้เลือดออกในโรงเรียน"]
        assert results.total == 1
        tags = {v.value for f in results.facets for v in f.values if f.key == "tag"}
        authors = {v.value for f in results.facets for v in f.values if f.key == "author"}
        assert "ความลับของหอ" not in tags and "somying" not in authors
    assert set(_found(cast.somying, "ไข้เลือดออก")) == {"ร่างเรื่องไข้เลือดออก", "ไข้เลือดออกในโรงเรียน"}
    assert len(_found(cast.admin, "ไข้เลือดออก")) == 2
    assert _found(AnonymousUser(), "ความลับของหอ") == []


def test_it_follows_publish_edit_and_removal_at_once(write, cast: Cast) -> None:
    post = _post(write, cast.somchai_blog, "ร่างแผน KM", "เรื่องปลาทู", publish=False)
    assert _found(AnonymousUser(), "ปลาทู") == []
    write(post_publish, post=post, member=cast.somchai)
    assert _found(AnonymousUser(), "ปลาทู") == ["ร่างแผน KM"]
    write(
        post_update, post=post, editor=cast.somchai, title="แผน KM ฉบับจริง",
        body="เรื่องตารางอิสรภาพ", kind=post.kind, tags=[], licence=post.licence,
    )  # fmt: skip
    assert _found(AnonymousUser(), "ปลาทู") == []
    assert _found(AnonymousUser(), "ตารางอิสรภาพ") == ["แผน KM ฉบับจริง"]
    write(post_remove, post=post, member=cast.somchai)
    assert _found(AnonymousUser(), "ตารางอิสรภาพ") == []
    assert _found(cast.admin, "ตารางอิสรภาพ") == []  # removed posts leave the index


def test_it_hides_posts_of_deactivated_members(write, cast: Cast) -> None:
    _post(write, cast.somying_blog, "หอผู้ป่วยใน", "การส่งเวร")
    # No service deactivates a member yet; the admin site flips the flag like this.
    Member.objects.filter(pk=cast.somying.pk).update(is_active=False)
    assert _found(AnonymousUser(), "ส่งเวร") == []
    assert _found(cast.admin, "ส่งเวร") == ["หอผู้ป่วยใน"]


def test_it_indexes_only_published_comments(write, cast: Cast) -> None:
    post = _post(write, cast.somchai_blog, "ถามเรื่องแผลกดทับ", "ใครมีวิธีดี ๆ บ้าง")
    comment = write(comment_create, post=post, guest_name="ผู้มาเยือน", body="ลองใช้ที่นอนลมสิครับ")
    assert _found(AnonymousUser(), "ที่นอนลม") == []  # held for review: not searchable
    assert _found(cast.somchai, "ที่นอนลม") == []
    write(comment_approve, comment=comment, member=cast.somchai)
    assert _found(AnonymousUser(), "ที่นอนลม") == ["ถามเรื่องแผลกดทับ"]
    write(comment_remove, comment=comment, member=cast.somchai)
    assert _found(AnonymousUser(), "ที่นอนลม") == []


def test_it_applies_audiences_other_apps_add_to_posts(write, cast: Cast, monkeypatch) -> None:
    _post(write, cast.somchai_blog, "เวทีในชุมชนปิด", "คุยเรื่องสมรรถนะ", tags=["ชุมชนปิด"])
    _post(write, cast.somchai_blog, "เวทีเปิด", "คุยเรื่องสมรรถนะ")
    assert len(_found(AnonymousUser(), "สมรรถนะ")) == 2
    # What the communities app does when a community is closed: a filter, not a reindex.
    monkeypatch.setattr(Post, "visibility_filters", [lambda user: ~Q(tags__name="ชุมชนปิด")])
    results = search(user=cast.prasert, q="สมรรถนะ", with_details=True)
    assert [h.title for h in results.hits] == ["เวทีเปิด"] and results.total == 1
    assert all(v.value != "ชุมชนปิด" for f in results.facets for v in f.values)


def test_it_follows_profile_changes(write, cast: Cast) -> None:
    write(
        member_update_profile, member=cast.prasert, display_name="ประเสริฐ อ่านมาก",
        bio="ผู้เชี่ยวชาญการสอบสวนโรคไข้หวัดนก", unit=cast.epidemiology, tags=["SRRT"],
        calendar="be",
    )  # fmt: skip
    hits = search(user=AnonymousUser(), q="ไข้หวัดนก", type="people").hits
    assert [h.key for h in hits] == ["prasert"]
    assert "<mark>โรคไข้หวัด</mark><mark>นก</mark>" in hits[0].snippet  # whole words
    assert [h.key for h in search(user=AnonymousUser(), q="srrt", type="people").hits] == [
        "prasert"
    ]


def test_it_reuses_a_viewers_compiled_visibility_for_that_viewer_only(
    write, cast: Cast, monkeypatch
) -> None:
    """An unfiltered search reuses the visible_to statement compiled for the same viewer
    (searching.Visible): never one viewer's for another, whatever the order."""
    _post(write, cast.somying_blog, "ร่างเรื่องวัคซีน", "ยังไม่เสร็จ", publish=False)
    _post(write, cast.somchai_blog, "วัคซีนในโรงเรียน", "เผยแพร่แล้ว")
    built: list[object] = []
    visible_to = PostQuerySet.visible_to
    monkeypatch.setattr(
        PostQuerySet, "visible_to", lambda qs, user: built.append(user) or visible_to(qs, user)
    )
    monkeypatch.setattr(searching, "_COMPILED", {})
    both, public = {"ร่างเรื่องวัคซีน", "วัคซีนในโรงเรียน"}, {"วัคซีนในโรงเรียน"}
    anonymous = AnonymousUser()
    for viewer, sees in (
        (cast.somying, both), (anonymous, public), (cast.somchai, public), (cast.admin, both),
        (cast.somying, both), (AnonymousUser(), public), (cast.somchai, public),
    ):  # fmt: skip
        assert set(_found(viewer, "วัคซีน")) == sees, viewer
    assert built == [cast.somying, anonymous, cast.somchai, cast.admin]  # once each
    cast.somchai.is_staff = True  # made staff: what the next request loads
    assert set(_found(cast.somchai, "วัคซีน")) == both
    assert len(built) == 5


def test_it_compiles_visibility_again_when_an_app_adds_an_audience(
    write, cast: Cast, monkeypatch
) -> None:
    _post(write, cast.somchai_blog, "เวทีในชุมชนปิด", "คุยเรื่องสมรรถนะ", tags=["ชุมชนปิด"])
    _post(write, cast.somchai_blog, "เวทีเปิด", "คุยเรื่องสมรรถนะ")
    for viewer in (AnonymousUser(), cast.prasert):
        assert len(_found(viewer, "สมรรถนะ")) == 2
    monkeypatch.setattr(Post, "visibility_filters", [lambda user: ~Q(tags__name="ชุมชนปิด")])
    for viewer in (AnonymousUser(), cast.prasert):
        assert _found(viewer, "สมรรถนะ") == ["เวทีเปิด"]


def test_it_compiles_a_filtered_search_for_its_filters(write, cast: Cast) -> None:
    _post(write, cast.somying_blog, "ร่างเรื่องหัด", "ยังไม่เสร็จ", publish=False, tags=["หัด"])
    _post(write, cast.somchai_blog, "หัดในเด็ก", "เผยแพร่แล้ว", tags=["หัด"])
    _post(write, cast.somchai_blog, "หัดเยอรมัน", "เผยแพร่แล้ว", tags=["วัคซีน"])
    assert set(_found(cast.somying, "หัด")) == {"ร่างเรื่องหัด", "หัดในเด็ก", "หัดเยอรมัน"}
    assert set(_found(cast.somying, "หัด", filters={"tag": "หัด"})) == {"ร่างเรื่องหัด", "หัดในเด็ก"}
    assert _found(AnonymousUser(), "หัด", filters={"tag": "หัด"}) == ["หัดในเด็ก"]
    assert set(_found(AnonymousUser(), "หัด")) == {"หัดในเด็ก", "หัดเยอรมัน"}

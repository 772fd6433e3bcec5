from __future__ import annotations

import time
import tracemalloc
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from chumchon.accounts.models import Member
from chumchon.blogs.models import Post
from chumchon.comments.models import Comment
from chumchon.core.testing import Cast
from chumchon.notifications.models import Notification

FIXTURES = Path(__file__).parent / "fixtures"


def import_wxr(name: str, owner: str = "somchai", *extra: str) -> str:
    out = StringIO()
    call_command(
        "import-wxr", str(FIXTURES / name), "--owner", owner, "--no-progress", *extra, stdout=out
    )
    return out.getvalue()


def test_it_imports_posts_with_dates_tags_and_authors(cast: Cast) -> None:
    summary = import_wxr("wordpress-km.xml", "somchai", "--blog", "km-notes")
    assert "นำเข้าบันทึก: 3 (เป็นฉบับร่าง 1)" in summary
    first = Post.objects.get(title="ชุมชนแนวปฏิบัติต้องมีหรือไม่")
    assert first.blog == cast.somchai_blog and first.author == cast.somchai
    assert first.written_at.isoformat() == "2006-11-19T08:30:00+00:00"
    assert first.published_at == first.written_at
    assert sorted(t.name for t in first.tags.all()) == ["km", "ชุมชนนักปฏิบัติ", "ลปรร."]
    second = Post.objects.get(title="หกระดับของเครือข่าย")
    assert second.author.handle == "noi_nurse" and second.author.display_name == "น้อย พยาบาล"
    assert second.blog.owner == second.author and second.blog.slug == "km-notes"
    assert [t.name for t in second.tags.all()] == ["เครือข่าย"]  # "Uncategorized" is dropped


def test_it_converts_wordpress_html_to_safe_markdown(cast: Cast) -> None:
    import_wxr("wordpress-km.xml")
    first = Post.objects.get(title="ชุมชนแนวปฏิบัติต้องมีหรือไม่")
    assert "\n\n" in first.body  # classic-editor paragraphs kept
    assert "**สำคัญ:**" in first.body and "- ข้ามสายงาน" in first.body
    assert "[caption" not in first.body and "alert" not in first.body
    assert "<script" not in first.body_html
    gutenberg = Post.objects.get(title="หกระดับของเครือข่าย")
    assert "wp:paragraph" not in gutenberg.body and "6. มีแม่ข่ายสนับสนุน" in gutenberg.body


def test_it_rewrites_links_between_imported_posts(cast: Cast) -> None:
    import_wxr("wordpress-km.xml")
    first = Post.objects.get(title="ชุมชนแนวปฏิบัติต้องมีหรือไม่")
    second = Post.objects.get(title="หกระดับของเครือข่าย")
    assert f"](/posts/{second.number})" in first.body  # a link forward, by permalink
    assert f"](/posts/{first.number})" in second.body  # a link back, by ?p=10
    assert f'href="/posts/{second.number}"' in first.body_html
    assert "https://www.example.com/other" in second.body  # other sites untouched


def test_it_imports_drafts_as_drafts_and_skips_pages_and_attachments(cast: Cast) -> None:
    summary = import_wxr("wordpress-km.xml")
    draft = Post.objects.get(title="ร่าง: AAR เวทีเดือนธันวาคม")
    assert draft.status == Post.Status.DRAFT and draft.published_at is None
    assert not Post.objects.filter(title__in=["เกี่ยวกับเรา", "strategy", "เมนูหลัก"]).exists()
    assert "ข้าม (หน้าเว็บ): 1" in summary and "ข้าม (ไฟล์แนบ): 1" in summary


def test_it_imports_guest_comments_threaded_with_masked_ips(cast: Cast) -> None:
    import_wxr("wordpress-km.xml")
    post = Post.objects.get(title="ชุมชนแนวปฏิบัติต้องมีหรือไม่")
    malee = Comment.objects.get(post=post, guest_name="มาลี")
    assert malee.status == Comment.Status.VISIBLE and malee.masked_ip == "xxx.157.44.226"
    reply = Comment.objects.get(post=post, parent=malee, author=cast.somchai)
    assert reply.created_at.isoformat() == "2006-11-19T12:10:00+00:00"
    held = Comment.objects.get(post=post, guest_name="ผู้มาเยือน")
    assert held.status == Comment.Status.PENDING and held.parent == malee
    assert held.guest_email == "" and held.masked_ip == "2001:db8:85a3::/48"
    assert not Comment.objects.filter(body__contains="buy now").exists()  # spam
    assert Comment.objects.filter(post=post).count() == 3  # the pingback is not a comment
    post.refresh_from_db()
    assert post.comment_count == 2


def test_it_imports_nothing_twice(cast: Cast) -> None:
    import_wxr("wordpress-km.xml")
    counts = (Post.objects.count(), Comment.objects.count(), Member.objects.count())
    again = import_wxr("wordpress-km.xml")
    assert (Post.objects.count(), Comment.objects.count(), Member.objects.count()) == counts
    assert "นำเข้าบันทึก: 0" in again and "เคยนำเข้าแล้ว คงไว้ตามเดิม: 6" in again


def test_it_notifies_nobody_of_old_comments(cast: Cast) -> None:
    import_wxr("wordpress-km.xml")
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("billion-laughs.xml", "DOCTYPE"),
        ("external-entity.xml", "DOCTYPE"),
        ("doctype.xml", "DOCTYPE"),
    ],
)
def test_it_refuses_hostile_xml_quickly_and_in_little_memory(
    cast: Cast, name: str, reason: str
) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(CommandError, match=reason):
        import_wxr(name)
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 1.0
    assert peak < 2_000_000
    assert not Post.objects.exists()


def test_it_refuses_a_file_that_is_not_an_export(cast: Cast, tmp_path: Path) -> None:
    other = tmp_path / "feed.xml"
    other.write_text('<?xml version="1.0"?><html><body>ไม่ใช่</body></html>', encoding="utf-8")
    with pytest.raises(CommandError, match="ไม่ใช่ไฟล์ส่งออกของ WordPress"):
        call_command("import-wxr", str(other), "--owner", "somchai", "--no-progress")
    with pytest.raises(CommandError, match="No member"):
        import_wxr("wordpress-km.xml", "nobody")

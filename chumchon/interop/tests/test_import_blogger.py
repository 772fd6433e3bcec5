from __future__ import annotations

from io import StringIO
from pathlib import Path

from django.core.management import call_command

from chumchon.blogs.models import Post
from chumchon.comments.models import Comment
from chumchon.core.testing import Cast

FIXTURES = Path(__file__).parent / "fixtures"


def import_blogger() -> str:
    out = StringIO()
    call_command(
        "import-blogger", str(FIXTURES / "blogger-ward.xml"), "--owner", "somying",
        "--blog", "ward", "--no-progress", stdout=out,
    )  # fmt: skip
    return out.getvalue()


def test_it_imports_blogger_posts_labels_drafts_and_threads(cast: Cast) -> None:
    summary = import_blogger()
    assert "นำเข้าบันทึก: 3 (เป็นฉบับร่าง 1)" in summary
    assert "ข้าม (หน้าเว็บ): 1" in summary
    night = Post.objects.get(title="คืนที่เวรดึกสอนเรา")
    assert night.author == cast.somying and night.blog == cast.somying_blog
    assert night.written_at.isoformat() == "2007-01-15T13:30:00+00:00"
    assert sorted(t.name for t in night.tags.all()) == ["nursing", "เรื่องเล่า"]
    aar = Post.objects.get(title="บทเรียนหลังเวร")
    assert f"](/posts/{aar.number})" in night.body
    assert f"](/posts/{night.number})" in aar.body  # http:// and https:// are one address
    assert Post.objects.get(title="ร่างเรื่องใหม่").status == Post.Status.DRAFT
    guest = Comment.objects.get(post=night, author__isnull=True)
    assert guest.guest_name == "ผู้มาเยือน" and guest.status == Comment.Status.VISIBLE
    answer = Comment.objects.get(post=night, author=cast.somying)
    assert answer.parent == guest


def test_it_imports_a_blogger_file_only_once(cast: Cast) -> None:
    import_blogger()
    again = import_blogger()
    assert "นำเข้าบันทึก: 0" in again and "นำเข้าความเห็น: 0" in again
    assert Post.objects.count() == 3 and Comment.objects.count() == 2

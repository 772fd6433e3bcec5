from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from chumchon.blogs.models import Blog, Post
from chumchon.comments.services import comment_create
from chumchon.core.testing import Cast, make_post


def _login(client: Client, member) -> Client:  # type: ignore[no-untyped-def]
    client.force_login(member)
    return client


# ---- the post page --------------------------------------------------------------


def test_it_shows_a_post_like_gotoknow(client: Client, cast: Cast) -> None:
    written = timezone.make_aware(dt.datetime(2006, 11, 19, 20, 15))
    post = make_post(
        cast.somchai_blog, title="ชุมชนแนวปฏิบัติต้องมีหรือไม่", body="## หัวข้อ\n\n**ตัวหนา**",
        tags=["CoP"], written_at=written,
    )  # fmt: skip
    html = client.get(f"/posts/{post.number}").content.decode()
    assert "<h1" in html and "ชุมชนแนวปฏิบัติต้องมีหรือไม่" in html
    assert "หมายเลขบันทึก" in html and f'class="post-number">{post.number}<' in html
    assert "19 พ.ย. 2549 20:15 น." in html
    assert "<strong>ตัวหนา</strong>" in html
    assert 'href="https://creativecommons.org/licenses/by-nc-sa/4.0/"' in html
    assert cast.somchai_blog.title in html and cast.somchai.display_name in html
    assert 'href="/tags/CoP"' in html
    assert '<meta property="og:title" content="ชุมชนแนวปฏิบัติต้องมีหรือไม่">' in html


def test_it_shows_dates_in_the_common_era_to_members_who_chose_it(
    client: Client, cast: Cast
) -> None:
    post = make_post(cast.somchai_blog, written_at=timezone.make_aware(dt.datetime(2006, 11, 19)))
    cast.somying.calendar = "ce"
    cast.somying.save()
    html = _login(client, cast.somying).get(f"/posts/{post.number}").content.decode()
    assert "19 พ.ย. 2006" in html


def test_it_counts_a_read_once_per_visitor_and_never_the_author(client: Client, cast: Cast) -> None:
    post = make_post(cast.somchai_blog)
    client.get(f"/posts/{post.number}", REMOTE_ADDR="203.0.113.5")
    client.get(f"/posts/{post.number}", REMOTE_ADDR="203.0.113.5")
    _login(Client(), cast.somchai).get(f"/posts/{post.number}")
    html = _login(Client(), cast.somying).get(f"/posts/{post.number}").content.decode()
    post.refresh_from_db()
    assert post.read_count == 2
    assert 'class="read-count">2<' in html


def test_it_keeps_drafts_to_their_author(client: Client, cast: Cast) -> None:
    draft = make_post(cast.somchai_blog, title="ยังไม่เสร็จ", publish=False)
    assert client.get(f"/posts/{draft.number}").status_code == 404
    assert _login(Client(), cast.somying).get(f"/posts/{draft.number}").status_code == 404
    author = _login(Client(), cast.somchai)
    assert "ยังไม่เสร็จ" in author.get(f"/posts/{draft.number}").content.decode()
    drafts = author.get("/drafts").content.decode()
    assert "ยังไม่เสร็จ" in drafts
    assert "ยังไม่เสร็จ" not in _login(Client(), cast.somying).get("/drafts").content.decode()
    assert "ยังไม่เสร็จ" not in client.get("/").content.decode()


def test_it_shows_the_post_page_in_few_queries(
    client: Client, cast: Cast, django_assert_max_num_queries
) -> None:
    post = make_post(cast.somchai_blog, tags=["ก", "ข"])
    for n in range(15):
        comment_create(post=post, author=cast.somying, body=f"ความเห็นที่ {n}")
        comment_create(post=post, guest_name=f"แขก {n}", body="สวัสดี", ip="203.0.113.1")
    _login(client, cast.somchai)
    with django_assert_max_num_queries(16):
        response = client.get(f"/posts/{post.number}")
    assert response.content.decode().count('class="comment') >= 30


def test_it_answers_404_for_unknown_numbers(client: Client, db: None) -> None:
    assert client.get("/posts/999").status_code == 404
    assert client.get("/posts/99999999999999999999999").status_code == 404


def test_it_lists_all_posts_page_by_page(
    client: Client, cast: Cast, django_assert_max_num_queries
) -> None:
    for n in range(23):
        make_post(cast.somying_blog, title=f"ลำดับ {n}")
    with django_assert_max_num_queries(6):
        first = client.get("/posts").content.decode()
    assert "ลำดับ 22" in first and "ลำดับ 2<" not in first
    assert "ลำดับ 2<" in client.get("/posts?page=2").content.decode()


# ---- writing ---------------------------------------------------------------------


def test_it_publishes_a_thai_post_written_in_markdown(client: Client, cast: Cast) -> None:
    _login(client, cast.somchai)
    response = client.post(
        "/write",
        {
            "blog": cast.somchai_blog.pk, "kind": "story", "title": "เรื่องเล่าเร้าพลัง",
            "body": "เมื่อวานทีมเรา *ลปรร.* กัน", "tags": "เรื่องเล่า, KM",
            "licence": "cc-by-4.0", "publish": "1",
        },
    )  # fmt: skip
    post = Post.objects.get(title="เรื่องเล่าเร้าพลัง")
    assert response.status_code == 302 and response["Location"] == f"/posts/{post.number}"
    assert post.is_published and post.kind == "story"
    assert [t.name for t in post.tags.all()] == ["km", "เรื่องเล่า"]


def test_it_saves_a_draft(client: Client, cast: Cast) -> None:
    _login(client, cast.somchai)
    client.post(
        "/write",
        {"blog": cast.somchai_blog.pk, "kind": "journal", "title": "", "body": "วันนี้เรียนรู้",
         "tags": "", "licence": "cc-by-4.0", "draft": "1"},
    )  # fmt: skip
    assert Post.objects.get().status == Post.Status.DRAFT


def test_it_keeps_the_form_and_writes_nothing_on_bad_input(client: Client, cast: Cast) -> None:
    _login(client, cast.somchai)
    response = client.post(
        "/write",
        {"blog": cast.somchai_blog.pk, "kind": "article", "title": "", "body": "เนื้อหาที่พิมพ์ไว้",
         "tags": "", "licence": "cc-by-4.0", "publish": "1"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "กรุณาตั้งชื่อเรื่องให้บันทึก" in html
    assert "เนื้อหาที่พิมพ์ไว้" in html
    assert not Post.objects.exists()


def test_it_refuses_an_over_long_title_instead_of_cutting_it(client: Client, cast: Cast) -> None:
    _login(client, cast.somchai)
    response = client.post(
        "/write",
        {"blog": cast.somchai_blog.pk, "kind": "article", "title": "ก" * 201, "body": "x",
         "licence": "cc-by-4.0", "publish": "1"},
    )  # fmt: skip
    assert response.status_code == 200 and not Post.objects.exists()


def test_it_will_not_write_into_someone_elses_blog(client: Client, cast: Cast) -> None:
    _login(client, cast.somying)
    response = client.post(
        "/write",
        {"blog": cast.somchai_blog.pk, "kind": "article", "title": "แอบเขียน", "body": "x",
         "licence": "cc-by-4.0", "publish": "1"},
    )  # fmt: skip
    assert response.status_code == 200 and not Post.objects.exists()


def test_it_previews_markdown_with_and_without_javascript(client: Client, cast: Cast) -> None:
    _login(client, cast.somchai)
    partial = client.post(
        "/write/preview", {"body": "**หนา** <script>alert(1)</script>"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<strong>หนา</strong>" in partial and "<script>" not in partial
    page = client.post(
        "/write",
        {"blog": cast.somchai_blog.pk, "kind": "article", "title": "ลอง", "body": "*เอียง*",
         "licence": "cc-by-4.0", "preview": "1"},
    ).content.decode()  # fmt: skip
    assert "<em>เอียง</em>" in page and not Post.objects.exists()


def test_it_lets_only_the_author_edit(client: Client, cast: Cast) -> None:
    post = make_post(cast.somchai_blog)
    assert _login(Client(), cast.somying).get(f"/posts/{post.number}/edit").status_code == 403
    assert client.get(f"/posts/{post.number}/edit").status_code == 302  # to sign in
    author = _login(Client(), cast.somchai)
    assert post.title in author.get(f"/posts/{post.number}/edit").content.decode()
    response = author.post(
        f"/posts/{post.number}/edit",
        {"kind": "article", "title": "ชื่อใหม่", "body": "แก้แล้ว", "tags": "",
         "licence": "cc-by-4.0", "save": "1"},
    )  # fmt: skip
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "ชื่อใหม่" and post.revisions.count() == 2
    assert "แก้ไขเมื่อ" in author.get(f"/posts/{post.number}").content.decode()


def test_it_sends_a_member_without_a_blog_to_start_one(client: Client, cast: Cast) -> None:
    response = _login(client, cast.malee).get("/write")
    assert response.status_code == 302 and response["Location"].startswith("/blogs/new")


# ---- blogs -------------------------------------------------------------------------


def test_it_creates_and_edits_a_blog(client: Client, cast: Cast) -> None:
    _login(client, cast.malee)
    response = client.post(
        "/blogs/new?next=/write",
        {"title": "บันทึกระบาดวิทยา", "slug": "epi", "description": "", "tags": "ระบาดวิทยา",
         "next": "/write"},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == "/write"
    blog = Blog.objects.get(owner=cast.malee)
    assert client.get("/@malee/epi").status_code == 200
    client.post("/@malee/epi/edit", {"title": "ชื่อใหม่", "description": "ว่าด้วยงานระบาด"})
    blog.refresh_from_db()
    assert blog.title == "ชื่อใหม่"
    assert _login(Client(), cast.somchai).get("/@malee/epi/edit").status_code == 404


def test_it_refuses_a_second_blog_at_the_same_address(client: Client, cast: Cast) -> None:
    _login(client, cast.somchai)
    response = client.post("/blogs/new", {"title": "ซ้ำ", "slug": "km-notes"})
    assert response.status_code == 200
    assert "คุณมีบล็อกที่ที่อยู่นี้แล้ว" in response.content.decode()
    assert Blog.objects.filter(owner=cast.somchai).count() == 1


def test_it_shows_a_blog_page_by_page(
    client: Client, cast: Cast, django_assert_max_num_queries
) -> None:
    for n in range(22):
        make_post(cast.somchai_blog, title=f"ตอนที่ {n}")
    make_post(cast.somying_blog, title="ของคนอื่น")
    with django_assert_max_num_queries(7):
        html = client.get("/@somchai/km-notes").content.decode()
    assert "ตอนที่ 21" in html and "ของคนอื่น" not in html
    assert 'property="og:title"' in html and 'type="application/atom+xml"' in html
    assert "ตอนที่ 0<" in client.get("/@somchai/km-notes?page=2").content.decode()


def test_it_shows_an_empty_blog_kindly(client: Client, cast: Cast) -> None:
    assert "บล็อกนี้ยังไม่มีบันทึก" in client.get("/@somying/ward").content.decode()


def test_it_lists_drafts_in_few_queries(cast: Cast, django_assert_max_num_queries) -> None:
    for n in range(22):
        make_post(cast.somchai_blog, title=f"ร่าง {n}", publish=False)
    client = _login(Client(), cast.somchai)
    with django_assert_max_num_queries(6):
        html = client.get("/drafts").content.decode()
    assert html.count('class="post-item"') == 20

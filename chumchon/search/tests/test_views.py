from __future__ import annotations

from chumchon.blogs.services import post_create
from chumchon.core.testing import Cast


def _post(write, cast: Cast, title: str, body: str, tags: list[str]) -> None:  # type: ignore[no-untyped-def]
    write(post_create, blog=cast.somchai_blog, author=cast.somchai, title=title, body=body,
          tags=tags)  # fmt: skip


def test_it_shows_results_with_tabs_facets_and_snippets(
    client, write, cast: Cast, django_assert_max_num_queries
) -> None:
    for i in range(25):
        _post(write, cast, f"เบาหวานตอนที่ {i}", "ดูแลผู้ป่วยเบาหวานในชุมชน", [f"ป้าย{i % 3}"])
    # Seven facets (community among them), the index count and ranking, the page;
    # PostgreSQL adds a savepoint and a SET.
    with django_assert_max_num_queries(17):
        page = client.get("/search", {"q": "เบาหวาน"}).content.decode()
    assert page.count('<li class="search-hit') == 20
    assert "<mark>เบาหวาน</mark>" in page
    assert 'aria-current="page">' in page and "type=people" in page
    assert "ป้าย0" in page and "(9)" in page  # a facet with its count
    assert 'rel="next"' in page


def test_it_narrows_by_a_facet_and_keeps_the_query(client, write, cast: Cast) -> None:
    _post(write, cast, "เบาหวานกับอาหาร", "อาหาร", ["อาหาร"])
    _post(write, cast, "เบาหวานกับยา", "ยา", ["ยา"])
    page = client.get("/search", {"q": "เบาหวาน", "tag": "ยา"}).content.decode()
    # Titles show the searched word marked.
    assert "<mark>เบาหวาน</mark>กับยา" in page and "กับอาหาร" not in page


def test_it_suggests_a_near_tag_and_a_person_when_nothing_is_found(
    client, write, cast: Cast
) -> None:
    _post(write, cast, "ทำ KM ในหอผู้ป่วย", "เล่าเรื่อง", ["การจัดการความรู้"])
    page = client.get("/search", {"q": "การจัดการความรู้ -หอผู้ป่วย"}).content.decode()
    assert "search-empty" in page
    assert "?q=%E0%B8%81%E0%B8%B2%E0%B8%A3" in page  # a link searching the tag
    assert "/@somchai" in page


def test_it_says_what_is_wrong_and_keeps_the_query(client, db) -> None:
    response = client.get("/search", {"q": "ก" * 250})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="alert"' in page and "ก" * 250 in page


def test_it_escapes_the_query_it_shows(client, db) -> None:
    page = client.get("/search", {"q": '<img src=x onerror="alert(1)">'}).content.decode()
    assert "<img src=x" not in page and "&lt;img" in page


def test_it_shows_an_empty_state_when_a_tab_finds_nothing(client, db) -> None:
    page = client.get("/search", {"q": "ชุมชน", "type": "communities"}).content.decode()
    assert "search-empty" in page


def test_it_links_each_post_result_to_its_page(cast) -> None:  # type: ignore[no-untyped-def]
    from chumchon.core.testing import make_post
    from chumchon.search.documents import post_url

    post = make_post(cast.somchai_blog)
    assert post_url(post.number) == post.get_absolute_url()


def test_it_marks_the_tag_a_post_was_found_by(client, write, cast: Cast) -> None:
    _post(write, cast, "บันทึกหลังเวที", "เล่าสิ่งที่ได้เรียนรู้", ["เบาหวาน", "อาหาร", "<i>ยา"])
    page = client.get("/search", {"q": "เบาหวาน"}).content.decode()
    # The matching tag is marked; the others are shown as they are, escaped.
    assert '<span class="tag"><mark>เบาหวาน</mark></span>' in page
    assert '<span class="tag">อาหาร</span>' in page
    assert '<span class="tag">&lt;i&gt;ยา</span>' in page


def test_it_shows_the_comment_a_post_was_found_by(client, write, cast: Cast) -> None:
    from chumchon.blogs.models import Post
    from chumchon.comments.services import comment_create

    _post(write, cast, "ถามเรื่องแผลกดทับ", "ใครมีวิธีดี ๆ บ้าง", [])
    post = Post.objects.get(title="ถามเรื่องแผลกดทับ")
    write(comment_create, post=post, author=cast.somying, body="ลองใช้ที่นอนลมสิคะ <b>ได้ผล</b>")
    # A guest's comment waits for review: no reader but the blog owner may see it yet.
    write(comment_create, post=post, guest_name="ผู้มาเยือน", body="ที่นอนลมของเรามีรหัสลับ")
    page = client.get("/search", {"q": "ที่นอนลม"}).content.decode()
    assert '<span class="snippet-from">ในความเห็น:</span>' in page
    assert "ลองใช้<mark>ที่นอน" in page and "ลม</mark>สิคะ" in page and "&lt;b&gt;" in page
    assert "รหัสลับ" not in page
    api = client.get("/api/v1/search", {"q": "ที่นอนลม"}).json()
    assert api["results"][0]["snippet"].startswith("ลองใช้<mark>ที่นอน")
    # A post whose own text holds the word keeps its own snippet.
    page = client.get("/search", {"q": "วิธี"}).content.decode()
    assert "snippet-from" not in page and "ใครมี<mark>วิธี</mark>" in page

from __future__ import annotations

import pytest
from django.test import Client

from chumchon.blogs.models import Post
from chumchon.core.testing import Cast, make_post
from chumchon.interop.services import token_create, token_revoke


def bearer(member, scope: str = "read-write") -> dict[str, str]:  # type: ignore[no-untyped-def]
    _token, raw = token_create(member=member, name="test", scope=scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_it_reads_a_published_post_by_number(client: Client, cast: Cast) -> None:
    post = make_post(cast.somchai_blog, tags=["การจัดการความรู้"])
    response = client.get(f"/api/v1/posts/{post.number}")
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == post.title
    assert data["author"]["handle"] == "somchai"
    assert data["blog"]["owner"] == "somchai"
    assert data["tags"] == ["การจัดการความรู้"]
    assert data["url"] == f"/posts/{post.number}"


def test_it_hides_drafts_from_everyone_but_their_author(client: Client, cast: Cast) -> None:
    draft = make_post(cast.somchai_blog, publish=False)
    url = f"/api/v1/posts/{draft.number}"
    assert client.get(url).status_code == 404
    assert client.get(url, **bearer(cast.somying, "read")).status_code == 404
    assert client.get(url, **bearer(cast.somchai, "read")).json()["status"] == "draft"
    listed = client.get("/api/v1/posts", **bearer(cast.somchai, "read")).json()
    assert draft.number not in [p["number"] for p in listed["items"]]


def test_it_answers_not_found_as_json_with_a_message(client: Client, cast: Cast) -> None:
    response = client.get("/api/v1/posts/999999")
    assert response.status_code == 404
    assert response.json()["message"]


def test_it_lists_posts_in_pages_without_a_query_per_post(
    client: Client,
    cast: Cast,
    settings,
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    settings.CHUMCHON_PAGE_SIZE = 5
    for i in range(7):
        make_post(cast.somchai_blog, title=f"บันทึก {i}", tags=["ลปรร.", f"t{i}"])
    with django_assert_max_num_queries(5):
        first = client.get("/api/v1/posts").json()
    assert (first["count"], first["pages"], len(first["items"])) == (7, 2, 5)
    assert len(client.get("/api/v1/posts?page=2").json()["items"]) == 2
    assert client.get("/api/v1/posts?tag=t3").json()["count"] == 1
    assert client.get("/api/v1/posts?page=0").status_code == 422


def test_it_writes_a_post_with_a_read_write_token(client: Client, cast: Cast) -> None:
    response = client.post(
        "/api/v1/posts",
        {"title": "เขียนผ่าน API", "body": "**สวัสดี**", "tags": ["api", "ทดลอง"]},
        content_type="application/json",
        **bearer(cast.somchai),
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["blog"]["slug"] == "km-notes"
    assert "<strong>สวัสดี</strong>" in data["body_html"]
    assert Post.objects.get(number=data["number"]).author == cast.somchai


def test_it_refuses_to_write_without_a_read_write_token(client: Client, cast: Cast) -> None:
    body = {"title": "ไม่ควรได้", "body": "x"}
    anonymous = client.post("/api/v1/posts", body, content_type="application/json")
    assert anonymous.status_code == 401
    assert anonymous.json()["message"]
    read_only = client.post(
        "/api/v1/posts", body, content_type="application/json", **bearer(cast.somchai, "read")
    )
    assert read_only.status_code == 403
    assert "read-write" in read_only.json()["message"]
    client.force_login(cast.somchai)
    session = client.post("/api/v1/posts", body, content_type="application/json")
    assert session.status_code == 401
    assert not Post.objects.filter(title="ไม่ควรได้").exists()


def test_it_refuses_a_revoked_token(client: Client, cast: Cast) -> None:
    token, raw = token_create(member=cast.somchai, name="old", scope="read-write")
    token_revoke(token=token, member=cast.somchai)
    response = client.get("/api/v1/posts", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401
    assert response.json()["message"] == "ไม่รู้จักโทเค็นนี้ หรือโทเค็นถูกยกเลิกแล้ว"


def test_it_refuses_writing_in_someone_elses_blog(client: Client, cast: Cast) -> None:
    response = client.post(
        "/api/v1/posts",
        {"blog": "ward", "title": "บุกรุก", "body": "x"},
        content_type="application/json",
        **bearer(cast.somchai),
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": "", "body": "เนื้อหา"}, "title"),
        ({"title": "ก" * 201, "body": "เนื้อหา"}, "title"),
        ({"title": "ชื่อ", "body": "x", "kind": "poem"}, "kind"),
    ],
)
def test_it_refuses_bad_posts_with_a_message_and_writes_nothing(
    client: Client, cast: Cast, payload: dict[str, str], field: str
) -> None:
    response = client.post(
        "/api/v1/posts", payload, content_type="application/json", **bearer(cast.somchai)
    )
    assert response.status_code in (400, 422)
    assert response.json()["message"]
    assert field in response.json()["errors"]
    assert not Post.objects.exists()


def test_it_lists_blogs_and_their_posts(client: Client, cast: Cast) -> None:
    make_post(cast.somying_blog, title="เรื่องเล่าจากวอร์ด")
    make_post(cast.somying_blog, title="ร่าง", publish=False)
    assert client.get("/api/v1/blogs").json()["count"] == 2
    assert client.get("/api/v1/blogs/somying/ward").json()["title"] == "เรื่องเล่าจากหอผู้ป่วย"
    posts = client.get("/api/v1/blogs/somying/ward/posts").json()
    assert [p["title"] for p in posts["items"]] == ["เรื่องเล่าจากวอร์ด"]


def test_it_counts_tags_only_on_posts_the_reader_may_see(client: Client, cast: Cast) -> None:
    make_post(cast.somchai_blog, tags=["เปิด"])
    make_post(cast.somchai_blog, title="ร่าง", tags=["ลับ"], publish=False)
    names = [t["name"] for t in client.get("/api/v1/tags").json()["items"]]
    assert names == ["เปิด"]

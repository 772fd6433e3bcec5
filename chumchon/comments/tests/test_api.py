from __future__ import annotations

from django.test import Client

from chumchon.comments.services import comment_approve, comment_create
from chumchon.core.testing import Cast, make_post
from chumchon.interop.services import token_create


def bearer(member, scope: str = "read-write") -> dict[str, str]:  # type: ignore[no-untyped-def]
    _token, raw = token_create(member=member, name="test", scope=scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_it_masks_guest_ips_and_never_shows_their_email(client: Client, cast: Cast) -> None:
    post = make_post(cast.somchai_blog)
    guest = comment_create(
        post=post, body="ขอบคุณค่ะ", guest_name="ผู้มาเยือน", guest_email="g@example.org",
        ip="203.157.44.226",
    )  # fmt: skip
    comment_approve(comment=guest, member=cast.somchai)
    data = client.get(f"/api/v1/posts/{post.number}/comments").json()
    assert data["items"][0]["masked_ip"] == "xxx.157.44.226"
    assert "203.157" not in str(data) and "g@example.org" not in str(data)


def test_it_shows_held_comments_only_to_the_blog_owner(client: Client, cast: Cast) -> None:
    post = make_post(cast.somchai_blog)
    held = comment_create(post=post, body="รอตรวจ", guest_name="แขก", ip="10.0.0.1")
    url = f"/api/v1/posts/{post.number}/comments"
    assert client.get(url).json()["count"] == 0
    assert client.get(url, **bearer(cast.somying, "read")).json()["count"] == 0
    assert client.get(f"/api/v1/comments/{held.pk}").status_code == 404
    owner_view = client.get(url, **bearer(cast.somchai, "read")).json()
    assert [c["status"] for c in owner_view["items"]] == ["pending"]


def test_it_hides_comments_of_drafts(client: Client, cast: Cast) -> None:
    draft = make_post(cast.somchai_blog, publish=False)
    assert client.get(f"/api/v1/posts/{draft.number}/comments").status_code == 404


def test_it_writes_a_reply_with_a_read_write_token(client: Client, cast: Cast) -> None:
    post = make_post(cast.somchai_blog)
    first = comment_create(post=post, author=cast.somying, body="เห็นด้วยค่ะ")
    url = f"/api/v1/posts/{post.number}/comments"
    response = client.post(
        url, {"body": "ขอบคุณครับ", "parent": first.pk}, content_type="application/json",
        **bearer(cast.somchai),
    )  # fmt: skip
    assert response.status_code == 201, response.content
    assert response.json()["parent"] == first.pk
    assert response.json()["author"]["handle"] == "somchai"
    read_only = client.post(
        url, {"body": "x"}, content_type="application/json", **bearer(cast.malee, "read")
    )
    assert read_only.status_code == 403
    assert client.post(url, {"body": "x"}, content_type="application/json").status_code == 401


def test_it_refuses_a_reply_to_a_comment_on_another_post(client: Client, cast: Cast) -> None:
    one, other = make_post(cast.somchai_blog), make_post(cast.somchai_blog, title="อื่น")
    elsewhere = comment_create(post=other, author=cast.somying, body="ที่อื่น")
    response = client.post(
        f"/api/v1/posts/{one.number}/comments", {"body": "ตอบ", "parent": elsewhere.pk},
        content_type="application/json", **bearer(cast.malee),
    )  # fmt: skip
    assert response.status_code == 404
    assert response.json()["message"]


def test_it_refuses_comments_on_drafts_it_can_see(client: Client, cast: Cast) -> None:
    draft = make_post(cast.somchai_blog, publish=False)
    response = client.post(
        f"/api/v1/posts/{draft.number}/comments", {"body": "ตัวเอง"},
        content_type="application/json", **bearer(cast.somchai),
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json()["message"]

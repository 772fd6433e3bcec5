from __future__ import annotations

import pytest
from django.test import Client

from chumchon.comments.services import comment_create, flag_create
from chumchon.core.testing import Cast, make_post
from chumchon.follows.services import follow_create, message_send

MODELS = [
    "accounts/member", "accounts/orgunit", "blogs/blog", "blogs/post", "comments/comment",
    "comments/flower", "comments/flag", "follows/follow", "follows/message", "core/tag",
    "core/counter",
]  # fmt: skip


@pytest.mark.parametrize("model", MODELS)
def test_it_opens_every_admin_list_and_first_record(cast: Cast, model: str) -> None:
    post = make_post(cast.somchai_blog, tags=["KM"])
    comment = comment_create(post=post, guest_name="แขก", body="สวัสดี", ip="192.0.2.1")
    flag_create(reporter=cast.malee, reason="สแปม", comment=comment)
    follow_create(follower=cast.malee, member=cast.somchai)
    message_send(sender=cast.malee, recipient=cast.somchai, subject="เรื่อง", body="ข้อความ")
    client = Client()
    client.force_login(cast.admin)
    listing = client.get(f"/admin/{model}/")
    assert listing.status_code == 200
    assert client.get(f"/admin/{model}/add/").status_code in (200, 403)


def test_it_adds_a_member_in_the_admin(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.admin)
    response = client.post(
        "/admin/accounts/member/add/",
        {"handle": "new.one", "display_name": "สมาชิกใหม่", "email": "n@example.org",
         "usable_password": "true", "password1": "ยาวพอ-2549-x", "password2": "ยาวพอ-2549-x"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Client().login(username="new.one", password="ยาวพอ-2549-x")


def test_it_keeps_the_admin_to_staff(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.somchai)
    assert client.get("/admin/blogs/post/").status_code == 302

from __future__ import annotations

from django.test import Client

from chumchon.core.testing import Cast
from chumchon.follows.services import follow_create
from chumchon.interop.services import token_create


def test_it_lists_followers_and_what_i_follow(client: Client, cast: Cast) -> None:
    follow_create(follower=cast.somying, member=cast.somchai)
    follow_create(follower=cast.malee, member=cast.somchai)
    follow_create(follower=cast.somying, blog=cast.somchai_blog)
    followers = client.get("/api/v1/members/somchai/followers").json()
    assert sorted(m["handle"] for m in followers["items"]) == ["malee", "somying"]
    assert client.get("/api/v1/me/following").status_code == 401
    _token, raw = token_create(member=cast.somying, name="t", scope="read")
    mine = client.get("/api/v1/me/following", HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    targets = {(f["member"] or {}).get("handle") or f["blog"]["slug"] for f in mine["items"]}
    assert targets == {"somchai", "km-notes"}

"""Permission-matrix entries for the JSON API and the interop pages.

See chumchon/core/tests/matrix.py. The matrix signs in with a browser session, which may
read the API but never write: writes need a read-write token (tested in test_api.py).
Posts come from the blogs app's `prepare`, closed and secret ones from communities'.
"""

from __future__ import annotations

from chumchon.comments.services import comment_create, comment_remove
from chumchon.core.tests.matrix import World, route
from chumchon.interop.services import token_create

EVERYONE = "200 200 200 200 200"
MEMBERS = "401 200 200 200 200"
SIGNED_IN = "302 200 200 200 200"
NO_WRITES_BY_SESSION = "401 401 401 401 401"
POST_STATES = {
    "public": EVERYONE,
    "closed": "404 404 200 200 200",
    "secret": "404 404 200 200 200",
    "draft": "404 404 404 404 200",
    "removed": "404 404 404 404 200",
}


def prepare(world: World) -> None:
    cast = world.cast
    post = world.get("post", "public")
    shown = comment_create(post=post, author=cast.somying, body="ขอบคุณครับ")
    world.put("api-comment", "public", shown)
    held = comment_create(post=post, body="รอตรวจ", guest_name="แขก", ip="203.0.113.9")
    world.put("api-comment", "draft", held)  # held for review: the blog owner and staff only
    removed = comment_create(post=post, author=cast.malee, body="ลบแล้ว")
    world.put("api-comment", "removed", comment_remove(comment=removed, member=cast.somchai))
    world.put("token", "public", token_create(member=cast.somying, name="m", scope="read")[0])


def _post(path: str = "") -> object:
    return lambda w, s: f"/api/v1/posts/{w.get('post', s).number}{path}"


ROUTES = [
    # codes per role: anonymous outsider member facilitator staff
    route("api:list_members", lambda w, s: "/api/v1/members", public=EVERYONE),
    route("api:get_member", lambda w, s: "/api/v1/members/somchai", public=EVERYONE),
    route("api:get_me", lambda w, s: "/api/v1/me", public=MEMBERS),
    route("api:list_posts", lambda w, s: "/api/v1/posts", public=EVERYONE),
    route("api:get_post", _post(), **POST_STATES),
    route("api:create_post", lambda w, s: "/api/v1/posts", method="POST",
          data=lambda w, s: {"title": "x", "body": "x"}, public=NO_WRITES_BY_SESSION),
    route("api:list_post_comments", _post("/comments"), **POST_STATES),
    route("api:create_comment", _post("/comments"), method="POST",
          data=lambda w, s: {"body": "x"}, public=NO_WRITES_BY_SESSION),
    route("api:get_comment", lambda w, s: f"/api/v1/comments/{w.get('api-comment', s).pk}",
          public=EVERYONE, draft="404 404 404 404 200", removed="404 404 404 404 200"),
    route("api:list_blogs", lambda w, s: "/api/v1/blogs", public=EVERYONE),
    route("api:get_blog", lambda w, s: "/api/v1/blogs/somchai/km-notes", public=EVERYONE),
    route("api:list_blog_posts", lambda w, s: "/api/v1/blogs/somchai/km-notes/posts",
          public=EVERYONE),
    route("api:list_tags", lambda w, s: "/api/v1/tags", public=EVERYONE),
    route("api:list_followers", lambda w, s: "/api/v1/members/somchai/followers",
          public=EVERYONE),
    route("api:list_my_follows", lambda w, s: "/api/v1/me/following", public=MEMBERS),
    route("interop:tokens", lambda w, s: "/settings/tokens", public=SIGNED_IN),
    route("interop:token-revoke",
          lambda w, s: f"/settings/tokens/{w.get('token', s).pk}/revoke", method="POST",
          public="302 404 302 404 404"),  # only its owner, the member
    route("interop:import", lambda w, s: "/settings/import", public=SIGNED_IN),
    route("interop:export", lambda w, s: "/settings/export", public=SIGNED_IN),
    route("interop:export-download", lambda w, s: "/settings/export.zip", public=SIGNED_IN),
    route("interop:following-opml", lambda w, s: "/settings/following.opml", public=SIGNED_IN),
]  # fmt: skip

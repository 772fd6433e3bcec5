"""Permission-matrix entries for the follows app (see chumchon/core/tests/matrix.py).

Every signed-in role follows somchai, so the following feed lists his posts in the post
states of chumchon/blogs/tests/routes.py. One message goes from somying (member) to
malee (facilitator): nobody else may read it, staff included.
"""

from __future__ import annotations

from django.urls import reverse

from chumchon.blogs.tests.routes import post_title
from chumchon.core.tests.matrix import ROLES, World, route
from chumchon.follows.services import follow_create, message_send

SUBJECT = "นัดคุยเรื่องเวที (matrix-message)"


def prepare(world: World) -> None:
    for role in ROLES[1:]:
        follow_create(follower=world.user(role), member=world.cast.somchai)
    message = message_send(
        sender=world.cast.somying, recipient=world.cast.malee, subject=SUBJECT, body="สะดวกไหม"
    )
    world.put("message", "public", message)


def _plain(name: str):  # type: ignore[no-untyped-def]
    return lambda w, s: reverse(f"follows:{name}")


def _subject(w: World, s: str) -> str:
    return SUBJECT


ALL_302 = "302 302 302 302 302"

ROUTES = [
    route("follows:follow-member", lambda w, s: reverse("follows:follow-member", args=["somchai"]),
          method="POST", data=lambda w, s: {"action": "unfollow"}, public=ALL_302),
    route("follows:follow-blog",
          lambda w, s: reverse("follows:follow-blog", args=["somchai", w.cast.somchai_blog.slug]),
          method="POST", public=ALL_302),
    route("follows:contact", lambda w, s: reverse("follows:contact", args=["somchai"]),
          public="302 200 200 200 200"),
    route("follows:feed", _plain("feed"), shows=post_title,
          public="302 200+ 200+ 200+ 200+", closed="302 200- 200+ 200+ 200+",
          secret="302 200- 200+ 200+ 200+", draft="302 200- 200- 200- 200-",
          removed="302 200- 200- 200- 200-"),
    route("follows:inbox", _plain("inbox"), shows=_subject, public="302 200- 200- 200+ 200-"),
    route("follows:sent", _plain("sent"), shows=_subject, public="302 200- 200+ 200- 200-"),
    route("follows:message",
          lambda w, s: reverse("follows:message", args=[w.get("message", s).pk]),
          public="302 404 200 200 404"),
]  # fmt: skip

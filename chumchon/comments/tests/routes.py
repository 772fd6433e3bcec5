"""Permission-matrix entries for the comments app (see chumchon/core/tests/matrix.py).

Routes on a post (comment, flower, flag) use the post states of chumchon/blogs/tests/
routes.py. Routes on a comment use these comment states:
- public: malee's answer to a question somying asked in her own blog (so somying, the
  member, moderates it and may accept it);
- closed, secret: somying's comment on the members-only post in that community;
- draft: a guest's comment on somying's question, held for her review;
- removed: a comment malee wrote there and took back.
For flags, "public" is an open flag and "removed" one staff already resolved.
"""

from __future__ import annotations

from django.urls import reverse

from chumchon.comments.services import (
    comment_create,
    comment_remove,
    flag_create,
    flag_resolve,
    flower_give,
)
from chumchon.core.testing import make_post
from chumchon.core.tests.matrix import World, route

PREPARE_AFTER = ("communities",)  # the comments on members-only posts need those posts


def prepare(world: World) -> None:
    c = world.cast
    question = make_post(c.somying_blog, title="ถามเรื่องการเขียน AAR (matrix-question)",
                         kind="question")  # fmt: skip
    world.put("question", "public", question)
    flower_give(post=question, member=c.prasert)  # so the admin has a flower to open
    answer = comment_create(post=question, author=c.malee, body="ลองเริ่มจากสิ่งที่คาดหวัง")
    world.put("comment", "public", answer)
    for state in ("closed", "secret"):
        comment = comment_create(post=world.get("post", state), author=c.somying, body="เห็นด้วย")
        world.put("comment", state, comment)
    held = comment_create(
        post=question, guest_name="ผู้มาเยือน", body="ความเห็นรอตรวจ (matrix-held)", ip="192.0.2.7"
    )
    world.put("comment", "draft", held)
    taken_back = comment_create(post=question, author=c.malee, body="ขอถอนความเห็นนี้")
    world.put("comment", "removed", comment_remove(comment=taken_back, member=c.malee))
    open_flag = flag_create(reporter=c.prasert, reason="ลิงก์เสีย", post=world.get("post", "public"))
    world.put("flag", "public", open_flag)
    done = flag_create(reporter=c.prasert, reason="ซ้ำ", post=question)
    world.put("flag", "removed", flag_resolve(flag=done, moderator=c.admin, remove=False))


def _on_post(name: str):  # type: ignore[no-untyped-def]
    return lambda w, s: reverse(f"comments:{name}", args=[w.get("post", s).number])


def _on_comment(name: str):  # type: ignore[no-untyped-def]
    return lambda w, s: reverse(f"comments:{name}", args=[w.get("comment", s).pk])


ON_READABLE_POST = {
    "public": "302 302 302 302 302",
    "closed": "302 404 302 302 302",
    "secret": "302 404 302 302 302",
    "draft": "302 404 404 404 404",  # nobody comments on, flowers or flags a draft
    "removed": "302 404 404 404 404",
}
ALL_302 = "302 302 302 302 302"

ROUTES = [
    # Guests may comment (held for the owner) on what they can read.
    route("comments:create", _on_post("create"), method="POST",
          data=lambda w, s: {"body": "ขอบคุณครับ", "guest_name": "แขก"},
          public=ALL_302, closed="404 404 302 302 302", secret="404 404 302 302 302",
          draft="404 404 404 404 404", removed="404 404 404 404 404"),
    route("comments:flower", _on_post("flower"), method="POST", **ON_READABLE_POST),
    route("comments:flag-post", _on_post("flag-post"),
          public="302 200 200 200 200", closed="302 404 200 200 200",
          secret="302 404 200 200 200", draft="302 404 404 404 404",
          removed="302 404 404 404 404"),
    # Approving is for the blog owner (somying) and staff; others get 403 if they can see
    # the comment, 404 if they cannot (a held or removed comment, a members-only post).
    route("comments:approve", _on_comment("approve"), method="POST",
          public="302 403 302 403 302", closed="302 404 403 403 302",
          secret="302 404 403 403 302", draft="302 404 302 404 302",
          removed="302 404 404 404 302"),
    # Removing: the author (malee wrote "public", somying the members-only ones) too.
    route("comments:remove", _on_comment("remove"), method="POST",
          public="302 403 302 302 302", closed="302 404 302 403 302",
          secret="302 404 302 403 302", draft="302 404 302 404 302",
          removed="302 404 404 404 302"),
    # Accepting is the asker's (somying's). On a post that is not a question, or a comment
    # not yet published, the answer is a message on the post page, whoever asks.
    route("comments:accept", _on_comment("accept"), method="POST",
          public="302 403 302 403 403", closed="302 404 302 302 302",
          secret="302 404 302 302 302", draft="302 404 302 404 403",
          removed="302 404 404 404 403"),
    route("comments:flag-comment", _on_comment("flag-comment"),
          public="302 200 200 200 200", closed="302 404 200 200 200",
          secret="302 404 200 200 200", draft="302 404 200 404 200",
          removed="302 404 404 404 200"),
    # Each blog owner reviews the held comments of their own blogs: somying's only.
    route("comments:moderation", lambda w, s: reverse("comments:moderation"),
          shows=lambda w, s: w.get("comment", s).body, draft="302 200- 200+ 200- 200-"),
    route("comments:flags", lambda w, s: reverse("comments:flags"),
          shows=lambda w, s: w.get("flag", s).reason,
          public="302 403 403 403 200+", removed="302 403 403 403 200-"),
    route("comments:flag-resolve",
          lambda w, s: reverse("comments:flag-resolve", args=[w.get("flag", s).pk]),
          method="POST", data=lambda w, s: {"action": "keep"},
          public="302 403 403 403 302", removed="302 403 403 403 404"),
]  # fmt: skip

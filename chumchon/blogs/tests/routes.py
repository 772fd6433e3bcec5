"""Permission-matrix entries for the blogs app (see chumchon/core/tests/matrix.py).

Posts in the closed and secret states (members-only in a community) come from the
communities app's `prepare`.
"""

from __future__ import annotations

from django.urls import reverse

from chumchon.blogs.services import post_remove
from chumchon.core.testing import make_post
from chumchon.core.tests.matrix import World, route


def prepare(world: World) -> None:
    blog = world.cast.somchai_blog
    world.put("post", "public", make_post(blog, title="บันทึกสาธารณะ"))
    world.put("post", "draft", make_post(blog, title="บันทึกร่าง", publish=False))
    removed = make_post(blog, title="บันทึกที่ถูกลบ")
    world.put("post", "removed", post_remove(post=removed, member=world.cast.somchai))


def _post(w: World, s: str) -> str:
    return reverse("blogs:post-detail", args=[w.get("post", s).number])


ROUTES = [
    route("blogs:post-detail", _post,
          public="200 200 200 200 200",
          closed="404 404 200 200 200",   # members-only in a closed community
          secret="404 404 200 200 200",
          draft="404 404 404 404 200",    # only its author (somchai) and staff
          removed="404 404 404 404 200"),
    route("blogs:blog-detail",
          lambda w, s: reverse("blogs:blog-detail", args=["somchai", w.cast.somchai_blog.slug]),
          public="200 200 200 200 200"),
]  # fmt: skip

"""Permission-matrix entries for the blogs app (see chumchon/core/tests/matrix.py).

States are those of a post in somchai's blog (somchai is none of the matrix roles):
public, draft, removed; closed and secret are posts he shared members-only into the
closed and secret communities (made by the communities app's `prepare`). Lists of posts
declare whether that post shows (`200+`) or not (`200-`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from chumchon.blogs.services import post_remove
from chumchon.core.testing import make_post
from chumchon.core.tests.matrix import MATRIX_TAG, World, route


def prepare(world: World) -> None:
    blog = world.cast.somchai_blog
    public = make_post(blog, title="บันทึกสาธารณะ (matrix-public)", tags=[MATRIX_TAG])
    draft = make_post(blog, title="บันทึกร่าง (matrix-draft)", publish=False, tags=[MATRIX_TAG])
    removed = make_post(blog, title="บันทึกที่ถูกลบ (matrix-removed)", tags=[MATRIX_TAG])
    world.put("post", "public", public)
    world.put("post", "draft", draft)
    world.put("post", "removed", post_remove(post=removed, member=world.cast.somchai))


def post_title(w: World, s: str) -> str:
    """What a list shows of the state's post."""
    return w.get("post", s).title


def post_path(w: World, s: str) -> str:
    return w.get("post", s).get_absolute_url()


# How a list of posts read as the visitor answers: members-only posts show to members of
# their community (member, facilitator) and to staff; drafts and removed posts to no one.
AS_VISITOR = {
    "public": "200+ 200+ 200+ 200+ 200+",
    "closed": "200- 200- 200+ 200+ 200+",
    "secret": "200- 200- 200+ 200+ 200+",
    "draft": "200- 200- 200- 200- 200-",
    "removed": "200- 200- 200- 200- 200-",
}
# Feeds and the sitemap are read as nobody in particular: only public posts.
AS_ANYONE = {
    "public": "200+ 200+ 200+ 200+ 200+",
    "closed": "200- 200- 200- 200- 200-",
    "secret": "200- 200- 200- 200- 200-",
    "draft": "200- 200- 200- 200- 200-",
    "removed": "200- 200- 200- 200- 200-",
}
ALL_200 = "200 200 200 200 200"
SIGNED_IN = "302 200 200 200 200"


def _plain(name: str) -> Callable[[World, str], str]:
    return lambda w, s: reverse(name)


def _somchai_blog(w: World, s: str, key: str) -> str:
    return reverse(key, args=["somchai", w.cast.somchai_blog.slug])


ROUTES = [
    route("blogs:post-list", _plain("blogs:post-list"), shows=post_title, **AS_VISITOR),
    route("blogs:post-detail", post_path,
          public=ALL_200,
          closed="404 404 200 200 200",   # members-only in a closed community
          secret="404 404 200 200 200",
          draft="404 404 404 404 200",    # only its author (somchai) and staff
          removed="404 404 404 404 200"),
    # Others may not edit: 403 when they can read the post, 404 when they cannot.
    route("blogs:post-edit", lambda w, s: f"{post_path(w, s)}/edit",
          public="302 403 403 403 200",
          closed="302 404 403 403 200",
          secret="302 404 403 403 200",
          draft="302 404 404 404 200",
          removed="302 404 404 404 200"),
    # Only somying (member) keeps a blog; the others are sent to start one first.
    route("blogs:post-write", _plain("blogs:post-write"), public="302 302 200 302 302"),
    route("blogs:post-preview", _plain("blogs:post-preview"), method="POST",
          data=lambda w, s: {"body": "**ตัวหนา**"}, public=SIGNED_IN),
    # Drafts are one's own: nobody else's draft is listed, not even for staff.
    route("blogs:drafts", _plain("blogs:drafts"), shows=post_title,
          draft="302 200- 200- 200- 200-"),
    route("blogs:blog-create", _plain("blogs:blog-create"), public=SIGNED_IN),
    route("blogs:blog-detail", _somchai_blog,
          shows=post_title, **AS_VISITOR),
    # A blog is edited by its owner only (staff use the admin): somying's blog.
    route("blogs:blog-edit",
          lambda w, s: reverse("blogs:blog-edit", args=["somying", w.cast.somying_blog.slug]),
          public="302 404 200 404 404"),
    route("blogs:feed-*", _somchai_blog, shows=post_title, **AS_ANYONE),  # RSS and Atom
    route("blogs:tag-feed-*", lambda w, s, k: reverse(k, args=[MATRIX_TAG]), shows=post_title,
          **AS_ANYONE),
]  # fmt: skip

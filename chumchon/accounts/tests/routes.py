"""Permission-matrix entries for the accounts app (see chumchon/core/tests/matrix.py).

A profile and a member's feeds list somchai's posts: the states are those of his post
(see chumchon/blogs/tests/routes.py). For the password-reset link, "public" is a link
just sent and "removed" one that no longer works.
"""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from chumchon.blogs.tests.routes import AS_ANYONE, AS_VISITOR, post_title
from chumchon.core.tests.matrix import World, route

ALL_200 = "200 200 200 200 200"
ALL_302 = "302 302 302 302 302"


def _reset_link(w: World, s: str) -> str:
    member = w.cast.somchai
    token = default_token_generator.make_token(member) if s == "public" else "used-up-token"
    uid = urlsafe_base64_encode(force_bytes(member.pk))
    return reverse("accounts:password-reset-confirm", args=[uid, token])


def _plain(name: str):  # type: ignore[no-untyped-def]
    return lambda w, s: reverse(name)


ROUTES = [
    route("accounts:signup", _plain("accounts:signup"), public="200 302 302 302 302"),
    route("accounts:login", _plain("accounts:login"), public="200 302 302 302 302"),
    route("accounts:logout", _plain("accounts:logout"), method="POST", public=ALL_302),
    route("accounts:profile", lambda w, s: reverse("accounts:profile", args=["somchai"]),
          shows=post_title, **AS_VISITOR),
    route("accounts:profile-edit", _plain("accounts:profile-edit"), public="302 200 200 200 200"),
    route("accounts:password-reset", _plain("accounts:password-reset"), public=ALL_200),
    route("accounts:password-reset-done", _plain("accounts:password-reset-done"),
          public=ALL_200),
    # A good link moves its token into the session and redirects to the form; a bad one
    # says so on a page of its own.
    route("accounts:password-reset-confirm", _reset_link, public=ALL_302, removed=ALL_200),
    route("accounts:password-reset-complete", _plain("accounts:password-reset-complete"),
          public=ALL_200),
    route("accounts:feed-*", lambda w, s, k: reverse(k, args=["somchai"]), shows=post_title,
          **AS_ANYONE),
]  # fmt: skip

"""Permission-matrix entries for notifications (see chumchon/core/tests/matrix.py)."""

from __future__ import annotations

from chumchon.core.tests.matrix import World, route
from chumchon.notifications.digests import unsubscribe_token

SIGNED_IN = "302 200 200 200 200"


def _unsubscribe(w: World, s: str) -> str:
    # The signed link works for whoever holds it, signed in or not; a forged one never.
    token = unsubscribe_token(w.cast.somying)
    return f"/unsubscribe/{token if s == 'public' else token[:-2] + 'xx'}"


ROUTES = [
    # codes per role: anonymous outsider member facilitator staff
    route("notifications:list", lambda w, s: "/notifications", public=SIGNED_IN),
    route("notifications:badge", lambda w, s: "/notifications/badge", public=SIGNED_IN),
    route("notifications:mark-all-read", lambda w, s: "/notifications/read", method="POST",
          public="302 302 302 302 302"),
    route("notifications:settings", lambda w, s: "/settings/notifications", public=SIGNED_IN),
    route("notifications:unsubscribe", _unsubscribe,
          public="200 200 200 200 200", removed="400 400 400 400 400"),
]  # fmt: skip

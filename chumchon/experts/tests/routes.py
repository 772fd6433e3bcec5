"""Permission-matrix entries for the experts app (see chumchon/core/tests/matrix.py).

The finder answers every viewer; what differs between viewers (closed and secret
communities' evidence) is in the ranking, tested in test_communities.py.
"""

from __future__ import annotations

from django.urls import reverse

from chumchon.core.tests.matrix import route

ALL_200 = "200 200 200 200 200"
# Anyone signed in may endorse the member somchai (nobody here is somchai).
SIGNED_IN_POST = "302 302 302 302 302"

ROUTES = [
    route("experts:list", lambda w, s: reverse("experts:list") + "?q=AAR", public=ALL_200),
    route("api:experts", lambda w, s: reverse("api:experts") + "?q=AAR", public=ALL_200),
    route("experts:tag", lambda w, s: reverse("experts:tag", args=["AAR"]), public=ALL_200),
    route("experts:member", lambda w, s: reverse("experts:member", args=["somchai"]),
          public=ALL_200),
    route("experts:settings", lambda w, s: reverse("experts:settings"),
          public="302 200 200 200 200"),
    route("experts:endorse", lambda w, s: reverse("experts:endorse", args=["somchai"]),
          method="POST", data=lambda w, s: {"tag": "AAR"}, public=SIGNED_IN_POST),
    route("experts:withdraw", lambda w, s: reverse("experts:withdraw", args=["somchai"]),
          method="POST", data=lambda w, s: {"tag": "AAR"}, public=SIGNED_IN_POST),
]  # fmt: skip

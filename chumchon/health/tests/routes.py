"""Permission-matrix entries for the health app (see chumchon/core/tests/matrix.py).

Uses the communities app's objects: the community of each state, with somying a member
and malee its facilitator. A community's health is for its members (and staff and the KM
committee); outsiders of a secret community do not learn it exists.
"""

from __future__ import annotations

from django.urls import reverse

from chumchon.core.tests.matrix import World, route

MEMBERS_ONLY = {
    "public": "403 403 200 200 200",
    "closed": "403 403 200 200 200",
    "secret": "404 404 200 200 200",
}
COMMITTEE_ONLY = "403 403 403 403 200"


def _c(name: str):  # type: ignore[no-untyped-def]
    return lambda w, s: reverse(f"health:{name}", args=[w.get("community", s).slug])


def _plain(name: str):  # type: ignore[no-untyped-def]
    return lambda w, s: reverse(f"health:{name}")


def _api(w: World, s: str) -> str:
    return reverse("api:community_health", args=[w.get("community", s).slug])


ROUTES = [
    route("health:community", _c("community"), **MEMBERS_ONLY),
    route("health:community-csv", _c("community-csv"), **MEMBERS_ONLY),
    route("health:community-pdf", _c("community-pdf"), **MEMBERS_ONLY),
    route("health:organisation", _plain("organisation"), public=COMMITTEE_ONLY),
    route("health:organisation-csv", _plain("organisation-csv"), public=COMMITTEE_ONLY),
    route("health:organisation-pdf", _plain("organisation-pdf"), public=COMMITTEE_ONLY),
    route("health:research", _plain("research"), public=COMMITTEE_ONLY),
    route("api:community_health", _api, **MEMBERS_ONLY),
]

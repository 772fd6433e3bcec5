"""Permission-matrix entries for search (see chumchon/core/tests/matrix.py).

Both routes search for MATRIX_TAG, which every post the matrix makes carries, and say
whether the state's post is among the results: a members-only post of the closed or
secret community only for its members and staff, a draft only for staff (its author
somchai is none of the roles), a removed post for no one.
"""

from __future__ import annotations

from django.apps import apps
from django.urls import reverse
from django.utils.http import urlencode

from chumchon.core.tests.matrix import MATRIX_TAG, World, route
from chumchon.search.indexing import reindex

# The matrix's test data is written inside one transaction that never commits, so the
# index is not kept up on commit: build it once everyone else has made their objects.
PREPARE_AFTER = tuple(
    config.label
    for config in apps.get_app_configs()
    if config.name.startswith("chumchon.") and config.label != "search"
)


def prepare(world: World) -> None:
    reindex(workers=1)


def _post_marker(w: World, s: str) -> str:
    """Each matrix post's title ends with "(matrix-<state>)", ASCII even in escaped JSON."""
    return f"(matrix-{s})"


def _search(name: str):  # type: ignore[no-untyped-def]
    return lambda w, s: f"{reverse(name)}?{urlencode({'q': MATRIX_TAG})}"


AS_SEARCHER = {
    "public": "200+ 200+ 200+ 200+ 200+",
    "closed": "200- 200- 200+ 200+ 200+",
    "secret": "200- 200- 200+ 200+ 200+",
    "draft": "200- 200- 200- 200- 200+",
    "removed": "200- 200- 200- 200- 200-",
}

ROUTES = [
    route("search:search", _search("search:search"), shows=_post_marker, **AS_SEARCHER),
    route("api:search_api", _search("api:search_api"), shows=_post_marker, **AS_SEARCHER),
]

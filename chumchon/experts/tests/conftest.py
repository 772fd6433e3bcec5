from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.fixture
def index(db: None) -> Callable[[], object]:
    """Call after writing test data: services index on commit, which tests never reach.
    Rebuilds the search index and the expertise table."""
    from chumchon.experts.expertise import expertise_rebuild
    from chumchon.search.indexing import reindex

    def build() -> None:
        reindex(workers=1)
        expertise_rebuild(workers=1)

    return build

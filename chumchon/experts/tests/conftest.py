from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.fixture
def index(db: None) -> Callable[[], object]:
    """Call after writing test data: services index on commit, which tests never reach."""
    from chumchon.search.indexing import reindex

    return lambda: reindex(workers=1)

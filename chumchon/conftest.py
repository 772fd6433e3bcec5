from __future__ import annotations

import os

import pytest

from chumchon.core.testing import Cast, build_cast

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made
# from that thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def cast(db: None) -> Cast:
    return build_cast()

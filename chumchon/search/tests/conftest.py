from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def write(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Run a service and then its after-commit effects (the search index), as in production."""

    def run(service: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return service(*args, **kwargs)

    return run

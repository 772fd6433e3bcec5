"""Demo step "health": fill the count tables and snapshots, as `chumchon health-refresh
--full` does, so a fresh demo's dashboards show numbers, stages and findings at once."""

from __future__ import annotations

from collections.abc import Callable

from chumchon.health.models import Snapshot
from chumchon.health.services import health_refresh


def size(ctx: object) -> int:
    return 1


def is_loaded(ctx: object) -> bool:
    return Snapshot.objects.exists()


def load(ctx: object, advance: Callable[[], object]) -> None:
    health_refresh(full=True)
    advance()

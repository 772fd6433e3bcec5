"""The arithmetic of community health: pure functions over numbers the count tables hold.

Every definition is written once here and explained in docs/health.md; the tests work
each one out by hand on small communities.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence

REPLY_WINDOW = dt.timedelta(days=7)
RETENTION_WINDOW_DAYS = 60
TOP_SHARE = 0.10
CORE_SHARE = 0.5


def ratio(part: float, whole: float) -> float | None:
    """part / whole, or None when there is nothing to divide (shown as "–", never as 0)."""
    return part / whole if whole else None


def median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def reply_rate(first_reply_seconds: Iterable[float | None]) -> float | None:
    """Share of posts answered by someone other than their author within seven days."""
    values = list(first_reply_seconds)
    answered = sum(1 for s in values if s is not None and s <= REPLY_WINDOW.total_seconds())
    return ratio(answered, len(values))


def reciprocity(pairs: Mapping[tuple[int, int], int]) -> float | None:
    """Share of connected pairs of people who have replied to each other both ways.

    `pairs` maps (who replied, to whom) to a count. A pair that talks both ways counts once.
    """
    talking = {p: n for p, n in pairs.items() if n > 0 and p[0] != p[1]}
    undirected = {frozenset(p) for p in talking}
    both = {frozenset(p) for p in talking if (p[1], p[0]) in talking}
    return ratio(len(both), len(undirected))


def gini(values: Iterable[float]) -> float | None:
    """Gini coefficient of contributions among contributors: 0 all equal, →1 one does all."""
    ordered = sorted(v for v in values if v > 0)
    n, total = len(ordered), sum(ordered)
    if not n or not total:
        return None
    weighted = sum(i * v for i, v in enumerate(ordered, start=1))
    return (2 * weighted) / (n * total) - (n + 1) / n


def top_share(values: Iterable[float], share: float = TOP_SHARE) -> float | None:
    """Share of all contributions made by the top `share` of contributors (at least one)."""
    ordered = sorted((v for v in values if v > 0), reverse=True)
    if not ordered:
        return None
    top = max(1, math.ceil(len(ordered) * share))
    return sum(ordered[:top]) / sum(ordered)


def core_members(contributions: Mapping[int, int]) -> list[int]:
    """The fewest top contributors who together made at least half of all contributions."""
    ranked = sorted(
        ((n, m) for m, n in contributions.items() if n > 0), key=lambda x: (-x[0], x[1])
    )
    total = sum(n for n, _m in ranked)
    core: list[int] = []
    running = 0
    for n, member in ranked:
        if running >= total * CORE_SHARE:
            break
        core.append(member)
        running += n
    return core


def newcomer_retention(
    first_days: Mapping[int, dt.date],
    active_days: Mapping[int, Iterable[dt.date]],
    window_days: int = RETENTION_WINDOW_DAYS,
) -> tuple[int, int]:
    """(newcomers, retained): a newcomer is retained when they contribute again, on a later
    day, within `window_days` of their first contribution."""
    retained = 0
    for member, first in first_days.items():
        limit = first + dt.timedelta(days=window_days)
        if any(first < day <= limit for day in active_days.get(member, ())):
            retained += 1
    return len(first_days), retained


def at_risk(
    previous: Mapping[int, int], current: Mapping[int, int], core: Iterable[int]
) -> list[int]:
    """Core members of the previous period who contributed less than half as much now."""
    return sorted(m for m in core if current.get(m, 0) * 2 < previous.get(m, 0))


def change(current: float | None, previous: float | None) -> float | None:
    """Relative change, e.g. 0.25 for a quarter more; None when there was nothing before."""
    if current is None or not previous:
        return None
    return (current - previous) / previous

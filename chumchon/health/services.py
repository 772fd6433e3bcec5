"""Writes of the health app: filling the count tables and keeping snapshots of them."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from chumchon.blogs.models import Post
from chumchon.health import report, sources
from chumchon.health.fill import Filler, bulk_settings, local_day
from chumchon.health.lifecycle import LifecycleFacts, stage
from chumchon.health.models import (
    ORGANISATION,
    FillState,
    MemberDay,
    MemberFirst,
    PairDay,
    PairFirst,
    PeriodFacts,
    ScopeDay,
    Snapshot,
    TagUnitDay,
    ThreadFact,
)
from chumchon.health.periods import KINDS, Period, period_containing, periods_touching
from chumchon.health.score import health_score

STATE = "counts"
DAY = dt.timedelta(days=1)
Bar = Callable[[str, int], Callable[[int], None]]  # (description, total) -> advance(n)


@dataclass
class RefreshResult:
    start: dt.date | None
    end: dt.date
    days: int
    posts: int
    snapshots: int
    seconds: float


def _first_day() -> dt.date | None:
    first = Post.objects.published().aggregate(first=Min("published_at"))["first"]
    return local_day(first) if first else None


def _truncate() -> None:
    for model in (
        ScopeDay,
        MemberDay,
        MemberFirst,
        PairDay,
        PairFirst,
        ThreadFact,
        TagUnitDay,
        Snapshot,
        PeriodFacts,
    ):
        model.objects.all().delete()


def health_refresh(
    *,
    full: bool = False,
    since: dt.date | None = None,
    today: dt.date | None = None,
    bar: Bar | None = None,
    snapshots: bool = True,
) -> RefreshResult:
    """Bring the count tables up to date, then recompute the current periods' snapshots
    of the scopes that changed.

    Without `full` or `since`, it re-counts from the last day it had filled (which may
    have been partial) to today. The whole range is counted in one transaction, so pages
    read either the old counts or the new ones.
    """
    with bulk_settings():
        return _refresh(full=full, since=since, today=today, bar=bar, snapshots=snapshots)


def _refresh(
    *, full: bool, since: dt.date | None, today: dt.date | None, bar: Bar | None, snapshots: bool
) -> RefreshResult:
    began = time.monotonic()
    today = today or timezone.localdate()
    end = today + DAY
    state, _created = FillState.objects.get_or_create(name=STATE)
    if full:
        _truncate()
        start = _first_day() or today
    else:
        start = since or state.filled_until or _first_day() or today
    advance = bar("counts", 1) if bar else None
    filled = Filler(full=full).fill(start, end)
    if advance:
        advance(1)
    if full:
        changed = None
    else:
        changed = filled.scopes
        _forget_snapshots(start, end, filled.post_days, changed)
    made = snapshots_refresh(today=today, bar=bar, scopes=changed) if snapshots else 0
    seconds = time.monotonic() - began
    state.filled_until = today
    state.last_run_at = timezone.now()
    state.last_run_seconds = seconds
    state.save()
    return RefreshResult(start, end, (end - start).days, filled.posts, made, seconds)


def _forget_snapshots(
    start: dt.date, end: dt.date, post_days: set[dt.date], scopes: set[int]
) -> None:
    """Forget the changed scopes' snapshots of periods holding a refilled day or the
    publication day of a post whose conversation changed (a late comment changes an old
    month's reply rate)."""
    periods = periods_touching(start, end - DAY)
    PeriodFacts.objects.filter(period__in=sorted(p.key for p in periods)).delete()
    for day in post_days:
        if day < start:
            periods |= {period_containing(kind, day) for kind in KINDS}
    Snapshot.objects.filter(
        period__in=sorted(p.key for p in periods), scope__in=sorted(scopes)
    ).delete()


def current_periods(today: dt.date) -> list[Period]:
    return [period_containing(kind, today) for kind in KINDS]


def snapshots_refresh(
    *, today: dt.date, bar: Bar | None = None, scopes: set[int] | None = None
) -> int:
    """Compute the current month's, quarter's and fiscal year's snapshots: of every scope,
    or of `scopes` plus those whose current snapshot is missing or was computed before
    today (its 30- and 90-day windows have moved)."""
    every = [ORGANISATION, *sources.community_ids()]
    periods = current_periods(today)
    todo = [(scope, period) for scope in every for period in periods]
    if scopes is not None:
        fresh = set(
            Snapshot.objects.filter(
                period__in=[p.key for p in periods], computed_at__gte=_start_of(today)
            ).values_list("scope", "period")
        )
        todo = [(s, p) for s, p in todo if s in scopes or (s, p.key) not in fresh]
    advance = bar("snapshots", len(todo)) if bar else None
    shared = report.shared_for(today)
    for scope, period in todo:
        snapshot_get(scope=scope, period=period, today=today, refresh=True, shared=shared)
        if advance:
            advance(1)
    return len(todo)


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def snapshot_get(
    *,
    scope: int,
    period: Period,
    today: dt.date | None = None,
    refresh: bool = False,
    shared: report.Shared | None = None,
) -> dict[str, Any]:
    """The snapshot of a scope and period, computed from the count tables if not kept yet
    (`shared`: what the other snapshots of the same refresh found, see `report.Shared`)."""
    if not refresh:
        kept = Snapshot.objects.for_scope(scope, period.key).values_list("data", flat=True).first()
        if kept is not None:
            return kept
    today = today or timezone.localdate()
    before = _facts_kept(scope, period, today)
    data = report.build(scope, period, today=today, before=before, shared=shared)
    metrics = data["metrics"]
    score, _parts = health_score(metrics, data["previous"], elapsed=period.elapsed(today))
    with transaction.atomic():
        Snapshot.objects.update_or_create(
            scope=scope, period=period.key,
            defaults={
                "start": period.start, "end": period.end, "data": data,
                "score": score, "stage": stage(LifecycleFacts(**data["lifecycle"])),
                "activity": metrics["posts"] + metrics["comments"],
                "contributors": metrics["contributors"], "computed_at": timezone.now(),
            },
        )  # fmt: skip
    return data


def _facts_kept(scope: int, period: Period, today: dt.date) -> dict[str, Any] | None:
    """The previous period's facts, kept once that period is over (before today)."""
    before = period.previous()
    if before.end > today:
        return None
    kept = PeriodFacts.objects.filter(scope=scope, period=before.key).values_list("data", flat=True)
    facts = kept.first()
    if facts is None:
        facts = report.previous_facts(scope, before, today=today)
        PeriodFacts.objects.update_or_create(
            scope=scope, period=before.key, defaults={"data": facts}
        )
    return facts


def snapshots_ensure(*, scopes: list[int], period: Period, limit: int = 100) -> int:
    """Compute the snapshots of these scopes for a period that are not kept yet (at most
    `limit` per call, so one page load stays bounded); returns how many it made."""
    kept = set(
        Snapshot.objects.filter(period=period.key, scope__in=scopes).values_list("scope", flat=True)
    )
    missing = [s for s in scopes if s not in kept][:limit]
    for scope in missing:
        snapshot_get(scope=scope, period=period, refresh=True)
    return len(missing)


def snapshot_version(*, scope: int, period: Period) -> str:
    """When the kept snapshot of a scope and period was computed (computing it first if
    it is missing): the part of a page's cache key that changes with every refresh."""
    kept = Snapshot.objects.for_scope(scope, period.key).values_list("pk", "computed_at").first()
    if kept is None:
        snapshot_get(scope=scope, period=period, refresh=True)
        kept = Snapshot.objects.for_scope(scope, period.key).values_list("pk", "computed_at").get()
    return f"{kept[0]}.{kept[1].timestamp():.6f}"

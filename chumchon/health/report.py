"""A scope's metrics for a period, computed from the count tables only.

The result is a plain JSON-able dict kept in a Snapshot: `metrics` and `previous` (keys
of chumchon.health.metrics), chart `series`, `lifecycle` facts, the `map` of who replies
to whom, and lists of people and units by id (names are looked up when shown).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Sum

from chumchon.health import calc, counts, network, sources
from chumchon.health.models import (
    ORGANISATION,
    PairDay,
    PairFirst,
    ScopeDay,
    TagUnitDay,
    ThreadFact,
)
from chumchon.health.periods import Period

KINDS = ("article", "story", "aar", "journal", "question")
PLAIN_STATS = (
    "comments", "sessions", "session_attendance", "assets_published", "members_joined",
    "members_left", "links_to_posts", "links_to_assets", "aar_followups",
)  # fmt: skip
ACTIVITY_STATS = [f"posts_{k}" for k in KINDS] + ["comments"]
DAY = dt.timedelta(days=1)


# Metrics of a closed period that a later day's activity can still change: newcomers return
# within 60 days, and late comments change when old posts were first answered.
LATE_CHANGING = (
    "newcomers", "newcomer_retention", "reply_rate", "unanswered",
    "median_first_reply_hours", "thread_depth",
)  # fmt: skip


@dataclass
class Shared:
    """What the snapshots of one refresh share. The current month, quarter and fiscal year
    of a scope all end today as far as the counts go, so their lifecycle facts are the same;
    and when two periods hold the same counted days (in the first quarter of a fiscal year,
    the quarter so far is the year so far) their metrics and network are the same too. That
    holds only while nothing is counted after today, which `shared_for` checks."""

    today: dt.date
    horizon: dt.date | None  # the day after the last counted day, if it is not after today
    found: dict[tuple, Any] = field(default_factory=dict)

    def key(self, scope: int, period: Period) -> tuple:
        end = min(period.end, self.horizon) if self.horizon else period.end
        return (scope, period.start, end)


def shared_for(today: dt.date) -> Shared:
    last = max(
        (d for d in (_last_day(ScopeDay), _last_day(ThreadFact)) if d is not None), default=None
    )
    return Shared(today, today + DAY if last is None or last <= today else None)


def _last_day(model: type) -> dt.date | None:
    return model.objects.aggregate(last=Max("day"))["last"]


def previous_facts(scope: int, period: Period, *, today: dt.date) -> dict[str, Any]:
    """What a snapshot needs of the period before it, in a form worth keeping while none of
    the period's days is refilled: its metrics but the late-changing ones, and the
    contributions of its core members (for who is drifting away)."""
    found = period_metrics(scope, period.start, period.end, today=today, lean=True)
    metrics = {k: v for k, v in found["metrics"].items() if k not in LATE_CHANGING}
    core_counts = [[m, found["counts"][m]] for m in found["core"]]
    return {"metrics": metrics, "core_counts": core_counts}


def previous_from_facts(scope: int, period: Period, facts: dict[str, Any]) -> dict[str, Any]:
    """The previous period's part of `build`, from kept facts plus the late-changing metrics
    counted again."""
    metrics = dict(facts["metrics"])
    metrics.update(counts.newcomers(scope, period.start, period.end))
    metrics.update(counts.conversation_in_db(scope, period.start, period.end))
    core = [m for m, _n in facts["core_counts"]]
    return {"metrics": metrics, "counts": dict(facts["core_counts"]), "core": core}


def period_metrics(
    scope: int, start: dt.date, end: dt.date, *, today: dt.date, lean: bool = False
) -> dict[str, Any]:
    """The metrics of [start, end) plus what the rest of the snapshot is built from.

    `lean` is for `previous_facts`: it leaves out the late-changing metrics (counted again
    anyway) and counts reciprocity in the database, so neither the period's threads nor
    its pairs come into Python (a whole year of them, for the year before)."""
    sums = counts.sums(scope, start, end)
    metrics: dict[str, Any] = {f"posts_{k}": sums.get(f"posts_{k}", 0) for k in KINDS}
    metrics["posts"] = sum(metrics.values())
    metrics.update({k: sums.get(k, 0) for k in PLAIN_STATS})
    as_of = min(end, today + DAY)
    metrics["members"] = counts.members_total(scope, end)
    metrics["active_30d"] = counts.active(scope, as_of - 30 * DAY, as_of)
    metrics["active_90d"] = counts.active(scope, as_of - 90 * DAY, as_of)

    people = counts.contributions(scope, start, end)
    per_person = {m: v[0] for m, v in people.items()}
    metrics["contributors"] = len(people)
    metrics["units"] = len({v[1] for v in people.values()} - {None})
    metrics["organisations"] = len({v[2] for v in people.values()} - {None})
    metrics["gini"] = calc.gini(per_person.values())
    metrics["top10_share"] = calc.top_share(per_person.values())
    core = calc.core_members(per_person)
    metrics["core"] = len(core)
    metrics["periphery"] = len(people) - len(core)
    metrics["lurkers"] = max(0, metrics["members"] - len(people)) if scope != ORGANISATION else None

    threads = [] if lean else counts.threads(scope, start, end)
    if not lean:
        metrics.update(counts.newcomers(scope, start, end))
        metrics.update(counts.conversation(threads))

    interactions, cross_unit, cross_org = counts.pair_totals(scope, start, end)
    metrics["interactions"] = interactions
    metrics["cross_unit_share"] = calc.ratio(cross_unit, interactions)
    metrics["cross_org_share"] = calc.ratio(cross_org, interactions)
    # The organisation's page draws units, not people: its pairs stay in the database.
    pairs = counts.pairs(scope, start, end) if scope != ORGANISATION and not lean else {}
    metrics["reciprocity"] = (
        calc.reciprocity(pairs) if pairs else counts.reciprocity(scope, start, end)
    )
    metrics["new_connections"] = PairFirst.objects.filter(
        scope=scope, first_day__gte=start, first_day__lt=end
    ).count()
    return {
        "metrics": metrics, "counts": per_person, "core": core, "people": people,
        "pairs": pairs, "threads": threads,
    }  # fmt: skip


def _network(
    current: dict[str, Any], previous: dict[str, Any], scope: int, kept: dict[str, Any]
) -> dict[str, Any]:
    """The network part of a snapshot; `kept` holds the summary and map of the current
    period's pairs once computed (shared by periods with the same counted days)."""
    metrics = current["metrics"]
    units = {m: v[1] for m, v in current["people"].items()}
    at_risk = calc.at_risk(previous["counts"], current["counts"], previous["core"])
    metrics["at_risk"] = len(at_risk)
    if scope == ORGANISATION:
        # The whole organisation's person network is too large to be useful; its page
        # shows the map of units instead.
        for key in (
            "network_people",
            "network_ties",
            "density",
            "components",
            "clustering",
            "brokers",
        ):
            metrics[key] = None
        return {"at_risk": at_risk, "brokers": [], "map": {"nodes": [], "edges": []}}
    if "summary" not in kept:
        kept["summary"] = network.summarise(current["pairs"], units)
        kept["map"] = network.map_data(current["pairs"], current["counts"])
    summary = kept["summary"]
    metrics.update(
        network_people=summary.people, network_ties=summary.ties, density=summary.density,
        components=summary.components, clustering=summary.clustering,
        brokers=len(summary.brokers),
    )  # fmt: skip
    nodes, edges = kept["map"]
    return {
        "at_risk": at_risk,
        "brokers": [[m, round(summary.betweenness[m], 4)] for m in summary.brokers],
        "map": {
            "nodes": [[m, current["counts"].get(m, 0), units.get(m)] for m in nodes],
            "edges": [list(e) for e in edges],
        },
    }


def _series(scope: int, period: Period, threads: list) -> dict[str, list]:
    buckets = period.buckets()
    activity = defaultdict(int)
    rows = ScopeDay.objects.filter(
        scope=scope, day__gte=period.start, day__lt=period.end, stat__in=ACTIVITY_STATS
    ).values_list("day", "stat", "value")
    for day, stat, value in rows:
        activity[(day, "comments" if stat == "comments" else "posts")] += value

    def bucket_sum(lo: dt.date, hi: dt.date, what: str) -> int:
        return sum(activity.get((lo + i * DAY, what), 0) for i in range((hi - lo).days))

    starts = [lo for lo, _hi in buckets]
    if all((hi - lo).days == 1 for lo, hi in buckets):
        daily = counts.active_by_day(scope, period.start, period.end)
        contributors = [daily.get(lo, 0) for lo in starts]
    else:
        contributors = counts.active_by_bucket(scope, buckets)
    waits: list[list[float]] = [[] for _b in buckets]
    for day, seconds, _depth in threads:
        if seconds is not None and period.start <= day < period.end:
            waits[bisect.bisect_right(starts, day) - 1].append(seconds / 3600)

    return {
        "starts": [lo.isoformat() for lo, _hi in buckets],
        "posts": [bucket_sum(lo, hi, "posts") for lo, hi in buckets],
        "comments": [bucket_sum(lo, hi, "comments") for lo, hi in buckets],
        "contributors": contributors,
        "reply_hours": [calc.median(w) for w in waits],
    }


def _lifecycle(
    scope: int, period: Period, metrics: dict[str, Any], today: dt.date, shared: Shared | None
) -> dict[str, int]:
    end = min(period.end, today + DAY)
    key = ("lifecycle", scope, end)
    if shared is None or key not in shared.found:
        facts = _lifecycle_facts(scope, end)
        if shared is not None:
            shared.found[key] = facts
    else:
        facts = shared.found[key]
    return {**facts, "contributors_90d": metrics["active_90d"]}


def _lifecycle_facts(scope: int, end: dt.date) -> dict[str, int]:
    monthly: dict[tuple[int, int], int] = defaultdict(int)
    rows = ScopeDay.objects.filter(scope=scope, day__lt=end, stat__in=ACTIVITY_STATS)
    first_day = None
    for day, value in rows.values_list("day", "value"):
        monthly[(day.year, day.month)] += value
        first_day = day if first_day is None or day < first_day else first_day
    ordered = [monthly[k] for k in sorted(monthly)]
    best = max((sum(ordered[i : i + 3]) for i in range(len(ordered))), default=0)
    recent = counts.sums(scope, end - 90 * DAY, end)
    started = sources.community_started(scope) or first_day or end
    return {
        "age_days": max(0, (end - started).days),
        "contributions_90d": sum(recent.get(s, 0) for s in ACTIVITY_STATS),
        "best_contributions_90d": best,
        "assets_total": counts.sums(scope, None, end).get("assets_published", 0),
    }


def _organisation_maps(period: Period) -> dict[str, Any]:
    """Units as nodes and interactions as edges; tags × units; topics held by one unit only."""
    edges = (
        PairDay.objects.filter(scope=ORGANISATION, day__gte=period.start, day__lt=period.end)
        .exclude(source_unit_id=None)
        .exclude(target_unit_id=None)
        .values("source_unit_id", "target_unit_id")
        .annotate(n=Sum("replies"))
        .values_list("source_unit_id", "target_unit_id", "n")
    )
    tags = (
        TagUnitDay.objects.filter(day__gte=period.start, day__lt=period.end)
        .values("tag_id", "unit_id")
        .annotate(n=Sum("posts"))
        .values_list("tag_id", "unit_id", "n")
    )
    by_tag: dict[int, dict] = defaultdict(dict)
    for tag, unit, n in tags:
        by_tag[tag][unit] = n
    top = sorted(by_tag, key=lambda t: (-sum(by_tag[t].values()), t))[:15]
    thin = sorted(
        (t for t, units in by_tag.items() if len(set(units) - {None}) <= 1),
        key=lambda t: (-sum(by_tag[t].values()), t),
    )[:15]
    return {
        "unit_edges": [list(e) for e in edges],
        "tag_units": [
            [t, [[u, n] for u, n in sorted(by_tag[t].items(), key=lambda x: -x[1])]] for t in top
        ],
        "thin_tags": [[t, sum(by_tag[t].values()), next(iter(by_tag[t]))] for t in thin],
    }


def build(
    scope: int,
    period: Period,
    *,
    today: dt.date,
    before: dict[str, Any] | None = None,
    shared: Shared | None = None,
) -> dict[str, Any]:
    """The snapshot's data; `before` is the previous period's `previous_facts` if kept;
    `shared` what the other snapshots of the same refresh found."""
    if shared is None or shared.today != today:
        shared = None
        kept: dict[str, Any] = {
            "current": period_metrics(scope, period.start, period.end, today=today)
        }
    else:
        kept = shared.found.setdefault(shared.key(scope, period), {})
        if "current" not in kept:
            kept["current"] = period_metrics(scope, period.start, period.end, today=today)
    # `_network` adds to the metrics: each snapshot gets its own copy of them.
    current = {**kept["current"], "metrics": dict(kept["current"]["metrics"])}
    earlier = period.previous()
    before = before or previous_facts(scope, earlier, today=today)
    previous = previous_from_facts(scope, earlier, before)
    people = _network(current, previous, scope, kept)
    metrics = current["metrics"]
    top = sorted(current["counts"].items(), key=lambda x: (-x[1], x[0]))[:10]
    data: dict[str, Any] = {
        "scope": scope,
        "period": period.key,
        "metrics": metrics,
        "previous": previous["metrics"],
        "series": _series(scope, period, current["threads"]),
        "lifecycle": _lifecycle(scope, period, metrics, today, shared),
        "top": [list(t) for t in top],
        "units": sorted(
            ([u, n] for u, n in _unit_totals(current["people"]).items()), key=lambda x: -x[1]
        ),
        **people,
    }
    if scope == ORGANISATION:
        data.update(_organisation_maps(period))
    return data


def _unit_totals(people: dict[int, tuple[int, Any, Any]]) -> dict[int, int]:
    totals: dict[int, int] = defaultdict(int)
    for n, unit, _org in people.values():
        if unit is not None:
            totals[unit] += n
    return totals


def scopes_active(start: dt.date, end: dt.date) -> list[int]:
    """Scopes with any activity in [start, end)."""
    rows = (
        ScopeDay.objects.filter(day__gte=start, day__lt=end).values("scope").annotate(n=Count("id"))
    )
    return sorted(r["scope"] for r in rows)

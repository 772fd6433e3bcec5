"""Reading the count tables: the sums, distinct people, pairs and threads of one scope over
a range of days, each one or two queries, for `report` to turn into metrics."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Max, Q, Sum, Value, When

from chumchon.health import calc
from chumchon.health.models import MemberDay, MemberFirst, PairDay, ScopeDay, ThreadFact


def sums(scope: int, start: dt.date | None, end: dt.date) -> dict[str, int]:
    rows = ScopeDay.objects.filter(scope=scope, day__lt=end)
    if start is not None:
        rows = rows.filter(day__gte=start)
    return dict(rows.values("stat").annotate(n=Sum("value")).values_list("stat", "n"))


def contributions(scope: int, start: dt.date, end: dt.date) -> dict[int, tuple[int, Any, Any]]:
    rows = (
        MemberDay.objects.filter(scope=scope, day__gte=start, day__lt=end)
        .values("member_id")
        .annotate(n=Sum("posts") + Sum("comments"), unit=Max("unit_id"), org=Max("organisation_id"))
        .values_list("member_id", "n", "unit", "org")
    )
    return {m: (n, unit, org) for m, n, unit, org in rows}


def active(scope: int, start: dt.date, end: dt.date) -> int:
    # COUNT(DISTINCT) rather than .distinct().count(): SQLite would otherwise walk the
    # (scope, member, day) index for its order instead of the (scope, day) range.
    return MemberDay.objects.filter(scope=scope, day__gte=start, day__lt=end).aggregate(
        n=Count("member_id", distinct=True)
    )["n"]


def active_by_day(scope: int, start: dt.date, end: dt.date) -> dict[dt.date, int]:
    """People active on each day (one MemberDay row per person and day)."""
    rows = (
        MemberDay.objects.filter(scope=scope, day__gte=start, day__lt=end)
        .values("day")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("day", "n")
    )
    return dict(rows)


def active_by_bucket(scope: int, buckets: list[tuple[dt.date, dt.date]]) -> list[int]:
    """People active in each of consecutive buckets [lo, hi), in one query."""
    if not buckets:
        return []
    which = Case(
        *[When(day__lt=hi, then=Value(i)) for i, (_lo, hi) in enumerate(buckets)],
        output_field=IntegerField(),
    )
    rows = (
        MemberDay.objects.filter(scope=scope, day__gte=buckets[0][0], day__lt=buckets[-1][1])
        .annotate(bucket=which)
        .values("bucket")
        .annotate(n=Count("member_id", distinct=True))
        .order_by()
        .values_list("bucket", "n")
    )
    found = dict(rows)
    return [found.get(i, 0) for i in range(len(buckets))]


def pair_totals(scope: int, start: dt.date, end: dt.date) -> tuple[int, int, int]:
    """(replies, across units, across organisations) in [start, end)."""
    totals = PairDay.objects.filter(scope=scope, day__gte=start, day__lt=end).aggregate(
        n=Sum("replies"),
        cu=Sum("replies", filter=Q(cross_unit=True)),
        co=Sum("replies", filter=Q(cross_org=True)),
    )
    return totals["n"] or 0, totals["cu"] or 0, totals["co"] or 0


def reciprocity(scope: int, start: dt.date, end: dt.date) -> float | None:
    """calc.reciprocity counted in the database: the organisation has millions of pairs."""
    rows = PairDay.objects.filter(scope=scope, day__gte=start, day__lt=end).exclude(
        source_id=F("target_id")
    )
    lower = Q(source_id__lt=F("target_id"))
    pairs = (
        rows.annotate(
            low=Case(When(lower, then=F("source_id")), default=F("target_id")),
            high=Case(When(lower, then=F("target_id")), default=F("source_id")),
        )
        .values("low", "high")
        .annotate(ways=Count("source_id", distinct=True))
        .order_by()
    )
    totals = pairs.aggregate(pairs=Count("low"), both=Count("low", filter=Q(ways=2)))
    return calc.ratio(totals["both"], totals["pairs"])


def pairs(scope: int, start: dt.date, end: dt.date) -> dict[tuple[int, int], int]:
    rows = (
        PairDay.objects.filter(scope=scope, day__gte=start, day__lt=end)
        .values("source_id", "target_id")
        .annotate(n=Sum("replies"))
        .values_list("source_id", "target_id", "n")
    )
    return {(source, target): n for source, target, n in rows}


def threads(scope: int, start: dt.date, end: dt.date) -> list[tuple[dt.date, int | None, int]]:
    """(publication day, seconds to first reply, depth) of the posts of [start, end), read
    with a plain cursor: a year of the organisation is hundreds of thousands of rows."""
    sql, params = (
        ThreadFact.objects.filter(scope=scope, day__gte=start, day__lt=end)
        .values_list("day", "first_reply_seconds", "depth")
        .query.sql_with_params()
    )
    days: dict[Any, dt.date] = {}
    out = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(10000):
            for day, first, depth in rows:
                if day not in days:
                    days[day] = day if isinstance(day, dt.date) else dt.date.fromisoformat(day)
                out.append((days[day], first, depth))
    return out


def members_total(scope: int, end: dt.date) -> int:
    totals = sums(scope, None, end)
    return max(0, totals.get("members_joined", 0) - totals.get("members_left", 0))


def newcomers(scope: int, start: dt.date, end: dt.date) -> dict[str, Any]:
    newcomers = MemberFirst.objects.filter(scope=scope, first_day__gte=start, first_day__lt=end)
    first_days = dict(newcomers.values_list("member_id", "first_day"))
    again = {
        m: [d] for m, d in newcomers.exclude(second_day=None).values_list("member_id", "second_day")
    }
    n_new, retained = calc.newcomer_retention(first_days, again)
    return {"newcomers": n_new, "newcomer_retention": calc.ratio(retained, n_new)}


def conversation(threads: list[tuple[dt.date, int | None, int]]) -> dict[str, Any]:
    answered = sum(
        1 for t in threads if t[1] is not None and t[1] <= calc.REPLY_WINDOW.total_seconds()
    )
    waits = [t[1] / 3600 for t in threads if t[1] is not None]
    depths = [t[2] for t in threads if t[2] > 0]
    return {
        "reply_rate": calc.reply_rate(t[1] for t in threads),
        "unanswered": len(threads) - answered,
        "median_first_reply_hours": calc.median(waits),
        "thread_depth": sum(depths) / len(depths) if depths else None,
    }


def conversation_in_db(scope: int, start: dt.date, end: dt.date) -> dict[str, Any]:
    """`_conversation` counted in the database, for a period whose threads are not needed
    otherwise (a year of the organisation is hundreds of thousands of threads)."""
    rows = ThreadFact.objects.filter(scope=scope, day__gte=start, day__lt=end)
    window = calc.REPLY_WINDOW.total_seconds()
    deep = Q(depth__gt=0)
    n = rows.aggregate(
        n_posts=Count("id"), n_answered=Count("id", filter=Q(first_reply_seconds__lte=window)),
        n_replied=Count("first_reply_seconds"), depth_sum=Sum("depth", filter=deep),
        n_deep=Count("id", filter=deep),
    )  # fmt: skip
    middle = n["n_replied"] // 2
    waits = (
        rows.exclude(first_reply_seconds=None)
        .order_by("first_reply_seconds")
        .values_list("first_reply_seconds", flat=True)
    )
    median = None
    if n["n_replied"] % 2:
        median = float(waits[middle] / 3600)
    elif n["n_replied"]:
        low, high = list(waits[middle - 1 : middle + 1])
        median = (low / 3600 + high / 3600) / 2
    return {
        "reply_rate": calc.ratio(n["n_answered"], n["n_posts"]),
        "unanswered": n["n_posts"] - n["n_answered"],
        "median_first_reply_hours": median,
        "thread_depth": n["depth_sum"] / n["n_deep"] if n["n_deep"] else None,
    }

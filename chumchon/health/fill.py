"""Filling the count tables from the raw tables, a range of days at a time.

`fill_days(start, end)` rebuilds every day-keyed row for the local days [start, end) and
the conversation facts of every post published or commented in them; running it twice
gives the same rows. The full refill walks all days month by month so memory stays flat.
Edits and removals of old content are picked up by a refill that covers their day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction

from chumchon.blogs.models import Post
from chumchon.comments.models import Comment
from chumchon.health import sources
from chumchon.health.models import (
    ORGANISATION,
    MemberDay,
    MemberFirst,
    PairDay,
    PairFirst,
    ScopeDay,
    TagUnitDay,
    ThreadFact,
)

BATCH = 5000
TZ = ZoneInfo(settings.TIME_ZONE)
Progress = Callable[[int], None]


def local_day(when: dt.datetime) -> dt.date:
    return when.astimezone(TZ).date()


def day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=TZ)


def _chunks(items: list[int], size: int = 900) -> Iterator[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


@dataclass
class DayCounts:
    """Everything counted for a range of days, before it is written."""

    scope_day: dict[tuple[int, dt.date, str], int] = field(default_factory=lambda: defaultdict(int))
    member_day: dict[tuple[int, int, dt.date], list[int]] = field(default_factory=dict)
    pair_day: dict[tuple[int, dt.date, int, int], int] = field(
        default_factory=lambda: defaultdict(int)
    )
    tag_unit_day: dict[tuple[int, int | None, dt.date], int] = field(
        default_factory=lambda: defaultdict(int)
    )
    touched_posts: set[int] = field(default_factory=set)

    def add_member(self, scope: int, member: int, day: dt.date, posts: int, comments: int) -> None:
        row = self.member_day.setdefault((scope, member, day), [0, 0])
        row[0] += posts
        row[1] += comments


class Filler:
    """One run of the fill job; holds the lookups every range needs."""

    def __init__(self, *, full: bool) -> None:
        self.full = full
        self.units = sources.member_units()
        self._scopes: dict[int, tuple[int, ...]] | None = (
            sources.post_communities() if full else None
        )

    # ---- lookups ---------------------------------------------------------------------

    def scopes_of(self, post_ids: Iterable[int]) -> dict[int, tuple[int, ...]]:
        ids = list(post_ids)
        known = self._scopes if self._scopes is not None else sources.post_communities(ids)
        return {p: (ORGANISATION, *known.get(p, ())) for p in ids}

    # ---- day-keyed counts ----------------------------------------------------------------

    def count_range(self, start: dt.date, end: dt.date) -> DayCounts:
        counts = DayCounts()
        self._count_posts(counts, start, end)
        self._count_comments(counts, start, end)
        self._count_links(counts, start, end)
        for scope, day, stat, n in sources.scope_events(day_start(start), day_start(end)):
            counts.scope_day[(scope, day, stat)] += n
        return counts

    def _count_posts(self, counts: DayCounts, start: dt.date, end: dt.date) -> None:
        posts = list(
            Post.objects.published()
            .filter(published_at__gte=day_start(start), published_at__lt=day_start(end))
            .values_list("id", "author_id", "kind", "published_at")
        )
        scopes = self.scopes_of(p[0] for p in posts)
        post_unit: dict[int, tuple[int | None, dt.date]] = {}
        for post_id, author, kind, published_at in posts:
            day = local_day(published_at)
            counts.touched_posts.add(post_id)
            post_unit[post_id] = (self.units.get(author, (None, None))[0], day)
            for scope in scopes[post_id]:
                counts.scope_day[(scope, day, f"posts_{kind}")] += 1
                counts.add_member(scope, author, day, 1, 0)
        tags = Post.tags.through.objects.filter(
            post__status=Post.Status.PUBLISHED,
            post__published_at__gte=day_start(start),
            post__published_at__lt=day_start(end),
        )
        for post_id, tag_id in tags.values_list("post_id", "tag_id").iterator(chunk_size=BATCH):
            if post_id in post_unit:
                unit, day = post_unit[post_id]
                counts.tag_unit_day[(tag_id, unit, day)] += 1

    def _count_comments(self, counts: DayCounts, start: dt.date, end: dt.date) -> None:
        rows = list(
            Comment.objects.visible()
            .filter(created_at__gte=day_start(start), created_at__lt=day_start(end))
            .values_list(
                "post_id", "author_id", "created_at", "post__author_id", "parent__author_id"
            )
        )
        scopes = self.scopes_of({r[0] for r in rows})
        for post_id, author, created_at, post_author, parent_author in rows:
            day = local_day(created_at)
            counts.touched_posts.add(post_id)
            target = parent_author or post_author
            for scope in scopes[post_id]:
                counts.scope_day[(scope, day, "comments")] += 1
                if author is None:
                    continue
                counts.add_member(scope, author, day, 0, 1)
                if target is not None and target != author:
                    counts.pair_day[(scope, day, author, target)] += 1

    def _count_links(self, counts: DayCounts, start: dt.date, end: dt.date) -> None:
        """Reuse: new posts that link to earlier posts or knowledge assets."""
        linking = (
            Post.objects.published()
            .filter(published_at__gte=day_start(start), published_at__lt=day_start(end))
            .filter(body__contains="/")
            .values_list("id", "number", "kind", "published_at", "body")
        )
        found = []
        for post_id, number, kind, published_at, body in linking.iterator(chunk_size=1000):
            earlier = {int(n) for n in sources.POST_LINK_RE.findall(body) if int(n) < number}
            assets = len(sources.ASSET_LINK_RE.findall(body)) if sources.ASSET_LINK_RE else 0
            if earlier or assets:
                found.append((post_id, local_day(published_at), len(earlier), assets, kind))
        scopes = self.scopes_of(f[0] for f in found)
        for post_id, day, earlier, assets, kind in found:
            for scope in scopes[post_id]:
                if earlier:
                    counts.scope_day[(scope, day, "links_to_posts")] += earlier
                if assets:
                    counts.scope_day[(scope, day, "links_to_assets")] += assets
                if kind == Post.Kind.AAR:
                    counts.scope_day[(scope, day, "aar_followups")] += 1

    # ---- writing ------------------------------------------------------------------------

    def write_range(self, counts: DayCounts, start: dt.date, end: dt.date) -> None:
        with transaction.atomic():
            if not self.full:
                for model in (ScopeDay, MemberDay, PairDay, TagUnitDay):
                    model.objects.filter(day__gte=start, day__lt=end).delete()
            ScopeDay.objects.bulk_create(
                (
                    ScopeDay(scope=s, day=d, stat=k, value=v)
                    for (s, d, k), v in counts.scope_day.items()
                ),
                batch_size=BATCH,
            )
            MemberDay.objects.bulk_create(self._member_rows(counts), batch_size=BATCH)
            PairDay.objects.bulk_create(self._pair_rows(counts), batch_size=BATCH)
            TagUnitDay.objects.bulk_create(
                (
                    TagUnitDay(tag_id=t, unit_id=u, day=d, posts=n)
                    for (t, u, d), n in counts.tag_unit_day.items()
                ),
                batch_size=BATCH,
            )
            self._merge_firsts(counts)

    def _member_rows(self, counts: DayCounts) -> Iterator[MemberDay]:
        for (scope, member, day), (posts, comments) in counts.member_day.items():
            unit, org = self.units.get(member, (None, None))
            yield MemberDay(
                scope=scope, member_id=member, day=day, unit_id=unit, organisation_id=org,
                posts=posts, comments=comments,
            )  # fmt: skip

    def _pair_rows(self, counts: DayCounts) -> Iterator[PairDay]:
        for (scope, day, source, target), n in counts.pair_day.items():
            su, so = self.units.get(source, (None, None))
            tu, to = self.units.get(target, (None, None))
            yield PairDay(
                scope=scope, day=day, source_id=source, target_id=target, replies=n,
                source_unit_id=su, target_unit_id=tu,
                cross_unit=su is not None and tu is not None and su != tu,
                cross_org=so is not None and to is not None and so != to,
            )  # fmt: skip

    def _merge_firsts(self, counts: DayCounts) -> None:
        """Keep each person's first two days and each pair's first day up to date."""
        days: dict[tuple[int, int], set[dt.date]] = defaultdict(set)
        for scope, member, day in counts.member_day:
            days[(scope, member)].add(day)
        members = sorted({m for _s, m in days})
        for chunk in _chunks(members):
            existing = MemberFirst.objects.filter(member_id__in=chunk)
            for row in existing:
                days[(row.scope, row.member_id)].update(
                    d for d in (row.first_day, row.second_day) if d is not None
                )
            existing.delete()
        MemberFirst.objects.bulk_create(
            (
                MemberFirst(
                    scope=s,
                    member_id=m,
                    first_day=min(d),
                    second_day=sorted(d)[1] if len(d) > 1 else None,
                )
                for (s, m), d in days.items()
            ),
            batch_size=BATCH,
        )
        firsts: dict[tuple[int, int, int], dt.date] = {}
        for scope, day, source, target in counts.pair_day:
            key = (scope, min(source, target), max(source, target))
            firsts[key] = min(day, firsts.get(key, day))
        lows = sorted({low for _s, low, _h in firsts})
        for chunk in _chunks(lows):
            existing = PairFirst.objects.filter(low_id__in=chunk)
            for row in existing:
                key = (row.scope, row.low_id, row.high_id)
                firsts[key] = min(row.first_day, firsts.get(key, row.first_day))
            existing.delete()
        PairFirst.objects.bulk_create(
            (
                PairFirst(scope=s, low_id=lo, high_id=hi, first_day=d)
                for (s, lo, hi), d in firsts.items()
            ),
            batch_size=BATCH,
        )

    # ---- threads ------------------------------------------------------------------------

    def fill_threads(self, post_ids: list[int] | None, progress: Progress | None = None) -> int:
        """Recompute the conversation facts of these posts (all published posts if None)."""
        written = 0
        for chunk in self._post_chunks(post_ids):
            facts = list(self._thread_facts(chunk))
            with transaction.atomic():
                ThreadFact.objects.filter(post_id__in=[p[0] for p in chunk]).delete()
                ThreadFact.objects.bulk_create(facts, batch_size=BATCH)
            written += len(chunk)
            if progress:
                progress(len(chunk))
        return written

    def _post_chunks(self, post_ids: list[int] | None) -> Iterator[list[tuple]]:
        posts = Post.objects.published().order_by("id")
        fields = ("id", "author_id", "published_at")
        if post_ids is None:
            last = 0
            while True:
                chunk = list(posts.filter(id__gt=last).values_list(*fields)[:2000])
                if not chunk:
                    return
                last = chunk[-1][0]
                yield chunk
        else:
            for ids in _chunks(sorted(post_ids)):
                yield list(posts.filter(id__in=ids).values_list(*fields))

    def _thread_facts(self, posts: list[tuple]) -> Iterator[ThreadFact]:
        comments: dict[int, list[tuple]] = defaultdict(list)
        rows = (
            Comment.objects.visible()
            .filter(post_id__gte=posts[0][0], post_id__lte=posts[-1][0])
            .order_by("post_id", "created_at", "id")
            .values_list("post_id", "id", "parent_id", "author_id", "created_at")
        )
        if len(posts) <= 900:
            rows = rows.filter(post_id__in=[p[0] for p in posts])
        for post_id, *rest in rows.iterator(chunk_size=BATCH):
            comments[post_id].append(rest)
        scopes = self.scopes_of(p[0] for p in posts)
        for post_id, author, published_at in posts:
            first, count, depth = thread_shape(author, published_at, comments.get(post_id, []))
            for scope in scopes[post_id]:
                yield ThreadFact(
                    scope=scope, post_id=post_id, day=local_day(published_at), author_id=author,
                    first_reply_seconds=first, comments=count, depth=depth,
                )  # fmt: skip


def thread_shape(
    author: int, published_at: dt.datetime, comments: list[list]
) -> tuple[int | None, int, int]:
    """(seconds to the first reply by someone else, number of comments, deepest level)."""
    level: dict[int, int] = {}
    first: int | None = None
    for comment_id, parent_id, commenter, created_at in comments:
        level[comment_id] = level.get(parent_id, 1) + 1 if parent_id else 1
        if first is None and commenter != author:
            first = max(0, int((created_at - published_at).total_seconds()))
    return first, len(comments), max(level.values(), default=0)

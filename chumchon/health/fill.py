"""Filling the count tables from the raw tables, counted in the database.

`Filler.fill(start, end)` rebuilds every day-keyed row for the local days [start, end)
and the conversation facts of every post published or commented in them, in one
transaction: running it twice gives the same rows. Counting is set-based (INSERT …
SELECT … GROUP BY over the relations `sources` gives), so a full refill reads each raw
table a few times in the database instead of moving every row through Python. The few
counts that need Python (links in post bodies, sessions, memberships, assets) come from
small tables or pre-filtered rows.

Edits and removals of old content are picked up by a refill that covers their day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q

from chumchon.blogs.models import Post
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
SCAN_ABOVE = 1_000_000  # index lookups above which a whole table is read instead
TZ = ZoneInfo(settings.TIME_ZONE)
STAGED = sources.STAGED
COMMENTS = sources.STAGED_COMMENTS
MEMBERS = sources.STAGED_MEMBERS


def local_day(when: dt.datetime) -> dt.date:
    return when.astimezone(TZ).date()


def day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=TZ)


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _t(model: type) -> str:
    return connection.ops.quote_name(model._meta.db_table)


@dataclass
class Filled:
    """What one fill touched: posts whose threads were recomputed (with their publication
    days) and the scopes that had activity."""

    posts: int = 0
    post_days: set[dt.date] = field(default_factory=set)
    scopes: set[int] = field(default_factory=set)


class Filler:
    """One run of the fill job. `full` means the count tables are empty and the range
    covers every day, so nothing needs deleting or merging first."""

    def __init__(self, *, full: bool) -> None:
        self.full = full
        self.d = sources.dialect(TZ)

    def fill(self, start: dt.date, end: dt.date) -> Filled:
        lo, hi = day_start(start), day_start(end)
        with transaction.atomic(), connection.cursor() as cursor:
            sources.stage_posts(cursor, self.d, None if self.full else lo, hi)
            sources.stage_comments(cursor, self.d, None if self.full else lo, hi)
            if not self.full:
                self._clear(cursor, start, end)
            with self._indexes_afterwards(cursor):
                self._fill_tables(cursor, lo, hi)
            self._firsts(cursor, start)
            filled = self._filled(cursor, start, end)
            sources.unstage_posts(cursor)
        if self.full:
            self._analyse()
        return filled

    def _fill_tables(self, cursor, lo: dt.datetime, hi: dt.datetime) -> None:
        self._scope_days(cursor, lo, hi)
        self._member_days(cursor)
        self._pair_days(cursor)
        cursor.execute(
            f"INSERT INTO {_t(TagUnitDay)} (tag_id, unit_id, day, posts) "
            f"SELECT tag_id, unit_id, day, COUNT(*) FROM ({sources.tags_sql()}) x "
            "GROUP BY tag_id, unit_id, day"
        )
        self._threads(cursor)

    def _firsts(self, cursor, start: dt.date) -> None:
        if self.full:
            self._all_firsts(cursor)
        else:
            self._member_firsts(cursor, start)
            # A pair first seen from `start` on has all its days in the range.
            cursor.execute(f"DELETE FROM {_t(PairFirst)} WHERE first_day >= %s", [start])
            self._insert_pair_firsts(cursor, upsert=True)

    @contextmanager
    def _indexes_afterwards(self, cursor) -> Iterator[None]:
        """On a full refill, drop the count tables' secondary indexes and build them once
        the rows are in: one sort per index instead of millions of inserts at random places
        of it. (Their unique constraints stay: the rows go in in their order. The first
        days are filled after, with MemberDay's index back: they read along it. All inside
        the refill's transaction, so a failure leaves the indexes as they were. SQLite
        only: PostgreSQL would lock the tables against readers until the refill commits,
        and it keeps its indexes up to date at less cost.)"""
        if not self.full or connection.vendor != "sqlite":
            yield
            return
        editor = connection.schema_editor(atomic=False)
        indexed = [
            (model, index)
            for model in (MemberDay, ThreadFact, TagUnitDay)
            for index in model._meta.indexes
        ]
        for _model, index in indexed:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(index.name)}")
        yield
        for model, index in indexed:
            cursor.execute(str(index.create_sql(model, editor)))

    def _analyse(self) -> None:
        """Give the query planner fresh statistics of the refilled tables (SQLite samples
        a thousand rows per index, so this stays quick on millions of rows)."""
        tables = [_t(m) for m in (ScopeDay, MemberDay, MemberFirst, PairDay, PairFirst)]
        tables += [_t(ThreadFact), _t(TagUnitDay)]
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA analysis_limit = 1000")
            for table in tables:
                cursor.execute(f"ANALYZE {table}")

    # ---- day-keyed counts ----------------------------------------------------------------

    def _clear(self, cursor, start: dt.date, end: dt.date) -> None:
        for model in (ScopeDay, MemberDay, PairDay, TagUnitDay):
            cursor.execute(f"DELETE FROM {_t(model)} WHERE day >= %s AND day < %s", [start, end])
        cursor.execute(
            f"DELETE FROM {_t(ThreadFact)} WHERE {self._post_column(cursor)} IN "
            f"(SELECT post_id FROM {STAGED})"
        )

    def _post_column(self, cursor) -> str:
        """How to name ThreadFact's post when deleting the staged posts' threads in every
        scope. SQLite looks each post up in the `(scope, post)` index once per scope; with
        many posts (74k in a day at 1M posts, times 101 scopes) reading the whole table
        once is cheaper (0.4 s instead of 2.9 s at 1M), and `+post_id` tells it so."""
        if connection.vendor != "sqlite":
            return "post_id"
        cursor.execute(f"SELECT COUNT(DISTINCT post_id) FROM {STAGED}")
        posts = cursor.fetchone()[0]
        return "+post_id" if posts * (len(sources.community_ids()) + 1) > SCAN_ABOVE else "post_id"

    def _scope_days(self, cursor, lo: dt.datetime, hi: dt.datetime) -> None:
        cursor.execute(
            f"INSERT INTO {_t(ScopeDay)} (scope, day, stat, value) "
            f"SELECT scope, day, 'posts_' || kind, COUNT(*) FROM {STAGED} WHERE in_range "
            "GROUP BY scope, day, kind"
        )
        cursor.execute(
            f"INSERT INTO {_t(ScopeDay)} (scope, day, stat, value) "
            f"SELECT scope, day, 'comments', SUM(n) FROM {COMMENTS} GROUP BY scope, day"
        )
        others: dict[tuple[int, dt.date, str], int] = defaultdict(int)
        for scope, day, stat, n in self._links(lo, hi):
            others[(scope, day, stat)] += n
        for scope, day, stat, n in sources.scope_events(None if self.full else lo, hi):
            others[(scope, day, stat)] += n
        ScopeDay.objects.bulk_create(
            (ScopeDay(scope=s, day=d, stat=k, value=v) for (s, d, k), v in others.items()),
            batch_size=BATCH,
        )

    def _links(self, lo: dt.datetime, hi: dt.datetime) -> Iterator[sources.ScopeEvent]:
        """Reuse: new posts that link to earlier posts or knowledge assets."""
        might_link = Q(body__contains="/posts/")
        if sources.ASSET_LINK_RE:
            might_link |= Q(body__contains="/assets/")
        linking = (
            Post.objects.published()
            .filter(published_at__lt=hi)
            .filter(might_link)
            .values_list("id", "number", "kind", "published_at", "body")
        )
        if not self.full:
            linking = linking.filter(published_at__gte=lo)
        found = []
        for post_id, number, kind, published_at, body in linking.iterator(chunk_size=1000):
            earlier = {int(n) for n in sources.POST_LINK_RE.findall(body) if int(n) < number}
            assets = len(sources.ASSET_LINK_RE.findall(body)) if sources.ASSET_LINK_RE else 0
            if earlier or assets:
                found.append((post_id, local_day(published_at), len(earlier), assets, kind))
        scopes = self._scopes_of(f[0] for f in found)
        for post_id, day, earlier, assets, kind in found:
            for scope in scopes.get(post_id, (ORGANISATION,)):
                if earlier:
                    yield (scope, day, "links_to_posts", earlier)
                if assets:
                    yield (scope, day, "links_to_assets", assets)
                if kind == Post.Kind.AAR:
                    yield (scope, day, "aar_followups", 1)

    def _scopes_of(self, post_ids: Iterable[int]) -> dict[int, list[int]]:
        found: dict[int, list[int]] = defaultdict(list)
        with connection.cursor() as cursor:
            for chunk in _chunks(sorted(set(post_ids))):
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(
                    f"SELECT post_id, scope FROM {STAGED} WHERE post_id IN ({marks})", chunk
                )
                for post_id, scope in cursor.fetchall():
                    found[post_id].append(scope)
        return found

    def _member_days(self, cursor) -> None:
        """Comments per person and day from the staged talk (already in key order), then
        posts merged into the same rows."""
        columns = "(scope, member_id, day, unit_id, organisation_id, posts, comments)"
        cursor.execute(
            f"INSERT INTO {_t(MemberDay)} {columns} "
            "SELECT a.scope, a.author_id, a.day, mu.unit_id, mu.org_id, 0, a.n "
            "FROM (SELECT scope, day, author_id, SUM(n) AS n "
            f"FROM {COMMENTS} WHERE author_id <> 0 GROUP BY scope, day, author_id) a "
            f"LEFT JOIN {MEMBERS} mu ON mu.member_id = a.author_id"
        )
        # WHERE true: SQLite's parser needs it before ON CONFLICT after a join.
        cursor.execute(
            f"INSERT INTO {_t(MemberDay)} {columns} "
            "SELECT a.scope, a.author_id, a.day, mu.unit_id, mu.org_id, a.n, 0 "
            "FROM (SELECT scope, day, author_id, COUNT(*) AS n "
            f"FROM {STAGED} WHERE in_range GROUP BY scope, day, author_id) a "
            f"LEFT JOIN {MEMBERS} mu ON mu.member_id = a.author_id WHERE true "
            "ON CONFLICT (scope, day, member_id) DO UPDATE SET posts = excluded.posts"
        )

    def _pair_days(self, cursor) -> None:
        cursor.execute(
            f"INSERT INTO {_t(PairDay)} (scope, day, source_id, target_id, source_unit_id, "
            "target_unit_id, cross_unit, cross_org, replies) "
            "SELECT p.scope, p.day, p.author_id, p.target_id, su.unit_id, tu.unit_id, "
            "(su.unit_id IS NOT NULL AND tu.unit_id IS NOT NULL AND su.unit_id <> tu.unit_id), "
            "(su.org_id IS NOT NULL AND tu.org_id IS NOT NULL AND su.org_id <> tu.org_id), "
            f"p.n FROM {COMMENTS} p "
            f"LEFT JOIN {MEMBERS} su ON su.member_id = p.author_id "
            f"LEFT JOIN {MEMBERS} tu ON tu.member_id = p.target_id "
            f"WHERE p.author_id <> 0 AND p.target_id <> 0 AND p.author_id <> p.target_id"
        )

    # ---- threads and first days ----------------------------------------------------------

    def _threads(self, cursor) -> None:
        sql, params = sources.threads_sql(self.d)
        cursor.execute(
            f"INSERT INTO {_t(ThreadFact)} (scope, post_id, day, author_id, "
            f"first_reply_seconds, comments, depth) {sql}",
            params,
        )

    def _all_firsts(self, cursor) -> None:
        """From complete MemberDay and staged talk tables: each person's first two days and
        each pair's first day, per scope."""
        first, days = _t(MemberFirst), _t(MemberDay)
        cursor.execute(
            f"INSERT INTO {first} (scope, member_id, first_day) "
            f"SELECT scope, member_id, MIN(day) FROM {days} GROUP BY scope, member_id"
        )
        cursor.execute(
            f"UPDATE {first} SET second_day = (SELECT MIN(md.day) FROM {days} md "
            f"WHERE md.scope = {first}.scope AND md.member_id = {first}.member_id "
            f"AND md.day > {first}.first_day)"
        )
        self._insert_pair_firsts(cursor, upsert=False)

    def _member_firsts(self, cursor, start: dt.date) -> None:
        """Bring the first two days of each person up to date after the days from `start`
        were counted again. Days before `start` did not change, so a kept first or second
        day before it still holds; the rest comes from the recounted days. Only rows with a
        day from `start` on (or no second day yet), and the people active since, are read:
        a few thousand rows, not the history."""
        first, days = _t(MemberFirst), _t(MemberDay)
        cursor.execute(
            f"SELECT scope, member_id, day FROM {days} WHERE day >= %s ORDER BY day", [start]
        )
        recent: dict[tuple[int, int], list[dt.date]] = defaultdict(list)
        for scope, member, day in cursor.fetchall():
            recent[(scope, member)].append(_as_date(day))
        cursor.execute(
            f"SELECT scope, member_id, first_day, second_day FROM {first} "
            "WHERE first_day >= %s OR second_day IS NULL OR second_day >= %s",
            [start, start],
        )
        changed, gone = [], []
        for scope, member, first_day, second_day in cursor.fetchall():
            kept = [_as_date(d) for d in (first_day, second_day) if d is not None]
            now = _first_two([d for d in kept if d < start] + recent.pop((scope, member), []))
            if not now:
                gone.append((scope, member))
            elif now != kept:
                changed.append((now[0], now[1] if len(now) > 1 else None, scope, member))
        where = "WHERE scope = %s AND member_id = %s"
        cursor.executemany(f"DELETE FROM {first} {where}", gone)
        cursor.executemany(f"UPDATE {first} SET first_day = %s, second_day = %s {where}", changed)
        # The rest are new people, or people with two days before `start` (kept as they are).
        cursor.executemany(
            f"INSERT INTO {first} (scope, member_id, first_day, second_day) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT (scope, member_id) DO NOTHING",
            [
                (scope, member, two[0], two[1] if len(two) > 1 else None)
                for (scope, member), found in recent.items()
                for two in [_first_two(found)]
            ],
        )

    def _insert_pair_firsts(self, cursor, *, upsert: bool) -> None:
        """Each pair's first day from the staged talk; when counting a range, the earlier
        of what was kept (a day before the range) and the range's first.

        On a full refill the talk is read in its own order (scope, day), so the first row
        of a pair is its first day and later ones are skipped: no sort of every pair."""
        table = _t(PairFirst)
        low = "CASE WHEN author_id < target_id THEN author_id ELSE target_id END"
        high = "CASE WHEN author_id < target_id THEN target_id ELSE author_id END"
        if not upsert:
            cursor.execute(
                f"INSERT INTO {table} (scope, low_id, high_id, first_day) "
                f"SELECT scope, {low}, {high}, day FROM {COMMENTS} "
                "WHERE author_id <> 0 AND target_id <> 0 AND author_id <> target_id "
                "ORDER BY scope, day ON CONFLICT (scope, low_id, high_id) DO NOTHING"
            )
            return
        sql = (
            f"INSERT INTO {table} (scope, low_id, high_id, first_day) "
            f"SELECT scope, {low}, {high}, MIN(day) FROM {COMMENTS} "
            "WHERE author_id <> 0 AND target_id <> 0 AND author_id <> target_id "
            f"GROUP BY scope, {low}, {high}"
        )
        # Only a pair first seen earlier than kept is written: most pairs of a day met
        # before, and rewriting their rows would move their index entries for nothing.
        sql += (
            " ON CONFLICT (scope, low_id, high_id) DO UPDATE SET first_day = excluded.first_day "
            f"WHERE excluded.first_day < {table}.first_day"
        )
        cursor.execute(sql)

    def _filled(self, cursor, start: dt.date, end: dt.date) -> Filled:
        filled = Filled()
        cursor.execute(f"SELECT COUNT(DISTINCT post_id) FROM {STAGED} WHERE published")
        filled.posts = cursor.fetchone()[0]
        if self.full:
            return filled
        cursor.execute(f"SELECT DISTINCT day FROM {STAGED} WHERE published")
        filled.post_days = {_as_date(row[0]) for row in cursor.fetchall()}
        cursor.execute(f"SELECT DISTINCT scope FROM {STAGED}")
        filled.scopes = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            f"SELECT DISTINCT scope FROM {_t(ScopeDay)} WHERE day >= %s AND day < %s",
            [start, end],
        )
        filled.scopes |= {row[0] for row in cursor.fetchall()}
        return filled


@contextmanager
def bulk_settings() -> Iterator[None]:
    """Settings of this connection for the length of one refresh, put back afterwards.

    SQLite's default page cache is 2 MB: grouping and indexing millions of rows then goes
    to disk over and over, so use up to 1 GB each for the database and the temporary
    tables, keep temporary tables and sorts in memory, and let sorts use a second thread
    (at 1M posts and 10M comments the job then holds about 3.4 GB while it counts).
    The refresh commits once for the counts and once or twice per snapshot:
    with WAL, `synchronous=NORMAL` syncs at checkpoints instead of at each of those hundreds
    of commits (a crash can lose the last commits, which the next refresh makes again; it
    cannot corrupt the database). Other connections keep the project's settings."""
    if connection.vendor != "sqlite":
        yield
        return
    settings_ = {
        "main.cache_size": -1048576,
        "temp.cache_size": -1048576,
        "temp_store": 2,  # MEMORY
        "threads": 2,
        "synchronous": 1,  # NORMAL
        # The project's memory map helps searches read; this job rewrites most of the pages
        # it reads, and at 1M posts the refill took about a fifth more CPU with it.
        "main.mmap_size": 0,
    }
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        wal = cursor.fetchone()[0].lower() == "wal"
        kept = {}
        for pragma, value in settings_.items():
            if pragma == "synchronous" and not wal:
                continue
            if pragma in ("temp_store", "synchronous") and connection.in_atomic_block:
                continue  # SQLite refuses them within a transaction (tests, `chumchon demo`)
            cursor.execute(f"PRAGMA {pragma}")
            row = cursor.fetchone()
            if row is None:
                continue  # not applicable here (no memory map for an in-memory database)
            kept[pragma] = int(row[0])
            cursor.execute(f"PRAGMA {pragma} = {value}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for pragma, value in kept.items():
                cursor.execute(f"PRAGMA {pragma} = {value}")


def _first_two(days: list[dt.date]) -> list[dt.date]:
    """The first two distinct days of a list."""
    ordered = sorted(set(days))
    return ordered[:2]


def _as_date(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)

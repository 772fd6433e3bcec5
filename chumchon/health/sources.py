"""Where the count tables read from: the raw tables of posts, comments, members and, through
the communities app, which community each post belongs to and its members, sessions and
knowledge assets. The only module of the health app that knows those models.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.backends.utils import CursorWrapper
from django.db.models import Count, F, QuerySet
from django.utils import timezone

from chumchon.accounts.models import Member, OrgUnit
from chumchon.blogs.models import Post
from chumchon.comments.models import Comment
from chumchon.communities.models import (
    BlogMembership,
    Community,
    CommunityPost,
    KnowledgeAsset,
    Membership,
    MembershipEnded,
    Session,
)

POST_LINK_RE = re.compile(r"/posts/(\d+)")
ASSET_LINK_RE: re.Pattern[str] | None = re.compile(r"/c/[a-z0-9-]+/assets/(\d+)")
ScopeEvent = tuple[int, dt.date, str, int]  # (scope, day, stat, how many)


def member_units() -> dict[int, tuple[int | None, int | None]]:
    """Each member's unit and that unit's organisation (root)."""
    roots = dict(OrgUnit.objects.values_list("id", "organisation_id"))
    return {
        member: (unit, (roots.get(unit) or unit) if unit else None)
        for member, unit in Member.objects.values_list("id", "unit_id")
    }


def post_communities(post_ids: Iterable[int] | None = None) -> dict[int, tuple[int, ...]]:
    """The communities each post appears in, however it arrived (posts in none left out):
    from a blog that had joined the community when the post was published, or shared."""
    found: dict[int, set[int]] = {}
    chunks = [None] if post_ids is None else _chunks(sorted(set(post_ids)))
    for chunk in chunks:
        from_blogs = Post.objects.filter(
            blog__community_links__joined_at__lte=F("published_at")
        ).values_list("id", "blog__community_links__community_id")
        shared = CommunityPost.objects.values_list("post_id", "community_id")
        if chunk is not None:
            from_blogs = from_blogs.filter(id__in=chunk)
            shared = shared.filter(post_id__in=chunk)
        for post, community in [
            *from_blogs.iterator(chunk_size=5000),
            *shared.iterator(chunk_size=5000),
        ]:
            found.setdefault(post, set()).add(community)
    return {post: tuple(sorted(c)) for post, c in found.items()}


def _chunks(items: list[int], size: int = 900) -> Iterator[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def community_ids() -> list[int]:
    return list(Community.objects.order_by("pk").values_list("pk", flat=True))


def community_started(scope: int) -> dt.date | None:
    created = Community.objects.filter(pk=scope).values_list("created_at", flat=True).first()
    return _local_day(created) if created else None


def _between(qs: QuerySet, field: str, start: dt.datetime | None, end: dt.datetime) -> QuerySet:
    qs = qs.filter(**{f"{field}__lt": end})
    return qs.filter(**{f"{field}__gte": start}) if start is not None else qs


def scope_events(start: dt.datetime | None, end: dt.datetime) -> Iterator[ScopeEvent]:
    """Members joining and leaving, sessions and their attendance, session AARs with a
    next step, knowledge assets published. A member who leaves a community loses the
    membership but leaves a MembershipEnded record: it counts both the joining (when the
    membership began) and the leaving."""
    joined = _between(Member.objects.filter(is_active=True), "date_joined", start, end)
    for when in joined.values_list("date_joined", flat=True).iterator(chunk_size=5000):
        yield (0, _local_day(when), "members_joined", 1)
    memberships = _between(Membership.objects.active(), "created_at", start, end)
    for community, when in memberships.values_list("community_id", "created_at").iterator(
        chunk_size=5000
    ):
        yield (community, _local_day(when), "members_joined", 1)
    ended = MembershipEnded.objects.all()
    for community, when in _between(ended, "joined_at", start, end).values_list(
        "community_id", "joined_at"
    ):
        yield (community, _local_day(when), "members_joined", 1)
    for community, when in _between(ended, "left_at", start, end).values_list(
        "community_id", "left_at"
    ):
        yield (community, _local_day(when), "members_left", 1)
    sessions = _between(Session.objects.all(), "starts_at", start, end).annotate(
        people=Count("participants")
    )
    for community, when, people, outsiders, aar_next in sessions.values_list(
        "community_id", "starts_at", "people", "outsider_count", "aar_next"
    ):
        day = _local_day(when)
        for scope in (0, community):
            yield (scope, day, "sessions", 1)
            yield (scope, day, "session_attendance", people + outsiders)
            if aar_next.strip():
                yield (scope, day, "aar_followups", 1)
    assets = _between(KnowledgeAsset.objects.published(), "published_at", start, end)
    for community, when in assets.values_list("community_id", "published_at"):
        for scope in (0, community):
            yield (scope, _local_day(when), "assets_published", 1)


def _local_day(when: dt.datetime) -> dt.date:
    return timezone.localtime(when).date()


# ---- set-based relations for the fill job ----------------------------------------------
#
# The fill job counts in the database with INSERT … SELECT … GROUP BY. These functions
# give it the raw relations it counts from, as SQL over the other apps' tables, so the
# table and column names of posts, comments and members stay in this module.

STAGED = "health_fill_post"  # temporary: one row per (post, scope) the fill looks at
STAGED_ALL = "health_fill_comment"  # temporary: the staged posts' comments, narrow
STAGED_COMMENTS = "health_fill_talk"  # temporary: comments per scope, day, author, answered
STAGED_MEMBERS = "health_fill_member"  # temporary: each member's unit and organisation


@dataclass(frozen=True)
class Dialect:
    """The few expressions SQLite and PostgreSQL spell differently."""

    vendor: str
    tz: ZoneInfo

    def local_day(self, column: str) -> str:
        """The local calendar day of a stored (UTC) timestamp column."""
        if self.vendor == "postgresql":
            return f"(({column}) AT TIME ZONE '{self.tz.key}')::date"
        offset = _fixed_offset(self.tz)
        if offset is not None:
            return f"date({column}, '{offset:+d} seconds')"
        return f"django_datetime_cast_date({column}, '{self.tz.key}', 'UTC')"

    def seconds_between(self, later: str, earlier: str) -> str:
        """Whole seconds from `earlier` to `later`, never below zero."""
        if self.vendor == "postgresql":
            return f"GREATEST(0, FLOOR(EXTRACT(EPOCH FROM ({later}) - ({earlier}))))::bigint"
        return (
            f"MAX(0, CAST(ROUND((julianday({later}) - julianday({earlier})) * 86400.0, 3)"
            " AS INTEGER))"
        )


def _fixed_offset(tz: ZoneInfo) -> int | None:
    """The zone's UTC offset in seconds if it has had no daylight saving since 1970."""
    offsets = {
        dt.datetime(year, month, 1, tzinfo=dt.UTC).astimezone(tz).utcoffset()
        for year in range(1970, 2040)
        for month in (1, 7)
    }
    only = offsets.pop() if len(offsets) == 1 else None
    return int(only.total_seconds()) if only is not None else None


def dialect(tz: ZoneInfo) -> Dialect:
    return Dialect(connection.vendor, tz)


def _t(model: type) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def members_sql() -> str:
    """member_id, unit_id, org_id (the unit's organisation, or the unit if it is a root)."""
    return (
        f"SELECT m.id AS member_id, m.unit_id AS unit_id, "
        f"COALESCE(u.organisation_id, m.unit_id) AS org_id "
        f"FROM {_t(Member)} m LEFT JOIN {_t(OrgUnit)} u ON u.id = m.unit_id"
    )


def stage_posts(
    cursor: CursorWrapper, d: Dialect, start: dt.datetime | None, end: dt.datetime
) -> None:
    """Fill the temporary table of posts a range of days touches, once per scope each
    appears in: published in the range, or commented since its start (every post when
    `start` is None). Relies on Post.last_commented_at, which the comments app keeps.

    Columns: post_id, scope, author_id, unit_id, org_id, kind, published (bool),
    in_range (published within the range), published_at, day (local publication day).
    """
    start, end = _db_time(start), _db_time(end)
    cursor.execute(f"DROP TABLE IF EXISTS {STAGED}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {STAGED} (post_id BIGINT NOT NULL, scope BIGINT NOT NULL, "
        "author_id BIGINT, unit_id BIGINT, org_id BIGINT, kind VARCHAR(10), "
        "published BOOLEAN NOT NULL, in_range BOOLEAN NOT NULL, "
        "published_at TIMESTAMP WITH TIME ZONE, day DATE)"
    )
    posts, published = _t(Post), Post.Status.PUBLISHED
    if start is None:
        chosen = f"SELECT id FROM {posts}"
        params: list = []
    else:
        statuses = ", ".join(["%s"] * len(Post.Status.values))
        chosen = (
            f"SELECT id FROM {posts} WHERE status = %s AND published_at >= %s "
            f"AND published_at < %s UNION SELECT id FROM {posts} "
            f"WHERE status IN ({statuses}) AND last_commented_at >= %s"
        )
        params = [published, start, end, *Post.Status.values, start]
    in_range = "p.status = %s AND p.published_at < %s"
    in_range_params: list = [published, end]
    if start is not None:
        in_range += " AND p.published_at >= %s"
        in_range_params.append(start)
    scopes = (
        f"SELECT p.id AS post_id, 0 AS scope FROM {posts} p WHERE p.id IN ({chosen}) "
        f"UNION SELECT p.id, bm.community_id FROM {posts} p JOIN {_t(BlogMembership)} bm "
        f"ON bm.blog_id = p.blog_id AND bm.joined_at <= p.published_at "
        f"WHERE p.id IN ({chosen}) "
        f"UNION SELECT cp.post_id, cp.community_id FROM {_t(CommunityPost)} cp "
        f"WHERE cp.post_id IN ({chosen})"
    )
    cursor.execute(
        f"INSERT INTO {STAGED} SELECT s.post_id, s.scope, p.author_id, mu.unit_id, mu.org_id, "
        f"p.kind, p.status = %s, CASE WHEN {in_range} THEN 1 ELSE 0 END = 1, "
        f"p.published_at, {d.local_day('p.published_at')} "
        f"FROM ({scopes}) s JOIN {posts} p ON p.id = s.post_id "
        f"LEFT JOIN ({members_sql()}) mu ON mu.member_id = p.author_id",
        [published, *in_range_params, *params, *params, *params],
    )
    cursor.execute(f"CREATE INDEX {STAGED}_post ON {STAGED} (post_id, scope)")
    if connection.vendor == "postgresql":
        cursor.execute(f"ANALYZE {STAGED}")


def stage_comments(
    cursor: CursorWrapper, d: Dialect, start: dt.datetime | None, end: dt.datetime
) -> None:
    """Fill the temporary tables the counts read comments from:

    - every comment of the staged posts, whatever its status or day, with only the columns
      the counts need (id, post_id, parent_id, author_id, created_at, day, visible): the
      comments table (with the bodies) is read once, and the lookups of a comment's parent
      (the person answered, the depth of a thread) stay in memory;
    - the range's visible comments counted per scope, day, author and person answered (the
      *talk*: scope, day, author_id, target_id, n; 0 stands for a guest or nobody);
    - every member's unit.

    Comments are grouped once into the talk rather than once per count table: the daily
    comments, each person's comments and the pairs all read it along its primary key, which
    on SQLite is the table's own order (WITHOUT ROWID), so none of them sorts again."""
    cursor.execute(f"DROP TABLE IF EXISTS {STAGED_ALL}")
    # On SQLite an INTEGER PRIMARY KEY is the row id: a parent is found without an index.
    id_type = "INTEGER" if connection.vendor == "sqlite" else "BIGINT"
    cursor.execute(
        f"CREATE TEMPORARY TABLE {STAGED_ALL} (id {id_type} PRIMARY KEY, post_id BIGINT NOT NULL, "
        "parent_id BIGINT, author_id BIGINT, created_at TIMESTAMP WITH TIME ZONE, "
        "day DATE, visible BOOLEAN NOT NULL)"
    )
    comments, visible = _t(Comment), Comment.Status.VISIBLE
    columns = (
        f"c.id, c.post_id, c.parent_id, c.author_id, c.created_at, "
        f"{d.local_day('c.created_at')}, c.status = %s"
    )
    if start is None:  # every post is staged
        cursor.execute(f"INSERT INTO {STAGED_ALL} SELECT {columns} FROM {comments} c", [visible])
    else:
        cursor.execute(
            f"INSERT INTO {STAGED_ALL} SELECT {columns} FROM {STAGED} hp "
            f"JOIN {comments} c ON c.post_id = hp.post_id WHERE hp.scope = 0",
            [visible],
        )
    if connection.vendor == "postgresql":
        cursor.execute(f"CREATE INDEX {STAGED_ALL}_post ON {STAGED_ALL} (post_id)")
        cursor.execute(f"ANALYZE {STAGED_ALL}")

    cursor.execute(f"DROP TABLE IF EXISTS {STAGED_COMMENTS}")
    clustered = " WITHOUT ROWID" if connection.vendor == "sqlite" else ""
    cursor.execute(
        f"CREATE TEMPORARY TABLE {STAGED_COMMENTS} (scope BIGINT NOT NULL, day DATE NOT NULL, "
        "author_id BIGINT NOT NULL, target_id BIGINT NOT NULL, n BIGINT NOT NULL, "
        f"PRIMARY KEY (scope, day, author_id, target_id)){clustered}"
    )
    key = "hp.scope, c.day, COALESCE(c.author_id, 0), COALESCE(pc.author_id, hp.author_id, 0)"
    ranged = "" if start is None else " AND c.created_at >= %s AND c.created_at < %s"
    cursor.execute(
        f"INSERT INTO {STAGED_COMMENTS} (scope, day, author_id, target_id, n) "
        f"SELECT {key}, COUNT(*) FROM {STAGED_ALL} c JOIN {STAGED} hp ON hp.post_id = c.post_id "
        f"LEFT JOIN {STAGED_ALL} pc ON pc.id = c.parent_id WHERE c.visible{ranged} "
        f"GROUP BY {key} ORDER BY {key}",
        [] if start is None else [_db_time(start), _db_time(end)],
    )
    cursor.execute(f"DROP TABLE IF EXISTS {STAGED_MEMBERS}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {STAGED_MEMBERS} (member_id {id_type} PRIMARY KEY, "
        "unit_id BIGINT, org_id BIGINT)"
    )
    cursor.execute(f"INSERT INTO {STAGED_MEMBERS} {members_sql()}")
    if connection.vendor == "postgresql":
        cursor.execute(f"ANALYZE {STAGED_COMMENTS}")
        cursor.execute(f"ANALYZE {STAGED_MEMBERS}")


def unstage_posts(cursor: CursorWrapper) -> None:
    for table in (STAGED, STAGED_ALL, STAGED_COMMENTS, STAGED_MEMBERS):
        cursor.execute(f"DROP TABLE IF EXISTS {table}")


def _db_time(value: dt.datetime | None) -> Any:
    """A timestamp as the database compares it (SQLite keeps naive UTC text)."""
    return None if value is None else connection.ops.adapt_datetimefield_value(value)


def threads_sql(d: Dialect) -> tuple[str, list]:
    """One row per (scope, staged published post): scope, post_id, day, author_id,
    first_reply_seconds (first visible comment by someone else), comments, depth.

    Read from the staged comments (every comment of the staged posts). Depth follows each
    reply up its chain of visible ancestors; a reply to a hidden comment is at level 2, as
    if the hidden comment were at the top."""
    return (
        f"WITH RECURSIVE chain(post_id, level, cur) AS ("
        f" SELECT c.post_id, 2, c.parent_id FROM {STAGED_ALL} c"
        f" WHERE c.visible AND c.parent_id IS NOT NULL"
        f" UNION ALL SELECT chain.post_id, chain.level + 1, a.parent_id FROM chain"
        f" JOIN {STAGED_ALL} a ON a.id = chain.cur WHERE a.visible AND a.parent_id IS NOT NULL"
        f"), depth AS (SELECT post_id, MAX(level) AS depth FROM chain GROUP BY post_id),"
        f" talk AS (SELECT c.post_id AS post_id, COUNT(*) AS n, MIN(CASE WHEN c.author_id IS NULL"
        f" OR c.author_id <> hp.author_id THEN c.created_at END) AS first_at"
        f" FROM {STAGED_ALL} c JOIN {STAGED} hp ON hp.post_id = c.post_id AND hp.scope = 0"
        f" AND hp.published WHERE c.visible GROUP BY c.post_id) "
        f"SELECT hp.scope, hp.post_id, hp.day, hp.author_id,"
        f" CASE WHEN talk.first_at IS NULL THEN NULL"
        f" ELSE {d.seconds_between('talk.first_at', 'hp.published_at')} END,"
        f" COALESCE(talk.n, 0),"
        f" COALESCE(depth.depth, CASE WHEN talk.n > 0 THEN 1 ELSE 0 END)"
        f" FROM {STAGED} hp LEFT JOIN talk ON talk.post_id = hp.post_id"
        f" LEFT JOIN depth ON depth.post_id = hp.post_id WHERE hp.published",
        [],
    )


def tags_sql() -> str:
    """tag_id, unit_id, day of each tag on a staged post published within the range."""
    return (
        f"SELECT pt.tag_id AS tag_id, hp.unit_id AS unit_id, hp.day AS day "
        f"FROM {_t(Post.tags.through)} pt JOIN {STAGED} hp ON hp.post_id = pt.post_id "
        f"AND hp.scope = 0 AND hp.in_range"
    )

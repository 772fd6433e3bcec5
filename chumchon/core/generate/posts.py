"""Posts with their tags and comments, written as plain tuples (executemany; COPY on
PostgreSQL).

Model instances and Django's bulk_create cost more than making the text, so rows go in
as tuples, with ids taken from the table's current maximum inside each batch's
transaction (run one generator at a time).
"""

from __future__ import annotations

import datetime as dt
import html
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Max

from chumchon.core.generate.people import BATCH, _batches, _ensure_tags
from chumchon.core.generate.text import BODY_BYTES, KINDS, TOPICS, Writer

START = dt.datetime(2006, 1, 1, tzinfo=dt.UTC)
END = dt.datetime(2025, 12, 31, tzinfo=dt.UTC)
POOL = 2_000  # distinct short comments when `short_comments` is asked for


@dataclass
class Generated:
    members: list[int] = field(default_factory=list)
    units: list[int] = field(default_factory=list)
    posts: int = 0
    comments: int = 0
    first_post_id: int = 0
    last_post_id: int = 0


@dataclass(frozen=True)
class Shape:
    """How the conversation looks. The defaults give what the search benchmark always had;
    the health benchmark asks for a recent span, replies to comments and links.

    start, end: publication times are spread over [start, end), comments kept before end.
    reply_share: chance a comment answers an earlier comment of the same post.
    link_share: chance a post links to an earlier post (`/posts/<number>`).
    short_comments: draw comments from a pool made once, for tens of millions of them.
    colleagues: when above 0, four comments in five come from people within this many
        places of the post's author in the member list (communities are made of
        neighbouring members, so most talk stays within one), the rest from anyone.
    body_bytes: the length of a post body (journals are a fifth of it).
    """

    start: dt.datetime = START
    end: dt.datetime = END
    reply_share: float = 0.0
    link_share: float = 0.0
    short_comments: bool = False
    colleagues: int = 0
    body_bytes: int = BODY_BYTES


def _reserve_numbers(count: int) -> int:
    """Take `count` post numbers at once; returns the first."""
    from chumchon.blogs.services import POST_COUNTER
    from chumchon.core.models import Counter

    with transaction.atomic():
        Counter.objects.get_or_create(name=POST_COUNTER)
        Counter.objects.filter(name=POST_COUNTER).update(value=F("value") + count)
        last = Counter.objects.values_list("value", flat=True).get(name=POST_COUNTER)
    return last - count + 1


def _time_adapter() -> Callable[[dt.datetime], Any]:
    """How a UTC datetime goes to the database: SQLite keeps naive UTC text (what Django's
    own adapter gives, at a tenth of its cost); PostgreSQL takes the datetime."""
    if connection.vendor == "sqlite":
        return lambda value: value.replace(tzinfo=None).isoformat(" ")
    return lambda value: value


class _Comments:
    """Makes one post's comments: times, authors, text, and which earlier one each answers."""

    def __init__(
        self, rng: random.Random, writer: Writer, shape: Shape, member_ids: list[int]
    ) -> None:
        self.rng, self.writer, self.shape, self.members = rng, writer, shape, member_ids
        self.pool: list[tuple[str, str]] = []
        if shape.short_comments:
            texts = [writer.comment(rng.choice(TOPICS)) for _ in range(POOL)]
            self.pool = [(t, _paragraphs(t)) for t in texts]

    def _commenter(self, author: int) -> int:
        rng, near, members = self.rng, self.shape.colleagues, self.members
        if near and rng.random() < 0.8:
            return members[(author + rng.randint(-near, near)) % len(members)]
        return rng.choice(members)

    def make(self, after: dt.datetime, per_post: float, author: int = 0) -> list[tuple]:
        """(parent index or None, author, text, html, created_at) in order of creation;
        `author` is the post author's place in the member list."""
        rng, shape = self.rng, self.shape
        n = int(per_post) + (1 if rng.random() < per_post - int(per_post) else 0)
        out: list[tuple] = []
        for k in range(n):
            if self.pool:
                text, body_html = self.pool[rng.randrange(POOL)]
            else:
                text = self.writer.comment(rng.choice(TOPICS))
                body_html = _paragraphs(text)
            at = after + dt.timedelta(hours=rng.randint(1, 24 * 60))
            parent = None
            if k and shape.reply_share and rng.random() < shape.reply_share:
                parent = rng.randrange(k)
                at = max(at, out[parent][4] + dt.timedelta(minutes=5))
            if at >= shape.end:
                at = shape.end - dt.timedelta(seconds=rng.randint(1, 3600))
                if parent is not None and at <= out[parent][4]:
                    parent = None
            out.append((parent, self._commenter(author), text, body_html, at))
        if shape.reply_share:
            order = sorted(range(len(out)), key=lambda i: out[i][4])
            where = {old: new for new, old in enumerate(order)}
            out = [(None if out[i][0] is None else where[out[i][0]], *out[i][1:]) for i in order]
        return out


def make_posts(
    count: int,
    rng: random.Random,
    member_ids: list[int],
    *,
    comments_per_post: float = 1.0,
    progress: Callable[[int], None] | None = None,
    shape: Shape | None = None,
) -> Generated:
    """Posts with their tags and comments, written with plain multi-row INSERTs."""
    from chumchon.blogs.models import Blog, Licence, Post

    shape = shape or Shape()
    out = Generated()
    writer = Writer(rng)
    tags = _ensure_tags()
    blogs = dict(Blog.objects.filter(owner_id__in=member_ids).values_list("owner_id", "pk"))
    units = dict(_member_units(member_ids))
    topic_of = {pk: rng.choice(TOPICS) for pk in member_ids}  # each writer has a main topic
    number = first_number = _reserve_numbers(count)
    span = (shape.end - shape.start).total_seconds()
    out.first_post_id = (Post.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    adapt = _time_adapter()
    said = _Comments(rng, writer, shape, member_ids)
    short = max(100, shape.body_bytes // 5)
    for chunk in _batches(count, BATCH):
        with transaction.atomic():
            post_id = _max_id("blogs_post")
            tag_id = _max_id("blogs_post_tags")
            comment_id = _max_id("comments_comment")
            posts, post_tags, comments = [], [], []
            for _ in chunk:
                post_id += 1
                place = rng.randrange(len(member_ids))  # the same draw as rng.choice
                author = member_ids[place]
                topic = topic_of[author] if rng.random() < 0.7 else rng.choice(TOPICS)
                unit = units.get(author, "")
                kind = rng.choice(KINDS)
                body = writer.body(topic, unit, short if kind == "journal" else shape.body_bytes)
                if shape.link_share and number > first_number and rng.random() < shape.link_share:
                    body += f"\n\nอ่านต่อจาก /posts/{rng.randrange(first_number, number)}"
                when = shape.start + dt.timedelta(seconds=int(rng.random() * span))
                published = rng.random() > 0.02
                made = said.make(when, comments_per_post, place) if published else []
                ids = []
                for parent, commenter, text, body_html, at in made:
                    comment_id += 1
                    ids.append(comment_id)
                    comments.append((
                        comment_id, post_id, None if parent is None else ids[parent], commenter,
                        "", "", None, text, body_html, "visible", False, adapt(at),
                    ))  # fmt: skip
                last = adapt(max(c[4] for c in made)) if made else None
                posts.append((
                    post_id, number, blogs[author], author, kind,
                    "" if kind == "journal" else writer.title(topic, unit), body,
                    _paragraphs(body), Licence.CC_BY_NC_SA.value,
                    "published" if published else "draft", adapt(when), None,
                    adapt(when) if published else None, 0, 0, len(made), last,
                ))  # fmt: skip
                number += 1
                names = [topic.tag, *rng.sample(topic.tags, k=rng.randint(0, len(topic.tags)))]
                for name in names:
                    tag_id += 1
                    post_tags.append((tag_id, post_id, tags[name]))
            _insert("blogs_post", POST_COLUMNS, posts)
            _insert("blogs_post_tags", ("id", "post_id", "tag_id"), post_tags)
            _insert("comments_comment", COMMENT_COLUMNS, comments)
        out.posts += len(posts)
        out.comments += len(comments)
        if progress:
            progress(len(posts))
    _fix_sequences(["blogs_post", "blogs_post_tags", "comments_comment"])
    out.last_post_id = Post.objects.aggregate(m=Max("pk"))["m"] or 0
    return out


POST_COLUMNS = (
    "id", "number", "blog_id", "author_id", "kind", "title", "body", "body_html", "licence",
    "status", "written_at", "edited_at", "published_at", "read_count", "flower_count",
    "comment_count", "last_commented_at",
)  # fmt: skip
COMMENT_COLUMNS = (
    "id", "post_id", "parent_id", "author_id", "guest_name", "guest_email", "ip", "body",
    "body_html", "status", "is_accepted", "created_at",
)  # fmt: skip


def _max_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
        return int(cursor.fetchone()[0])


def _insert(table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    if not rows:
        return
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # COPY: a few times faster than INSERTs
            with cursor.cursor.copy(
                f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN"
            ) as copy:
                for row in rows:
                    copy.write_row(row)
            return
        cursor.executemany(
            f"INSERT INTO {connection.ops.quote_name(table)} ({names}) VALUES ({marks})", rows
        )


def _fix_sequences(tables: list[str]) -> None:
    """PostgreSQL hands out ids from a sequence, which rows inserted with ids skip."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )


def _member_units(member_ids: list[int]) -> Iterator[tuple[int, str]]:
    from chumchon.accounts.models import Member

    for start in range(0, len(member_ids), 5000):
        rows = Member.objects.filter(pk__in=member_ids[start : start + 5000]).values_list(
            "pk", "unit__name"
        )
        yield from ((pk, name or "") for pk, name in rows)


def _paragraphs(text: str) -> str:
    return "\n".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))

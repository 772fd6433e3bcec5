"""Benchmark of community health at scale: full refill, one day's incremental update, and
dashboard latency through a real HTTP server (gunicorn on loopback).

    CHUMCHON_DATA_DIR=/tmp/bench-health .venv/bin/python bench/health.py \\
        --posts 100000 --comments 1000000 --members 5000 --communities 100
    DATABASE_URL=postgres://… .venv/bin/python bench/health.py --posts 100000 …

Until `chumchon generate` lands, it makes its own synthetic data with bulk inserts
(COPY on PostgreSQL): posts spread over `--days` up to now, a third of them with tags
and some linking to earlier posts; comments on them (a third answering an earlier
comment, a few by guests, a few hidden); half the blogs joined to a community, the other
posts shared into one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chumchon.settings")
if not os.environ.get("DATABASE_URL"):
    os.environ.setdefault("CHUMCHON_DATA_DIR", "/tmp/chumchon-bench-health")

KINDS = ("article", "story", "aar", "journal", "question")


def insert_rows(model: type, columns: Sequence[str], rows: Iterable[tuple]) -> int:
    """Insert plain tuples fast: COPY on PostgreSQL, executemany on SQLite."""
    from django.db import connection

    table = model._meta.db_table
    made = 0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
            with cursor.cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
                    made += 1
        return made
    marks = ", ".join(["?"] * len(columns))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
    batch: list[tuple] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(tuple(_sqlite(v) for v in row))
            if len(batch) == 20000:
                cursor.cursor.executemany(sql, batch)
                made += len(batch)
                batch = []
        cursor.cursor.executemany(sql, batch)
    return made + len(batch)


def _sqlite(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
    return value


def _reset_sequences(models: list[type]) -> None:
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def generate(args: argparse.Namespace) -> None:
    from django.db import transaction
    from django.utils import timezone

    from chumchon.accounts.models import Member, OrgUnit
    from chumchon.blogs.models import Blog, Post
    from chumchon.comments.models import Comment
    from chumchon.communities.models import (
        BlogMembership,
        Community,
        CommunityPost,
        Membership,
    )
    from chumchon.core.models import Tag

    rng = random.Random(args.seed)
    now = timezone.now().replace(microsecond=0)
    start = now - dt.timedelta(days=args.days)
    with transaction.atomic():
        org = OrgUnit.objects.create(name="องค์กรทดสอบ", kind="organisation", slug="bench-org")
        units = OrgUnit.objects.bulk_create(
            OrgUnit(name=f"หน่วย {i}", kind="unit", slug=f"bench-u{i}", parent=org, organisation=org)
            for i in range(args.units)
        )
        members = Member.objects.bulk_create(
            Member(
                handle=f"m{i}", display_name=f"สมาชิก {i}", unit=rng.choice(units), password="!",
                date_joined=start,
            )
            for i in range(args.members)
        )  # fmt: skip
        blogs = Blog.objects.bulk_create(
            Blog(owner=m, slug="b", title=f"บล็อก {m.handle}") for m in members
        )
        communities = Community.objects.bulk_create(
            Community(name=f"ชุมชน {i}", slug=f"bench-c{i}", purpose="ทดสอบ", created_at=start)
            for i in range(args.communities)
        )
        homes = {m.pk: rng.choice(communities).pk for m in members}
        Membership.objects.bulk_create(
            Membership(community_id=homes[m.pk], member=m, role="member", created_at=start)
            for m in members
        )
        joined = {b.pk: rng.choice(communities).pk for b in blogs[::2]}
        BlogMembership.objects.bulk_create(
            BlogMembership(blog_id=b, community_id=c, joined_at=start) for b, c in joined.items()
        )
        tags = Tag.objects.bulk_create(Tag(name=f"หัวข้อ{i}") for i in range(200))
    owners = {b.pk: b.owner_id for b in blogs}
    # Most comments on a community's posts come from its own members, as in real life.
    people: dict[int, list[int]] = {}
    for member, community in homes.items():
        people.setdefault(community, []).append(member)
    blog_ids = list(owners)
    member_ids = [m.pk for m in members]
    step = args.days * 86400 / args.posts
    per_post = args.comments / args.posts
    posts, comments, shares, post_tags = [], [], [], []
    comment_id = 0
    visible = Comment.Status.VISIBLE
    for n in range(args.posts):
        post_id = n + 1
        blog = blog_ids[rng.randrange(len(blog_ids))]
        author = owners[blog]
        when = start + dt.timedelta(seconds=n * step)
        body = f"ต่อจาก /posts/{rng.randrange(1, n + 1)}" if n and rng.random() < 0.05 else "เนื้อหา"
        community = joined.get(blog) or communities[n % len(communities)].pk
        own = people.get(community) or member_ids
        count = int(per_post) + (1 if rng.random() < per_post % 1 else 0)
        mine: list[tuple[int, dt.datetime]] = []
        last = None
        for k in range(count):
            comment_id += 1
            created = min(now, when + dt.timedelta(hours=rng.expovariate(1 / 30) * (k + 1)))
            parent = None
            if mine and rng.random() < 0.33:
                parent, parent_created = mine[rng.randrange(len(mine))]
                created = max(created, min(now, parent_created + dt.timedelta(minutes=5)))
            guest = rng.random() < 0.02
            pool = own if rng.random() < 0.8 else member_ids
            commenter = None if guest else pool[rng.randrange(len(pool))]
            status = visible if rng.random() > 0.01 else Comment.Status.REMOVED
            comments.append((
                comment_id, post_id, parent, commenter, "ผู้มาเยือน" if guest else "", "", "ดีครับ",
                "", status, False, created,
            ))  # fmt: skip
            mine.append((comment_id, created))
            if status == visible:
                last = max(last, created) if last else created
        posts.append((
            post_id, post_id, blog, author, rng.choice(KINDS), f"บันทึก {n}", body, "",
            "cc-by-nc-sa", "published", when, when, 0, 0, count, last,
        ))  # fmt: skip
        if blog not in joined:
            shares.append((post_id, community, False, when))
        if rng.random() < 0.33:
            post_tags.append((post_id, tags[rng.randrange(len(tags))].pk))
        if len(comments) >= 200000 or n == args.posts - 1:
            with transaction.atomic():
                insert_rows(Post, (
                    "id", "number", "blog_id", "author_id", "kind", "title", "body", "body_html",
                    "licence", "status", "written_at", "published_at", "read_count",
                    "flower_count", "comment_count", "last_commented_at",
                ), posts)  # fmt: skip
                insert_rows(
                    CommunityPost, ("post_id", "community_id", "members_only", "created_at"), shares
                )
                insert_rows(Post.tags.through, ("post_id", "tag_id"), post_tags)
                insert_rows(Comment, (
                    "id", "post_id", "parent_id", "author_id", "guest_name", "guest_email", "body",
                    "body_html", "status", "is_accepted", "created_at",
                ), comments)  # fmt: skip
            posts, comments, shares, post_tags = [], [], [], []
            print(f"  generated {n + 1} posts, {comment_id} comments", flush=True)
    _reset_sequences([Post, Comment, CommunityPost, Post.tags.through])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(workers: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"), "chumchon.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning",
        ],
        cwd=ROOT, env=os.environ.copy(),
    )  # fmt: skip
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server, port
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not start")


def session_cookie(member) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(member)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def latency(port: int, cookie: str, paths: list[str], n: int) -> list[float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    times = []
    for i in range(n):
        began = time.perf_counter()
        conn.request("GET", paths[i % len(paths)], headers={"Cookie": cookie})
        response = conn.getresponse()
        response.read()
        times.append((time.perf_counter() - began) * 1000)
        if response.status != 200:
            raise SystemExit(f"{paths[i % len(paths)]}: HTTP {response.status}")
    conn.close()
    return times


def report(label: str, times: list[float]) -> None:
    times = sorted(times)
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    print(
        f"{label}: p50 {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, "
        f"max {times[-1]:.0f} ms over {len(times)} requests",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--posts", type=int, default=10000)
    parser.add_argument("--comments", type=int, default=100000)
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--communities", type=int, default=50)
    parser.add_argument("--units", type=int, default=30)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="keep the data of a previous run")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from chumchon.accounts.models import Member
    from chumchon.blogs.models import Post
    from chumchon.communities.models import Community
    from chumchon.health.services import health_refresh

    print(f"database: {connection.vendor}", flush=True)
    call_command("migrate", verbosity=0)
    if not (args.reuse and Post.objects.exists()):
        if Post.objects.exists():
            call_command("flush", interactive=False, verbosity=0)
        began = time.monotonic()
        generate(args)
        print(f"generate: {time.monotonic() - began:.1f} s", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    stages: dict[str, float] = {}

    def bar(desc: str, total: int):
        stages[desc] = time.monotonic()
        return lambda n: None

    began, cpu = time.monotonic(), time.process_time()
    result = health_refresh(full=True, bar=bar)
    counted = stages.get("snapshots", time.monotonic()) - began
    print(
        f"full refill: {result.seconds:.1f} s (count tables {counted:.1f} s, "
        f"{result.snapshots} snapshots {result.seconds - counted:.1f} s; {result.posts} posts; "
        f"CPU of this process {time.process_time() - cpu:.1f} s)",
        flush=True,
    )
    stages.clear()
    began, cpu = time.monotonic(), time.process_time()
    result = health_refresh(since=timezone.localdate(), bar=bar)
    counted = stages.get("snapshots", time.monotonic()) - began
    print(
        f"incremental update of one day: {result.seconds:.1f} s (count tables {counted:.1f} s, "
        f"{result.snapshots} snapshots {result.seconds - counted:.1f} s; "
        f"{result.posts} posts' threads; CPU of this process {time.process_time() - cpu:.1f} s)",
        flush=True,
    )

    admin, _ = Member.objects.get_or_create(
        handle="bench-admin", defaults={"display_name": "admin", "is_staff": True}
    )
    cookie = session_cookie(admin)
    slugs = list(Community.objects.order_by("pk").values_list("slug", flat=True))
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    server, port = serve(args.workers)
    try:
        community_paths = [f"/c/{s}/health" for s in slugs]
        latency(port, cookie, ["/health", *community_paths[:2]], 4)  # warm the workers
        report(
            "community page /c/<slug>/health", latency(port, cookie, community_paths, args.requests)
        )
        report("organisation page /health", latency(port, cookie, ["/health"], args.requests))
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()

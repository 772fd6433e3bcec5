"""Benchmark of community health at scale: full refill, one day's incremental update, and
dashboard latency through a real HTTP server (gunicorn on loopback).

    CHUMCHON_DATA_DIR=/tmp/bench-health .venv/bin/python bench/health.py \\
        --posts 100000 --comments 1000000 --members 5000 --communities 100
    DATABASE_URL=postgres://… .venv/bin/python bench/health.py --posts 100000 …

Data comes from `chumchon.core.generate`: posts spread over `--days` up to now with short
bodies, 5% linking to an earlier post; comments on them, a third answering an earlier
comment; every member in a community, half the blogs joined to one, the other blogs'
posts shared into one. `--generate-only` stops after making the data; `--reuse` keeps
the data of an earlier run.

"Today" is the last day with activity in the data (they end when they were made), so
the one-day update always counts one day of activity. Each figure is printed with the
1-minute load average and this process's CPU time (SQLite runs inside it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chumchon.settings")
if not os.environ.get("DATABASE_URL"):
    os.environ.setdefault("CHUMCHON_DATA_DIR", "/tmp/chumchon-bench-health")


def generate(args: argparse.Namespace) -> None:
    """The project's generator (chumchon.core.generate) with a recent span, replies to
    comments, links between posts, short bodies and a pool of short comments."""
    from django.utils import timezone
    from tqdm import tqdm

    from chumchon.core.generate import Shape, generate

    now = timezone.now().replace(microsecond=0)
    shape = Shape(
        start=now - dt.timedelta(days=args.days), end=now, reply_share=0.33, link_share=0.05,
        short_comments=True, body_bytes=args.body_bytes,
        colleagues=max(1, args.members // max(1, args.communities) // 2),
    )  # fmt: skip
    with tqdm(total=args.posts, unit="post", desc="generate", mininterval=10) as bar:
        summary = generate(
            posts=args.posts, members=args.members, communities=args.communities,
            seed=args.seed, comments_per_post=args.comments / max(1, args.posts),
            progress=bar.update, shape=shape,
        )  # fmt: skip
    print(f"  generated {summary.posts} posts, {summary.comments} comments", flush=True)


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
        f"max {times[-1]:.0f} ms over {len(times)} requests; "
        f"load average {os.getloadavg()[0]:.1f}",
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
    parser.add_argument("--body-bytes", type=int, default=300)
    parser.add_argument("--reuse", action="store_true", help="keep the data of a previous run")
    parser.add_argument("--generate-only", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Max
    from django.utils import timezone

    from chumchon.accounts.models import Member
    from chumchon.blogs.models import Post
    from chumchon.comments.models import Comment
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
    if args.generate_only:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    stages: dict[str, float] = {}

    def bar(desc: str, total: int):
        stages[desc] = time.monotonic()
        return lambda n: None

    # The data end when they were made: "today" is the last day with activity, so the
    # one-day update counts a day of activity even when the data were made days ago.
    latest = max(
        Post.objects.aggregate(t=Max("published_at"))["t"],
        Comment.objects.aggregate(t=Max("created_at"))["t"],
    )
    day = timezone.localtime(latest).date()
    print(f"last day of activity: {day}; load average {os.getloadavg()[0]:.1f}", flush=True)
    began, cpu = time.monotonic(), time.process_time()
    result = health_refresh(full=True, today=day, bar=bar)
    counted = stages.get("snapshots", time.monotonic()) - began
    print(
        f"full refill: {result.seconds:.1f} s (count tables {counted:.1f} s, "
        f"{result.snapshots} snapshots {result.seconds - counted:.1f} s; {result.posts} posts; "
        f"CPU of this process {time.process_time() - cpu:.1f} s; "
        f"load average {os.getloadavg()[0]:.1f})",
        flush=True,
    )
    stages.clear()
    began, cpu = time.monotonic(), time.process_time()
    result = health_refresh(since=day, today=day, bar=bar)
    counted = stages.get("snapshots", time.monotonic()) - began
    print(
        f"incremental update of one day: {result.seconds:.1f} s (count tables {counted:.1f} s, "
        f"{result.snapshots} snapshots {result.seconds - counted:.1f} s; "
        f"{result.posts} posts' threads; CPU of this process {time.process_time() - cpu:.1f} s; "
        f"load average {os.getloadavg()[0]:.1f})",
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
        community_paths = [f"/c/{s}/health" for s in slugs][: args.requests]
        report(
            "first views after the refresh",
            latency(port, cookie, community_paths, len(community_paths)),
        )
        report(
            "community page /c/<slug>/health", latency(port, cookie, community_paths, args.requests)
        )
        report("organisation page /health", latency(port, cookie, ["/health"], args.requests))
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()

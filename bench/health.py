"""Benchmark of community health at scale: full refill, one day's incremental update, and
dashboard latency through HTTP.

    CHUMCHON_DATA_DIR=/tmp/bench-health .venv/bin/python bench/health.py \
        --posts 100000 --comments 1000000 --members 5000 --communities 100

Until `chumchon generate` (bench/, search branch) lands, it makes its own synthetic data
with bulk inserts: posts spread over two years, comments on them (some answering other
comments), every post shared into one community.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chumchon.settings")
os.environ.setdefault("CHUMCHON_DATA_DIR", "/tmp/chumchon-bench-health")


def generate(args: argparse.Namespace) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from chumchon.accounts.models import Member, OrgUnit
    from chumchon.blogs.models import Blog, Post
    from chumchon.comments.models import Comment
    from chumchon.communities.models import Community, CommunityPost, Membership

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
            Member(handle=f"m{i}", display_name=f"สมาชิก {i}", unit=rng.choice(units), password="!")
            for i in range(args.members)
        )
        blogs = Blog.objects.bulk_create(
            Blog(owner=m, slug="b", title=f"บล็อก {m.handle}") for m in members
        )
        communities = Community.objects.bulk_create(
            Community(name=f"ชุมชน {i}", slug=f"bench-c{i}", purpose="ทดสอบ", created_at=start)
            for i in range(args.communities)
        )
        Membership.objects.bulk_create(
            Membership(community=rng.choice(communities), member=m, role="member", created_at=start)
            for m in members
        )
    step = args.days * 86400 / args.posts
    batch = 20000
    for lo in range(0, args.posts, batch):
        with transaction.atomic():
            posts = []
            for n in range(lo, min(lo + batch, args.posts)):
                blog = blogs[rng.randrange(len(blogs))]
                when = start + dt.timedelta(seconds=n * step)
                posts.append(Post(
                    number=n + 1, blog=blog, author_id=blog.owner_id, kind=rng.choice(
                        ["article", "story", "aar", "journal", "question"]),
                    title=f"บันทึก {n}", body="เนื้อหา", body_html="", status="published",
                    written_at=when, published_at=when,
                ))  # fmt: skip
            Post.objects.bulk_create(posts)
            CommunityPost.objects.bulk_create(
                CommunityPost(community=communities[p.number % len(communities)], post=p)
                for p in posts
            )
    print(f"posts: {args.posts}", flush=True)
    per_post = args.comments / args.posts
    post_rows = list(Post.objects.values_list("id", "published_at"))
    made = 0
    with connection.cursor():
        for lo in range(0, len(post_rows), batch // 10):
            comments = []
            for post_id, published in post_rows[lo : lo + batch // 10]:
                count = int(per_post) + (1 if rng.random() < per_post % 1 else 0)
                for k in range(count):
                    comments.append(Comment(
                        post_id=post_id, author=members[rng.randrange(len(members))], body="ดีครับ",
                        body_html="", status="visible",
                        created_at=min(
                            now, published + dt.timedelta(hours=rng.expovariate(1 / 30) * (k + 1))
                        ),
                    ))  # fmt: skip
            with transaction.atomic():
                Comment.objects.bulk_create(comments, batch_size=5000)
            made += len(comments)
    print(f"comments: {made}", flush=True)


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
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="keep the data of a previous run")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from chumchon.accounts.models import Member
    from chumchon.blogs.models import Post
    from chumchon.health.services import health_refresh

    call_command("migrate", verbosity=0)
    if not (args.reuse and Post.objects.exists()):
        began = time.monotonic()
        generate(args)
        print(f"generate: {time.monotonic() - began:.1f} s", flush=True)

    began = time.monotonic()
    result = health_refresh(full=True)
    seconds = time.monotonic() - began
    print(f"full refill: {seconds:.1f} s (with {result.snapshots} snapshots)", flush=True)

    began = time.monotonic()
    health_refresh(since=timezone.localdate(), snapshots=True)
    print(f"incremental update of one day: {time.monotonic() - began:.1f} s", flush=True)

    admin, _ = Member.objects.get_or_create(
        handle="bench-admin", defaults={"display_name": "admin", "is_staff": True}
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(admin)
    from chumchon.communities.models import Community

    slugs = list(Community.objects.values_list("slug", flat=True))
    for path in ("/health", *(f"/c/{s}/health" for s in slugs[:3])):
        client.get(path)  # computes any snapshot not kept yet
    for label, paths in (
        ("community page", [f"/c/{s}/health" for s in slugs]),
        ("organisation page", ["/health"]),
    ):
        times = []
        for i in range(args.requests):
            began = time.perf_counter()
            response = client.get(paths[i % len(paths)])
            times.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, response.status_code
        times.sort()
        p50, p95 = statistics.median(times), times[int(len(times) * 0.95) - 1]
        print(f"{label}: p50 {p50:.0f} ms, p95 {p95:.0f} ms over {len(times)} requests")


if __name__ == "__main__":
    main()

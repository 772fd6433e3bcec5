"""Page benchmark: the pages people open most, on a big organisation.

    .venv/bin/python bench/pages.py --posts 100000 --data-dir var/bench-100k
    .venv/bin/python bench/pages.py --data-dir /tmp/srch/d1m  # data of bench/search.py
    .venv/bin/python bench/pages.py --posts 100000 --database-url postgres://…

With --data-dir (SQLite) the database there is used, and N posts are generated into it
first if it holds none (chumchon.core.generate, as bench/search.py does); with
--database-url the same on that PostgreSQL server. Each page is then requested
--requests times through Django's test client, in this process, by a visitor who is not
signed in and by a signed-in member, and the benchmark prints p50 and p95 of each and
its number of SQL queries. A page of a list that grows with the organisation must stay
about as fast at a million posts as at a thousand: a plan that sorts or lists every post
shows up here as seconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000, help="generated if none exist")
    parser.add_argument("--members", type=int, default=0, help="default: posts / 50")
    parser.add_argument("--requests", type=int, default=20, help="of each page")
    parser.add_argument("--data-dir", default="var/bench-pages")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    Path(args.data_dir).mkdir(parents=True, exist_ok=True)
    os.environ["CHUMCHON_DATA_DIR"] = str(Path(args.data_dir).resolve())
    os.environ["CHUMCHON_DEBUG"] = "false"
    os.environ.pop("DATABASE_URL", None)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chumchon.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    _data(args)
    print(f"database: {connection.vendor}; {_sizes()}", flush=True)
    for label, member in (("visitor", None), ("member", _member())):
        for name, url in _pages():
            _time(label, member, name, url, args.requests)


def _data(args: argparse.Namespace) -> None:
    from chumchon.blogs.models import Post
    from chumchon.core.generate import generate

    if Post.objects.exists():
        return
    started = time.perf_counter()
    members = args.members or max(10, args.posts // 50)
    summary = generate(posts=args.posts, members=members, seed=args.seed)
    print(f"generated {summary.posts:,} posts, {summary.comments:,} comments "
          f"in {time.perf_counter() - started:.0f} s", flush=True)  # fmt: skip


def _sizes() -> str:
    from chumchon.accounts.models import Member
    from chumchon.blogs.models import Post
    from chumchon.comments.models import Comment

    return (f"{Post.objects.count():,} posts, {Comment.objects.count():,} comments, "
            f"{Member.objects.count():,} members")  # fmt: skip


def _member():  # type: ignore[no-untyped-def]
    from chumchon.accounts.models import Member

    return Member.objects.filter(is_active=True, is_staff=False).order_by("pk").first()


def _pages() -> list[tuple[str, str]]:
    from chumchon.blogs.models import Blog, Post
    from chumchon.core.models import Tag

    published = Post.objects.filter(status=Post.Status.PUBLISHED)
    newest = published.order_by("-pk").first()
    oldest = published.order_by("pk").first()
    commented = published.order_by("-comment_count", "-pk").first()
    blog = Blog.objects.order_by("-pk").first()
    tag = Tag.objects.order_by("pk").first()
    pages = [("home", "/")]
    if newest and oldest and commented:
        pages += [
            ("newest post", newest.get_absolute_url()),
            ("oldest post", oldest.get_absolute_url()),
            ("most commented post", commented.get_absolute_url()),
            ("its comments (API)", f"/api/v1/posts/{commented.number}/comments"),
            ("author's profile", f"/@{newest.author.handle}"),
        ]
    if blog:
        pages.append(("newest blog", blog.get_absolute_url()))
    if tag:
        pages.append((f"tag {tag.name}", f"/tags/{tag.name}"))
    pages += [
        ("posts (API, page 2)", "/api/v1/posts?page=2"),
        (
            "search page",
            "/search?q=%E0%B8%9C%E0%B8%B9%E0%B9%89%E0%B8%9B%E0%B9%88%E0%B8%A7%E0%B8%A2",
        ),
        ("communities", "/c/"),
    ]
    return pages


def _time(label: str, member, name: str, url: str, requests: int) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    if member is not None:
        client.force_login(member)
    status = client.get(url).status_code  # the first request warms caches
    samples = []
    with CaptureQueriesContext(connection) as queries:
        for _ in range(requests):
            started = time.perf_counter()
            client.get(url)
            samples.append((time.perf_counter() - started) * 1000)
    cuts = statistics.quantiles(samples, n=20) if len(samples) > 1 else samples * 19
    print(f"{label:8} {name:22} {status} p50 {statistics.median(samples):7.1f} ms  "
          f"p95 {cuts[18]:7.1f} ms  {len(queries) // requests:3d} queries  {url}",
          flush=True)  # fmt: skip


if __name__ == "__main__":
    main()

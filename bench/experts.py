"""Expert finder benchmark: quality on an organisation with planted experts, and latency.

    .venv/bin/python bench/experts.py [--members 1000] [--topics 20] [--seed 7] [--requests 200]
        [--background-posts 1000000 --background-members 100000]

Generates, in a fresh database under a temporary CHUMCHON_DATA_DIR (or DATABASE_URL),
an organisation whose experts are known: for every topic six specialists (strong and
moderate writers, an answerer whose answers askers accepted, a practitioner others
endorse), among prolific generalists who name every topic in weekly round-ups, noise
writers who mention topics in passing and ask questions, and a ring of colleagues who
endorse each other for a topic none of them writes about. Prints P@1, P@5 and MRR for
chumchon's ranking and for a naive baseline (people ordered by how many of their posts
contain the query words), then latency through HTTP (gunicorn) of /api/v1/experts and
/experts. With --background-posts, `chumchon generate` first writes that many ordinary
posts by --background-members people (the search benchmark's generator, batched
INSERTs), so both the quality and the latency are measured inside a large organisation.

The finder ranks from the expertise table (`chumchon experts_rebuild`), which is built
after generating; the search index is not read by the finder and is rebuilt only with
--search-index. Each phase prints its time, and every figure the load average of the
machine it was measured on. --reuse measures again on a --data-dir generated earlier
with the same arguments (add --rebuild to recompute the table first).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

from tqdm import tqdm

sys.path.insert(0, str(Path(__file__).resolve().parent))
from experts_corpus import TOPICS, deep_post, general_post, roundup_post  # noqa: E402

EXPERTS_PER_TOPIC = 6
NOW = dt.datetime.now(dt.UTC)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--topics", type=int, default=len(TOPICS))
    parser.add_argument("--generalists", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--requests", type=int, default=200, help="HTTP requests per endpoint")
    parser.add_argument("--no-http", action="store_true", help="skip the latency part")
    parser.add_argument("--background-posts", type=int, default=0)
    parser.add_argument("--background-members", type=int, default=1000)
    parser.add_argument("--data-dir", help="keep the database here (default: a temporary dir)")
    parser.add_argument(
        "--reuse", action="store_true", help="measure latency on the data already in --data-dir"
    )
    parser.add_argument("--rebuild", action="store_true", help="with --reuse: rebuild the table")
    parser.add_argument("--resume", action="store_true", help="with --rebuild: continue one")
    parser.add_argument(
        "--no-baseline", action="store_true", help="skip the baseline (a full scan per query)"
    )
    parser.add_argument("--search-index", action="store_true", help="also rebuild search's index")
    parser.add_argument(
        "--compare-index", action="store_true",
        help="also measure the ranking from the search index's top documents (the old way)",
    )  # fmt: skip
    return parser.parse_args()


def load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load {one:.2f}/{five:.2f} on {os.cpu_count()} CPUs"


def build_table(resume: bool = False) -> None:
    from chumchon.accounts.models import Member
    from chumchon.experts.expertise import expertise_rebuild

    started = time.perf_counter()
    total = Member.objects.filter(is_active=True).count()
    with tqdm(total=total, desc="expertise table", unit="person") as bar:
        rows = expertise_rebuild(progress=bar.update, resume=resume)
    print(
        f"expertise table: {rows:,} rows for {total:,} members in "
        f"{time.perf_counter() - started:.1f} s ({load()})"
    )


def setup_django(data_dir: str) -> None:
    os.environ["CHUMCHON_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chumchon.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


# ---- generating the organisation -------------------------------------------------------


class Org:
    """Rows to bulk-insert, and the ground truth."""

    def __init__(self, rng: random.Random, topics: list) -> None:
        self.rng, self.topics = rng, topics
        self.posts: list[dict] = []  # author, title, body, kind, at, tags
        self.answers: list[tuple[int, int, str]] = []  # (question index, answerer, body)
        self.comments: list[tuple[int, int, str]] = []  # (post index, author, body)
        self.endorsements: set[tuple[int, int, str]] = set()  # (endorser, member, topic)
        self.declared: list[tuple[int, str]] = []
        self.truth: dict[str, set[int]] = defaultdict(set)

    def when(self) -> dt.datetime:
        return NOW - dt.timedelta(days=self.rng.uniform(1, 4 * 365))

    def post(self, author: int, title: str, body: str, kind: str = "article", tags=()) -> int:
        self.posts.append(
            {
                "author": author,
                "title": title,
                "body": body,
                "kind": kind,
                "at": self.when(),
                "tags": list(tags),
            }
        )
        return len(self.posts) - 1

    def deep(self, author: int, topic: tuple, n: int) -> None:
        for _ in range(n):
            self.post(author, *deep_post(self.rng, topic), tags=[topic[0]])

    def general(self, author: int, n: int) -> None:
        for _ in range(n):
            self.post(author, *general_post(self.rng))

    def roundups(self, author: int, n: int, per_post: tuple[int, int]) -> None:
        for _ in range(n):
            named = self.rng.sample(self.topics, self.rng.randint(*per_post))
            self.post(author, *roundup_post(self.rng, named), tags=["บันทึกประจำสัปดาห์"])


def plan(org: Org, members: list[int], units: dict[int, int], generalists: int) -> None:
    rng = org.rng
    pool = list(members)
    rng.shuffle(pool)
    pending = []
    # Specialists: six per topic with different kinds of evidence.
    for topic in org.topics:
        strong, strong2, moderate, moderate2, answerer, endorsed = (pool.pop() for _ in range(6))
        org.truth[topic[0]] = {strong, strong2, moderate, moderate2, answerer, endorsed}
        for m in (strong, strong2):
            org.deep(m, topic, rng.randint(12, 20))
            org.general(m, rng.randint(3, 6))
        for m in (moderate, moderate2):
            org.deep(m, topic, rng.randint(5, 8))
            org.general(m, rng.randint(3, 6))
        org.deep(answerer, topic, rng.randint(1, 3))
        org.general(answerer, rng.randint(2, 4))
        org.deep(endorsed, topic, rng.randint(2, 4))
        org.general(endorsed, rng.randint(2, 4))
        org.declared.append((endorsed, topic[0]))
        pending.append((topic, answerer, endorsed))
    generalist_ids = [pool.pop() for _ in range(generalists)]
    noise = pool
    for m in generalist_ids:
        org.roundups(m, rng.randint(80, 140), (3, 5))
        for topic in rng.sample(org.topics, 2):
            org.deep(m, topic, 1)
    for m in noise:
        org.general(m, rng.randint(1, 5))
        org.roundups(m, rng.randint(0, 3), (1, 2))
    # Questions from noise writers, answered by the topic's answerer (accepted) and
    # commented on by generalists; endorsements for the endorsed practitioner.
    for topic, answerer, endorsed in pending:
        for _ in range(rng.randint(4, 7)):
            asker = rng.choice(noise)
            t, related = topic
            q = org.post(
                asker,
                f"ถามเรื่อง{t}ค่ะ",
                f"อยากทราบว่า{t}เรื่อง{rng.choice(related)}ต้องทำอย่างไร",
                "question",
                [t],
            )
            org.answers.append(
                (q, answerer, f"จากประสบการณ์ {rng.choice(related)} ต้องเริ่มจากการวางแผนให้ดี")
            )
            org.comments.append((q, rng.choice(generalist_ids), "น่าสนใจครับ ติดตามอยู่"))
        for endorser in rng.sample(noise, rng.randint(3, 6)):
            org.endorsements.add((endorser, endorsed, topic[0]))
    # A ring: five colleagues of one unit endorse each other for a topic none writes about.
    by_unit = defaultdict(list)
    for m in noise:
        by_unit[units[m]].append(m)
    ring = max(by_unit.values(), key=len)[:5]
    for topic in org.topics[:5]:
        for a in ring:
            for b in ring:
                if a != b:
                    org.endorsements.add((a, b, topic[0]))


def insert(org: Org, members: list[int]) -> None:
    from django.db import transaction

    from chumchon.accounts.models import Member
    from chumchon.blogs.models import Blog, Post
    from chumchon.comments.models import Comment
    from chumchon.core.generate import _reserve_numbers
    from chumchon.core.html import render_markdown
    from chumchon.core.models import Tag
    from chumchon.experts.models import Endorsement

    with transaction.atomic():
        names = {t for p in org.posts for t in p["tags"]} | {t for _e, _m, t in org.endorsements}
        Tag.objects.bulk_create([Tag(name=n) for n in names], ignore_conflicts=True)
        tags = dict(Tag.objects.values_list("name", "pk"))
        blogs = {
            b.owner_id: b.pk
            for b in Blog.objects.bulk_create(
                [Blog(owner_id=m, slug="notes", title=f"บันทึกของ {m}") for m in members]
            )
        }
        first = _reserve_numbers(len(org.posts))
        rows = [
            Post(
                number=first + i,
                blog_id=blogs[p["author"]],
                author_id=p["author"],
                kind=p["kind"],
                title=p["title"],
                body=p["body"],
                body_html=render_markdown(p["body"]),
                status=Post.Status.PUBLISHED,
                written_at=p["at"],
                published_at=p["at"],
            )  # fmt: skip
            for i, p in enumerate(tqdm(org.posts, desc="posts", unit="post"))
        ]
        posts = Post.objects.bulk_create(rows, batch_size=2000)
        tagged = [(posts[i].pk, tags[t]) for i, p in enumerate(org.posts) for t in p["tags"]]
        Post.tags.through.objects.bulk_create(
            [Post.tags.through(post_id=p, tag_id=t) for p, t in tagged], batch_size=5000
        )
        comments = [
            Comment(
                post_id=posts[i].pk,
                author_id=a,
                body=b,
                body_html=render_markdown(b),
                is_accepted=accepted,
                created_at=posts[i].published_at + dt.timedelta(hours=3),
            )  # fmt: skip
            for (i, a, b), accepted in [(x, True) for x in org.answers]
            + [(x, False) for x in org.comments]
        ]
        Comment.objects.bulk_create(comments, batch_size=2000)
        Endorsement.objects.bulk_create(
            [
                Endorsement(endorser_id=e, member_id=m, tag_id=tags[t])
                for e, m, t in org.endorsements
            ],
            batch_size=2000,
        )
        Member.tags.through.objects.bulk_create(
            [Member.tags.through(member_id=m, tag_id=tags[t]) for m, t in org.declared]
        )


def tag_name(text: str) -> str:
    """Topics become tags the way the tag field stores them (Latin in lower case)."""
    from chumchon.core.tags import tags_parse

    return tags_parse(text)[0]


def generate(args: argparse.Namespace) -> tuple[dict[str, set[int]], list[tuple[str, list[str]]]]:
    from chumchon.accounts.models import Member
    from chumchon.accounts.services import orgunit_create

    rng = random.Random(args.seed)
    topics = [(tag_name(t), r) for t, r in TOPICS[: args.topics]]
    need = args.topics * EXPERTS_PER_TOPIC + args.generalists + 10
    if args.members < need:
        sys.exit(f"--members must be at least {need} for {args.topics} topics")
    if args.background_posts:
        from django.core.management import call_command

        call_command(
            "generate", posts=args.background_posts, members=args.background_members,
            seed=args.seed, no_index=True,
        )  # fmt: skip
    org_unit = orgunit_create(name="องค์กรทดสอบ", kind="organisation", slug="bench-org")
    units = [
        orgunit_create(name=f"กลุ่มงานที่ {i}", kind="group", slug=f"bench-{i}", parent=org_unit)
        for i in range(20)
    ]
    rows = [
        Member(
            handle=f"bench{i}",
            display_name=f"สมาชิก {i}",
            unit=units[rng.randrange(len(units))],
            password="!",
        )
        for i in range(args.members)
    ]
    created = Member.objects.bulk_create(rows, batch_size=2000)
    ids = [m.pk for m in created]
    unit_of = {m.pk: m.unit_id for m in created}
    org = Org(rng, topics)
    plan(org, ids, unit_of, args.generalists)
    insert(org, ids)
    return dict(org.truth), topics


def replay(args: argparse.Namespace) -> tuple[dict[str, set[int]], list[tuple[str, list[str]]]]:
    """The ground truth of an organisation generated earlier with the same arguments:
    the same random draws, in the same order, over the members already there."""
    from chumchon.accounts.models import Member

    rng = random.Random(args.seed)
    topics = [(tag_name(t), r) for t, r in TOPICS[: args.topics]]
    for _member in range(args.members):
        rng.randrange(20)  # the unit each planted member was given
    rows = Member.objects.filter(handle__startswith="bench").values_list("handle", "pk", "unit")
    by_handle = {h: (pk, unit) for h, pk, unit in rows}
    ids = [by_handle[f"bench{i}"][0] for i in range(args.members)]
    org = Org(rng, topics)
    plan(org, ids, {pk: unit for pk, unit in by_handle.values()}, args.generalists)
    return dict(org.truth), topics


# ---- measuring ---------------------------------------------------------------------


def ours(query: str) -> list[int]:
    from django.contrib.auth.models import AnonymousUser

    from chumchon.experts.queries import experts_for

    return [p.person_id for p in experts_for(query, viewer=AnonymousUser())[:10]]


def from_index(query: str) -> list[int]:
    from django.contrib.auth.models import AnonymousUser

    from chumchon.experts.queries import experts_for
    from chumchon.experts.relevance import index_hits

    found = experts_for(query, viewer=AnonymousUser(), source=index_hits)
    return [p.person_id for p in found[:10]]


def in_process(queries: list[str], requests: int) -> None:
    """GET /api/v1/experts through Django's test client: wall time and this process's CPU
    time per request (on SQLite the database works in this process too). On a machine
    shared with other jobs, CPU time is what the request costs; wall time what it took."""
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    for q in queries[:5]:
        client.get("/api/v1/experts", {"q": q})
    wall, cpu = [], []
    for i in range(requests):
        started, used = time.perf_counter(), time.process_time()
        response = client.get("/api/v1/experts", {"q": queries[i % len(queries)]})
        assert response.status_code == 200
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    for label, times in (("wall", wall), ("CPU", cpu)):
        q = statistics.quantiles(times, n=100)
        print(
            f"in-process /api/v1/experts {label:<4} p50 {q[49]:7.1f} ms   p95 {q[94]:7.1f} ms"
            f"   ({requests} req, {load()})"
        )


def baseline(query: str) -> list[int]:
    """People ordered by how many of their posts contain every query word."""
    from django.db.models import Count, Q

    from chumchon.blogs.models import Post

    match = Q()
    for word in query.split():
        match &= Q(title__icontains=word) | Q(body__icontains=word)
    rows = (
        Post.objects.published().filter(match).values("author_id").annotate(n=Count("pk"))
        .order_by("-n", "author_id")[:10]
    )  # fmt: skip
    return [r["author_id"] for r in rows]


def quality(ranker, truth: dict[str, set[int]]) -> tuple[float, float, float]:
    p1 = p5 = rr = 0.0
    for query, relevant in truth.items():
        found = ranker(query)
        p1 += bool(found[:1]) and found[0] in relevant
        p5 += sum(1 for m in found[:5] if m in relevant) / 5
        rr += next((1 / (i + 1) for i, m in enumerate(found) if m in relevant), 0.0)
    n = len(truth)
    return p1 / n, p5 / n, rr / n


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def latency(queries: list[str], requests: int) -> dict[str, tuple[float, float]]:
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "chumchon.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "1"]
    server = subprocess.Popen([*command, "--log-level", "warning"], env=os.environ.copy())
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/experts", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        results = {}
        for path in ("/api/v1/experts", "/experts"):
            times = []
            for i in tqdm(range(requests + 10), desc=path, unit="req"):
                url = f"{base}{path}?" + urllib.parse.urlencode({"q": queries[i % len(queries)]})
                start = time.perf_counter()
                with urllib.request.urlopen(url, timeout=30) as response:
                    response.read()
                if i >= 10:  # the first requests warm the caches
                    times.append((time.perf_counter() - start) * 1000)
            q = statistics.quantiles(times, n=100)
            results[path] = (q[49], q[94])
        return results
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    args = parse_args()
    data_dir = args.data_dir or tempfile.mkdtemp(prefix="chumchon-bench-experts-")
    setup_django(data_dir)
    if args.reuse:
        truth, topics = replay(args)
        if args.rebuild:
            build_table(args.resume)
        report_quality(truth, topics, args.compare_index, not args.no_baseline)
        in_process([t for t, _r in topics], args.requests)
        if not args.no_http:
            report_latency([t for t, _r in topics], args.requests)
        return
    started = time.perf_counter()
    truth, topics = generate(args)
    queries = [t for t, _r in topics]
    from chumchon.accounts.models import Member
    from chumchon.blogs.models import Post
    from chumchon.search.indexing import reindex

    generated = time.perf_counter() - started
    print(
        f"organisation: {Member.objects.count()} members, {Post.objects.count()} posts, "
        f"{len(truth)} topics × {EXPERTS_PER_TOPIC} planted, {args.generalists} generalists "
        f"(generated in {generated:.1f} s, {load()}, data in {data_dir})"
    )
    analyse_tables()
    build_table()
    if args.search_index:
        indexing = time.perf_counter()
        with tqdm(desc="search index", unit="doc") as bar:
            reindex(progress=lambda _t, n: bar.update(n))
        print(f"search index rebuilt in {time.perf_counter() - indexing:.1f} s ({load()})")
    report_quality(truth, topics, args.compare_index, not args.no_baseline)
    in_process(queries, args.requests)
    if not args.no_http:
        report_latency(queries, args.requests)


def analyse_tables() -> None:
    """Give SQLite's planner its statistics, as `PRAGMA optimize` does on a live server;
    without them it reads a million posts through the status index to check 500 ids."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def report_quality(
    truth: dict[str, set[int]],
    topics: list[tuple[str, list[str]]],
    compare: bool = False,
    with_baseline: bool = True,
) -> None:
    # The same experts asked for by the topic's name, and by a word of its practice.
    related = {dict(topics)[t][0]: people for t, people in truth.items()}
    print(f"quality ({load()})")
    print(f"{'ranking':<30}{'queries':<15}{'P@1':>7}{'P@5':>7}{'MRR':>7}")
    rankers = [("chumchon (Model 2 + signals)", ours)]
    if with_baseline:
        rankers.append(("baseline (posts with words)", baseline))
    if compare:
        rankers.append(("search index top documents", from_index))
    for name, ranker in rankers:
        for label, judged in (("topic names", truth), ("related words", related)):
            p1, p5, mrr = quality(ranker, judged)
            print(f"{name:<30}{label:<15}{p1:>7.3f}{p5:>7.3f}{mrr:>7.3f}")


def report_latency(queries: list[str], requests: int) -> None:
    for path, (p50, p95) in latency(queries, requests).items():
        print(f"HTTP {path:<16} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   ({requests} req, {load()})")


if __name__ == "__main__":
    main()

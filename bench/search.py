"""Search benchmark: indexing throughput, index size, query latency and quality.

    .venv/bin/python bench/search.py --posts 100000 [--engines sqlite,postgres]
    .venv/bin/python bench/search.py --posts 1000000 --engines sqlite --data-dir var/bench-1m

With --data-dir (SQLite only) the generated database is kept there and reused by the next
run with the same directory: generating a million posts takes minutes. With
--database-url (PostgreSQL) the data is kept in that server and reused the same way.

For each engine, on a fresh database: generates N Thai posts of about 2 KB
(chumchon.core.generate), plants the judged documents (chumchon.search.judged), rebuilds
the index, then prints

- indexing throughput (posts/s, wall clock and CPU) and index size,
- query latency p50/p95 over --queries queries, in-process (`search()`) and through HTTP
  (`GET /api/v1/search` served by gunicorn on loopback, started here),
- MRR@10, recall@10 and nDCG@10 on the judged set, for our engine and for LIKE.

PostgreSQL comes from scripts/services.sh (a throw-away server, stopped at the end).
"""

from __future__ import annotations

import argparse
import gc
import http.client
import json
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# ---- the parent: one child process per engine ---------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--members", type=int, default=0, help="default: posts / 50")
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=None, help="reindex processes")
    parser.add_argument("--server-workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--skip-like", action="store_true", help="skip the LIKE baseline")
    parser.add_argument("--data-dir", help="keep (and reuse) the SQLite data here")
    parser.add_argument(
        "--database-url",
        help="PostgreSQL: use this server (its data is kept and reused) instead of a "
        "throw-away one",
    )
    parser.add_argument(
        "--keep-index", action="store_true", help="with --data-dir: reuse the index too"
    )
    parser.add_argument(
        "--profile", action="store_true", help="also print CPU time per search stage"
    )
    parser.add_argument("--only-latency", action="store_true", help="skip the quality figures")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.members = args.members or max(10, args.posts // 50)
    if args.child:
        run_child(args)
        return
    print(f"chumchon search benchmark: {args.posts:,} posts, {args.members:,} members, "
          f"{args.queries} queries, seed {args.seed}, {os.cpu_count()} CPUs")  # fmt: skip
    for engine in args.engines.split(","):
        database = args.database_url if engine == "postgres" else None
        with environment(engine, args.data_dir if engine == "sqlite" else None, database) as env:
            print(f"\n== {engine}", flush=True)
            command = [sys.executable, __file__, *sys.argv[1:], "--child", engine]
            subprocess.run(command, env=env, check=True)


class environment:
    """A fresh data directory, and for PostgreSQL a throw-away server."""

    def __init__(self, engine: str, keep: str | None = None, database: str | None = None) -> None:
        self.engine = engine
        self.keep = keep
        self.database = database
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
        self.dir = Path(keep or tempfile.mkdtemp(prefix=f"chumchon-bench-{engine}-"))
        self.services = ""

    def __enter__(self) -> dict[str, str]:
        env = {**os.environ, "CHUMCHON_DATA_DIR": str(self.dir), "CHUMCHON_DEBUG": "false"}
        env.pop("DATABASE_URL", None)
        if self.engine == "postgres" and self.database:
            env["DATABASE_URL"] = self.database
        elif self.engine == "postgres":
            out = subprocess.run(
                ["bash", str(ROOT / "scripts/services.sh"), "start"],
                check=True, capture_output=True, text=True,
            ).stdout  # fmt: skip
            for line in out.splitlines():
                key, _, value = line.removeprefix("export ").partition("=")
                env[key] = value
            self.services = env["SERVICES_DIR"]
        return env

    def __exit__(self, *exc: object) -> None:
        if self.services:
            subprocess.run(["bash", str(ROOT / "scripts/services.sh"), "stop", self.services])
        if not self.keep:
            shutil.rmtree(self.dir, ignore_errors=True)


# ---- the child: everything on one engine ------------------------------------------------


def run_child(args: argparse.Namespace) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chumchon.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor} {connection.Database.__name__}", flush=True)

    keys = reuse() if args.data_dir or args.database_url else None
    if keys is None:
        keys = make_data(args)
        args.keep_index = False
    if not args.keep_index:
        index(args)
    queries = query_set(args)
    latency_in_process(queries)
    if args.profile:
        profile(queries)
    latency_http(queries, args)
    if not args.only_latency:
        quality(keys, args)


def make_data(args: argparse.Namespace) -> dict[str, int]:
    from chumchon.accounts.services import member_create
    from chumchon.blogs.services import blog_create
    from chumchon.core.generate import generate
    from chumchon.search.evaluation import plant

    # The judged documents go in first, so they are the oldest: no ranking shortcut that
    # favours recent posts can help them.
    judge = member_create(handle="judge", display_name="ผู้เขียนชุดทดสอบ")
    keys = plant(blog_create(owner=judge, slug="judged", title="ชุดทดสอบการค้นหา"))
    started = time.perf_counter()
    summary = generate(posts=args.posts, members=args.members, seed=args.seed)
    seconds = time.perf_counter() - started
    print(f"generated {summary.posts:,} posts, {summary.comments:,} comments in {seconds:.0f} s "
          f"({summary.posts / seconds:,.0f} posts/s)", flush=True)  # fmt: skip
    return keys


def reuse() -> dict[str, int] | None:
    """The judged documents' ids in a database kept by an earlier run (None: a new one)."""
    from chumchon.blogs.models import Post
    from chumchon.search.judged import DOCS

    pks = list(Post.objects.filter(blog__slug="judged").order_by("pk").values_list("pk", flat=True))
    if len(pks) != len(DOCS):
        return None
    print(f"reusing {Post.objects.count():,} posts generated earlier", flush=True)
    return {doc.key: pk for doc, pk in zip(DOCS, pks, strict=True)}


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def index(args: argparse.Namespace) -> None:
    from chumchon.blogs.models import Post
    from chumchon.search.backends import backend
    from chumchon.search.indexing import reindex

    posts = Post.objects.count()
    wall, cpu = time.perf_counter(), _cpu()
    counts = reindex(["posts"], workers=args.workers)
    wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    size = backend().size_bytes()
    n = counts["posts"]
    print(f"indexing: {n:,} posts in {wall:.1f} s = {n / wall:,.0f} posts/s wall "
          f"({n / cpu:,.0f} posts per CPU-second); index {size / 1e6:,.0f} MB "
          f"({size / max(posts, 1):,.0f} B/post)", flush=True)  # fmt: skip


def query_set(args: argparse.Namespace) -> list[str]:
    """Judged queries plus queries built from the generator's vocabulary, as people type."""
    from chumchon.core.generate import TOPICS
    from chumchon.search.judged import QUERIES

    rng = random.Random(args.seed)
    out = [q for q, _ in QUERIES]
    while len(out) < args.queries:
        topic = rng.choice(TOPICS)
        shape = rng.random()
        if shape < 0.35:
            q = rng.choice(topic.nouns)
        elif shape < 0.55:
            q = f"{rng.choice(topic.nouns)} {rng.choice(rng.choice(TOPICS).nouns).split()[0]}"
        elif shape < 0.7:
            q = rng.choice(topic.actions)
        elif shape < 0.8:
            q = f'"{rng.choice(topic.results)}"'
        elif shape < 0.9:
            q = f"{topic.tag} -{rng.choice(topic.tags)}"
        else:
            q = rng.choice(topic.tags)
        out.append(q[:200])
    rng.shuffle(out)
    return out[: args.queries]


def _percentiles(samples: list[float]) -> str:
    cuts = statistics.quantiles(samples, n=100)
    return f"p50 {cuts[49]:.1f} ms, p95 {cuts[94]:.1f} ms, max {max(samples):.1f} ms"


def latency_in_process(queries: list[str]) -> None:
    from django.contrib.auth.models import AnonymousUser

    from chumchon.search.searching import search

    anonymous = AnonymousUser()
    for q in queries[:50]:
        search(user=anonymous, q=q)
    gc.freeze()  # as the server does after start-up (chumchon/wsgi.py)
    samples, totals = [], []
    cpu = time.process_time()
    for q in queries:
        started = time.perf_counter()
        results = search(user=anonymous, q=q)
        samples.append((time.perf_counter() - started) * 1000)
        totals.append(results.total)
    cpu = (time.process_time() - cpu) * 1000 / len(queries)
    print(f"in-process: {_percentiles(samples)} over {len(queries)} queries; "
          f"{cpu:.1f} ms CPU per query in Python and SQLite (not the PostgreSQL server); "
          f"median {statistics.median(totals):,.0f} results, "
          f"{sum(t == 0 for t in totals)} with none", flush=True)  # fmt: skip


# (module, function) pairs timed by --profile ("Class.method" for a method); time spent
# in a nested one is its own.
STAGES = {
    "chumchon.search.backends.sqlite": (
        "_document_counts", "_newest", "_titled", "_within", "_stored_matches", "_bm25",
        "_approximate",
    ),
    "chumchon.search.backends.postgres": (
        "PostgresBackend._bitsets", "PostgresBackend._newest", "PostgresBackend._verify",
        "PostgresBackend._titled", "PostgresBackend._first_ranks", "PostgresBackend._scores",
        "PostgresBackend._levelled",
    ),
    "chumchon.search.searching": ("parse", "_narrowed", "_among", "_count", "_page", "snippet"),
}  # fmt: skip


def profile(queries: list[str]) -> None:
    """CPU time (this thread: Python and SQLite) per stage of `search()`, averaged over
    every query and over the slowest tenth; "rest" is everything not listed. On
    PostgreSQL the server's time is not in this thread's CPU: the same is printed in
    wall-clock time too (CPU and waiting for the server)."""
    import functools
    import importlib

    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from chumchon.search.searching import search

    clocks = {"CPU": time.thread_time, "wall": time.perf_counter}
    spent: dict[str, dict[str, float]] = {clock: {} for clock in clocks}
    nested: list[dict[str, float]] = []

    def timed(name: str, function):  # type: ignore[no-untyped-def]
        @functools.wraps(function)
        def run(*args, **kwargs):  # type: ignore[no-untyped-def]
            started = {clock: now() for clock, now in clocks.items()}
            nested.append(dict.fromkeys(clocks, 0.0))
            try:
                return function(*args, **kwargs)
            finally:
                inner = nested.pop()
                for clock, now in clocks.items():
                    took = now() - started[clock]
                    spent[clock][name] = spent[clock].get(name, 0.0) + took - inner[clock]
                    if nested:
                        nested[-1][clock] += took

        return run

    originals = []
    for module_name, names in STAGES.items():
        module = importlib.import_module(module_name)
        for dotted in names:
            owner_name, _, name = dotted.rpartition(".")
            owner = getattr(module, owner_name) if owner_name else module
            if hasattr(owner, name):
                originals.append((owner, name, getattr(owner, name)))
                setattr(owner, name, timed(name, getattr(owner, name)))
    anonymous = AnonymousUser()
    rows: dict[str, list[tuple[float, dict[str, float]]]] = {clock: [] for clock in clocks}
    try:
        for q in queries:
            for part in spent.values():
                part.clear()
            started = {clock: now() for clock, now in clocks.items()}
            search(user=anonymous, q=q)
            for clock, now in clocks.items():
                total = (now() - started[clock]) * 1000
                stages = {k: v * 1000 for k, v in spent[clock].items()}
                stages["rest"] = total - sum(stages.values())
                rows[clock].append((total, stages))
    finally:
        for owner, name, function in originals:
            setattr(owner, name, function)
    for clock in clocks if connection.vendor == "postgresql" else ("CPU",):
        ordered = sorted(rows[clock], key=lambda row: -row[0])
        for label, part in (
            ("all", ordered),
            ("slowest 10%", ordered[: max(1, len(ordered) // 10)]),
        ):
            mean = statistics.mean(total for total, _ in part)
            names = sorted({k for _, stages in part for k in stages})
            shares = {k: sum(stages.get(k, 0.0) for _, stages in part) / len(part) for k in names}
            listed = ", ".join(
                f"{k} {v:.1f}" for k, v in sorted(shares.items(), key=lambda kv: -kv[1])
            )
            print(f"profile, {clock} ms per query, {label} ({len(part)} queries, mean {mean:.1f}): "
                  f"{listed}", flush=True)  # fmt: skip


def latency_http(queries: list[str], args: argparse.Namespace) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")), "chumchon.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", str(args.server_workers),
            "--log-level", "warning",
        ],
        env=os.environ.copy(),
    )  # fmt: skip
    try:
        connection = _wait_for(port)
        for q in queries[:50]:
            _get(connection, q)
        samples = []
        for q in queries:
            started = time.perf_counter()
            status, _body = _get(connection, q)
            samples.append((time.perf_counter() - started) * 1000)
            if status != 200:
                raise SystemExit(f"HTTP {status} for {q!r}")
        workers = args.server_workers
        print(f"HTTP /api/v1/search: {_percentiles(samples)} over {len(queries)} queries "
              f"(gunicorn, {workers} workers, keep-alive client)", flush=True)  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(port: int) -> http.client.HTTPConnection:
    deadline = time.monotonic() + 60
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", "/api/v1/search?q=x")
            connection.getresponse().read()
            return connection
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _get(connection: http.client.HTTPConnection, q: str) -> tuple[int, dict]:
    connection.request("GET", "/api/v1/search?" + urllib.parse.urlencode({"q": q}))
    response = connection.getresponse()
    return response.status, json.loads(response.read())


def quality(keys: dict[str, int], args: argparse.Namespace) -> None:
    from django.contrib.auth.models import AnonymousUser

    from chumchon.search.evaluation import evaluate, like_baseline, ours

    print(evaluate(ours(AnonymousUser()), keys).line("chumchon"), flush=True)
    if not args.skip_like:
        started = time.perf_counter()
        scores = evaluate(like_baseline(AnonymousUser()), keys)
        print(f"{scores.line('LIKE')}  [{time.perf_counter() - started:.0f} s]", flush=True)


if __name__ == "__main__":
    main()

"""The database's engine finds exactly what SQLite FTS5 finds on the same data.

In the PostgreSQL leg this compares PostgreSQL's tsvector/GIN search with an SQLite
FTS5 index built in-process in a temporary file from the same documents; in the SQLite
leg the same comparison checks the ORM-joined search against the bare FTS5 engine.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from django.db import connection

from chumchon.blogs.models import Post
from chumchon.core.generate import make_members, make_posts, make_units
from chumchon.core.testing import Cast
from chumchon.search import registry
from chumchon.search.analysis import analyse
from chumchon.search.backends import backend
from chumchon.search.backends.sqlite import _BM25, CREATE, TABLE, to_fts5
from chumchon.search.evaluation import plant
from chumchon.search.indexing import reindex
from chumchon.search.judged import QUERIES
from chumchon.search.query import parse
from chumchon.search.registry import COLUMNS
from chumchon.search.searching import search

EXTRA_QUERIES = ["เบาหวาน -อินซูลิน", '"ผู้ป่วยเบาหวาน"', "ตากลม", "2549", "๒๕๔๙", "R2R"]


def _sqlite_engine(path: Path) -> sqlite3.Connection:
    posts = registry.get("posts")
    assert posts is not None
    lite = sqlite3.connect(path)
    lite.execute(CREATE)
    rows = []
    for post in posts.indexable():
        tokens = analyse(posts.fields(post))
        rows.append((posts.doc_id(post.pk), *(" ".join(tokens[c]) for c in COLUMNS)))
    marks = ", ".join("?" * (len(COLUMNS) + 1))
    lite.executemany(f"INSERT INTO {TABLE} (rowid, {', '.join(COLUMNS)}) VALUES ({marks})", rows)
    return lite


def test_it_matches_the_same_posts_as_sqlite_fts5(cast: Cast, tmp_path: Path) -> None:
    rng = random.Random(11)
    make_posts(150, rng, make_members(10, rng, make_units(rng), seed=11), comments_per_post=0.3)
    plant(cast.somchai_blog)
    reindex(workers=1)
    posts = registry.get("posts")
    assert posts is not None
    lite = _sqlite_engine(tmp_path / "fts5.sqlite3")
    top = posts.base + (1 << 40) - 1
    compared = agree = 0
    for q in [q for q, _ in QUERIES] + EXTRA_QUERIES:
        parsed = parse(q)
        for node in filter(None, (parsed.strict, parsed.loose)):
            ours = set(
                backend().matching(Post.objects.all(), posts, node).values_list("pk", flat=True)
            )
            theirs = {
                rowid - posts.base
                for (rowid,) in lite.execute(
                    f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH ? AND rowid <= ?",
                    [to_fts5(node), top],
                )
            }
            assert ours == theirs, (connection.vendor, q, node)
        best = lite.execute(
            f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH ? ORDER BY {_BM25} LIMIT 1",
            [to_fts5(parsed.strict)],
        ).fetchone()  # fmt: skip
        hits = search(user=cast.admin, q=q, per_page=1).hits
        if best and hits and hits[0].full_match:
            compared += 1
            agree += hits[0].object.pk == best[0] - posts.base
    print(f"{connection.vendor}: best result agrees with FTS5 bm25 on {agree}/{compared}")
    assert compared >= 100
    assert agree / compared >= 0.8

"""The word bitmaps (`chumchon/search/bits.py`) stay exactly what the FTS5 index holds
through every write, and the plan built on them finds what FTS5 MATCH finds.

Chunks of 16 ids instead of 65,536 here, so that a few hundred posts span many chunks
and the newest-first walk over growing spans is exercised."""

from __future__ import annotations

import random

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from chumchon.blogs.services import post_create, post_remove, post_update
from chumchon.core.generate import make_members, make_posts, make_units
from chumchon.core.testing import Cast
from chumchon.search import bits, registry
from chumchon.search.backends.sqlite import TABLE, SQLiteBackend, _newest, to_fts5
from chumchon.search.evaluation import plant
from chumchon.search.indexing import reindex
from chumchon.search.judged import QUERIES
from chumchon.search.query import Node, parse
from chumchon.search.searching import search
from chumchon.search.tests.test_bits_engine import _rebuilt, _stored, small_chunks  # noqa: F401
from chumchon.search.tests.test_engines import EXTRA_QUERIES
from chumchon.search.tests.test_sqlite_backend import PUNCTUATED

# SQLite's own plan: run by the SQLite pass of scripts/run-tests.sh, deselected in the
# PostgreSQL pass (whose default database is PostgreSQL).
pytestmark = pytest.mark.sqlite_plan


def _many(cast: Cast, n: int = 150) -> None:
    rng = random.Random(7)
    make_posts(n, rng, make_members(8, rng, make_units(rng), seed=7), comments_per_post=0.3)
    plant(cast.somchai_blog)


def test_it_keeps_the_bitmaps_exact_through_edits_removals_and_drafts(write, cast: Cast) -> None:
    def post(title: str, body: str, tags: list[str], publish: bool = True):  # type: ignore[no-untyped-def]
        return write(
            post_create, blog=cast.somchai_blog, author=cast.somchai, title=title, body=body,
            tags=tags, publish=publish,
        )  # fmt: skip

    posts = [post(f"ปลาทู {n}", f"เรื่องปลาทูแม่กลอง ตอน {n}", ["ประมง"]) for n in range(40)]
    hidden = post("ร่าง ทุเรียน", "ทุเรียนหมอนทอง", [], publish=False)
    before = _stored()
    assert before[(1, bits.HEAD, "ปลาทู")] == {p.pk for p in posts}
    assert before[(1, bits.ALL, "ทุเรียน")] == {hidden.pk}  # visible_to decides, not the index
    for p in posts[::3]:
        write(
            post_update, post=p, editor=cast.somchai, title="ตารางอิสรภาพ", body="งานห้องสมุด",
            kind=p.kind, tags=["ห้องสมุด"], licence=p.licence,
        )  # fmt: skip
    for p in posts[1::5]:
        write(post_remove, post=p, member=cast.somchai)
    edited = {p.pk for p in posts[::3]}
    removed = {p.pk for p in posts[1::5]}
    stored = _stored()
    assert stored[(1, bits.ALL, "ปลาทู")] == {p.pk for p in posts} - edited - removed
    assert stored[(1, bits.HEAD, "ห้องสมุด")] == edited - removed
    assert stored == _rebuilt()
    assert search(user=AnonymousUser(), q="ทุเรียน").total == 0
    assert search(user=cast.somchai, q="ทุเรียน").total == 1
    found = search(user=AnonymousUser(), q="ปลาทู", per_page=100)
    assert {h.object.pk for h in found.hits} == {p.pk for p in posts} - edited - removed
    SQLiteBackend().clear(registry.get("posts"))
    assert _stored() == {}


@pytest.mark.parametrize("workers", [1, 2])
def test_it_builds_the_same_bitmaps_in_a_rebuild_as_from_the_index(
    cast: Cast, workers: int, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    if workers > 1:  # worker processes chunk with the real CHUNK_SHIFT
        monkeypatch.setattr(bits, "CHUNK_SHIFT", 16)
    _many(cast, 120)
    reindex(workers=workers, batch=25)
    built = _stored()
    assert len(built) > 500
    assert built == _rebuilt()


def _fts5(node: Node, base: int) -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid BETWEEN %s AND %s",
            [to_fts5(node), base, base + (1 << 40) - 1],
        )
        return {rowid - base for (rowid,) in cursor.fetchall()}


def test_it_finds_with_bitmaps_exactly_what_fts5_matches(cast: Cast, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _many(cast)
    reindex(workers=1)
    posts = registry.get("posts")
    assert posts is not None
    base = posts.base
    engine = SQLiteBackend()
    compared = phrases = lighter = 0
    with engine.session(), connection.cursor() as cursor:
        sets = engine._bitsets(cursor, posts)
        assert sets is not None and sets.last - sets.first > 8

        for q in [q for q, _ in QUERIES] + EXTRA_QUERIES + PUNCTUATED:
            parsed = parse(q)
            for node in filter(None, (parsed.strict, parsed.wider, parsed.loose, parsed.boost)):
                expected = _fts5(node, base)
                sure, possible = sets.evaluate(node, sets.first, sets.last)
                assert set(sure) <= expected <= set(possible), (q, node)
                newest = sorted(expected, reverse=True)
                for check_max in (10**6, 0):  # every "maybe" checked, or left to FTS5
                    monkeypatch.setattr(bits, "CHECK_MAX", check_max)
                    rowids = _newest(cursor, sets, node, base, 10**6)
                    assert [i - base for i in rowids] == newest, (q, node, check_max)
                    assert _newest(cursor, sets, node, base, 7) == rowids[:7], (q, node)
                pruned = sets.pruned(node)
                assert _fts5(pruned, base) == expected, (q, node, pruned)
                compared += bool(expected)
                phrases += len(sure) < len(possible)
                lighter += pruned != node
    assert compared >= 100 and phrases >= 20 and lighter >= 20

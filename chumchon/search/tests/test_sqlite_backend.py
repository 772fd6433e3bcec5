"""The SQLite plan's shortcuts give what FTS5 itself would: stored words matched in SQL
match as FTS5 matches them, bm25 computed from stored words scores as FTS5's bm25, and a
query that excludes a word it requires finds nothing."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from chumchon.blogs.services import post_create
from chumchon.core.generate import make_members, make_posts, make_units
from chumchon.core.testing import Cast
from chumchon.search import registry
from chumchon.search.backends import never
from chumchon.search.backends import sqlite as sqlite_backend
from chumchon.search.backends.sqlite import (
    TABLE,
    _bm25,
    _bm25_read,
    _leaves,
    holds_sql,
    to_fts5,
)
from chumchon.search.evaluation import plant
from chumchon.search.indexing import reindex
from chumchon.search.judged import QUERIES
from chumchon.search.query import Either, parse
from chumchon.search.registry import COLUMNS
from chumchon.search.searching import search
from chumchon.search.tests.test_engines import EXTRA_QUERIES, _sqlite_engine

PUNCTUATED = ["ลปรร.", "สคร ๖", "PMQA -R2R", '"องค์ความรู้ ชุมชน"', "e-mail", "ตากลม"]


def test_it_reads_stored_words_as_fts5_matches_them(cast: Cast, tmp_path: Path) -> None:
    rng = random.Random(5)
    make_posts(120, rng, make_members(8, rng, make_units(rng), seed=5), comments_per_post=0.3)
    plant(cast.somchai_blog)
    post_create(
        blog=cast.somchai_blog, author=cast.somchai, title="ลปรร. กับ PMQA และ e-mail",
        body="สคร ๖ ใช้ R2R ทำ ลปรร. ทุกเดือน องค์ความรู้ชุมชน", tags=["ลปรร."],
    )  # fmt: skip
    reindex(workers=1)
    lite = _sqlite_engine(tmp_path / "fts5.sqlite3")
    padded = ", ".join(f"' ' || ifnull({c}, '') || ' ' AS {c}" for c in COLUMNS)
    compared = 0
    for q in [q for q, _ in QUERIES] + EXTRA_QUERIES + PUNCTUATED:
        parsed = parse(q)
        for node in filter(None, (parsed.strict, parsed.wider, parsed.loose, parsed.boost)):
            matched = lite.execute(
                f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH ?", [to_fts5(node)]
            )
            fts5 = {rowid for (rowid,) in matched}
            condition, params = holds_sql(node, list(COLUMNS))
            condition = condition.replace("%s", "?")  # a plain sqlite3 connection
            stored = lite.execute(
                f"SELECT rowid FROM (SELECT rowid, {padded} FROM {TABLE}) WHERE {condition}",
                params,
            )
            read = {rowid for (rowid,) in stored}
            assert read == fts5, (q, node)
            compared += bool(fts5)
    assert compared >= 100


def test_it_finds_nothing_at_once_for_a_query_excluding_a_word_it_requires(
    write, cast: Cast
) -> None:  # type: ignore[no-untyped-def]
    write(
        post_create, blog=cast.somchai_blog, author=cast.somchai, title="การเงินการคลัง",
        body="งานการเงินการคลังของหน่วยงาน",
    )  # fmt: skip
    assert never(parse("หน่วยงาน การเงิน -การเงิน").strict)
    assert not never(parse("หน่วยงาน -การเงิน").strict)
    assert search(user=AnonymousUser(), q="หน่วยงาน การเงิน -การเงิน").total == 0
    assert search(user=AnonymousUser(), q="หน่วยงาน การเงิน").total == 1


def test_it_counts_partial_matches_past_the_ranking_window(write, cast: Cast, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def post(title: str, body: str, publish: bool = True) -> None:
        write(
            post_create, blog=cast.somchai_blog, author=cast.somchai, title=title, body=body,
            publish=publish,
        )  # fmt: skip

    post("ทุเรียนกับมังคุด", "ทุเรียน มังคุด ผลไม้")
    for n in range(5):
        post(f"ทุเรียน {n}", "ทุเรียน ผลไม้")
    for n in range(4):
        post(f"มังคุด {n}", "มังคุด ผลไม้")
    post("ร่าง ทุเรียน", "ทุเรียน ยังไม่เผยแพร่", publish=False)
    expected = search(user=AnonymousUser(), q="ทุเรียน มังคุด", per_page=2)
    assert (expected.total, expected.capped) == (10, False)  # the draft is not counted
    # Ranking windows of 2: each tier ranks 2 of its matches, and the count walks on.
    monkeypatch.setattr("chumchon.search.searching.RANK_WINDOW", {True: 2, False: 2})
    found = search(user=AnonymousUser(), q="ทุเรียน มังคุด", per_page=2)
    assert (found.total, found.capped) == (10, False)
    assert [h.full_match for h in found.hits] == [True, False]
    assert search(user=cast.somchai, q="ทุเรียน มังคุด", per_page=2).total == 11  # own draft


@pytest.mark.sqlite_plan
def test_it_scores_stored_words_as_fts5s_bm25_scores_them(cast: Cast, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(11)
    make_posts(150, rng, make_members(8, rng, make_units(rng), seed=11), comments_per_post=0.5)
    plant(cast.somchai_blog)
    post_create(
        blog=cast.somchai_blog,
        author=cast.somchai,
        title="ทุเรียน ทุเรียน",
        body="ทุเรียน ทุเรียน ทุเรียน มังคุด ทุเรียน",
        tags=["ทุเรียน"],
    )  # fmt: skip
    reindex(workers=1)
    base = registry.get("posts").base  # type: ignore[union-attr]
    top = base + (1 << registry.CODE_SHIFT) - 1
    compared = 0
    with connection.cursor() as cursor:
        for q in [q for q, _ in QUERIES] + ["ทุเรียน มังคุด"]:
            leaves = list(dict.fromkeys(_leaves(parse(q).strict)))
            scored = Either(tuple(leaves)) if len(leaves) > 1 else leaves[0]
            cursor.execute(
                f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid BETWEEN %s AND %s",
                [to_fts5(scored), base, top],
            )
            ids = [r for (r,) in cursor.fetchall()]
            if not ids:
                continue
            ids.append(ids[0] + 10**6)  # no such document: no score either way
            fts5, read = _bm25(cursor, scored, ids), _bm25_read(cursor, scored, ids)
            assert read.keys() == fts5.keys(), q
            for pk, score in fts5.items():
                assert read[pk] == pytest.approx(score, rel=1e-12), (q, pk)
            compared += len(fts5)
    assert compared > 1000
    user = AnonymousUser()

    def results() -> list[tuple[str, list]]:
        return [
            (q, [(h.key, round(h.score, 9)) for h in search(user=user, q=q, per_page=10).hits])
            for q, _ in QUERIES
        ]

    monkeypatch.setattr("chumchon.search.backends.sqlite.READ_US", 10.0**12)  # FTS5 only
    by_fts5 = results()
    calls: list[int] = []

    def reading(cursor, scored, ids):  # type: ignore[no-untyped-def]
        calls.append(len(ids))
        return _bm25_read(cursor, scored, ids)

    monkeypatch.setattr("chumchon.search.backends.sqlite._bm25_read", reading)
    monkeypatch.setattr("chumchon.search.backends.sqlite.READ_US", 0.0)  # reading only
    assert results() == by_fts5
    assert len(calls) >= 50


@pytest.mark.sqlite_plan
def test_it_looks_for_the_boost_among_a_groups_best_only(write, cast: Cast, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The words side by side are looked for among a group's best by levels, as
    PostgreSQL does (a rescore of the top hits): with every member among the best, the
    two side-by-side posts come first; with the best narrowed to the page, they are not
    looked for, and the page is the best by bm25."""
    filler = " ".join(["ข้อความ"] * 60)
    for n in range(10):  # both words, apart, the first one often: high bm25
        body = f"ทุเรียน ทุเรียน ทุเรียน ผลไม้ {n} สวน มังคุด ทุเรียน"
        write(post_create, blog=cast.somchai_blog, author=cast.somchai, title=f"สวน {n}", body=body)
    for n in range(2):  # side by side once, in a long text: low bm25
        body = f"{filler} ทุเรียน มังคุด {filler} {'ข้อความ ' * n}"
        write(
            post_create, blog=cast.somying_blog, author=cast.somying, title=f"ตลาด {n}", body=body
        )
    user = AnonymousUser()
    monkeypatch.setattr("chumchon.search.searching.CANDIDATES", 4)  # a page asks for 6
    monkeypatch.setattr("chumchon.search.impacts.RANKED", 10**9)
    every = [h.title for h in search(user=user, q="ทุเรียนมังคุด", per_page=3).hits]
    assert every[:2] == ["ตลาด 0", "ตลาด 1"]  # the boosted ones, the shorter first
    checked: list[int] = []
    first = sqlite_backend._checked

    def spied(cursor, sets, table, node, ids, lo):  # type: ignore[no-untyped-def]
        checked.append(len(ids))
        return first(cursor, sets, table, node, ids, lo)

    monkeypatch.setattr(sqlite_backend, "_checked", spied)
    monkeypatch.setattr("chumchon.search.impacts.RANKED", 2)
    best = [h.title for h in search(user=user, q="ทุเรียนมังคุด", per_page=3).hits]
    assert checked and max(checked) <= 6  # the page's six best by levels, no more
    assert all(title.startswith("สวน") for title in best)

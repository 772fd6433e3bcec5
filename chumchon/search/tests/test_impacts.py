"""Impact levels (`chumchon/search/impacts.py`): bm25's term factor of each word in each
document, quantised and stored as bitmaps; exact through every write; a big group ranked
by them first gives the results plain bm25 gives."""

from __future__ import annotations

import math
import random

import pytest
from django.db import connection

from chumchon.blogs.services import post_create, post_remove, post_update
from chumchon.core.generate import make_members, make_posts, make_units
from chumchon.core.testing import Cast
from chumchon.search import bits, impacts, registry
from chumchon.search.backends import WEIGHTS
from chumchon.search.backends.sqlite import _BM25, TABLE, SQLiteBackend, to_fts5
from chumchon.search.evaluation import plant
from chumchon.search.indexing import reindex
from chumchon.search.query import Term
from chumchon.search.registry import COLUMNS

WEIGHTS_ = tuple(WEIGHTS[c] for c in COLUMNS)


def _factor(columns: list[list[str]], word: str) -> float:
    """bm25's term factor as FTS5 computes it, with impacts' fixed average length and
    without the `extra` column's mentions."""
    f = sum(
        WEIGHTS[c] * words.count(word)
        for c, words in zip(COLUMNS, columns, strict=True)
        if c != "extra"
    )
    length = sum(map(len, columns))
    k1, b = impacts.K1, impacts.B
    return f * (k1 + 1) / (f + k1 * (1 - b + b * length / impacts.AVGDL))


def test_it_quantises_bm25s_term_factor_of_each_word() -> None:
    body = ["ปลาทู", "แม่กลอง", "ปลาทู", "ทะเล"] + ["คำ"] * 400
    columns = [["ปลาทู", "ทอด"], ["ประมง"], body, ["ทะเล"], ["ปลา", "ทู"]]
    found = impacts.levels(columns, WEIGHTS_)
    assert set(found) == {w for c in columns[:-1] for w in c}  # not compound parts
    for word, level in found.items():
        value = _factor(columns, word) / impacts.STEP
        assert level == min(impacts.LEVELS, math.floor(value) + 1), word
    # title over tags over body; twice in the body over once; body over compound parts
    assert found["ปลาทู"] > found["ทอด"] > found["ประมง"] > found["แม่กลอง"]
    assert found["ทะเล"] > found["แม่กลอง"]  # body and context
    # a long document weighs a word less than a short one
    assert (
        impacts.levels([[], [], ["แม่กลอง", "ทะเล"], [], []], WEIGHTS_)["แม่กลอง"] > (found["แม่กลอง"])
    )


def test_it_stores_each_level_as_a_code_with_the_commonest_in_no_bitmap() -> None:
    assert set(impacts.LEVEL_OF.values()) == set(range(1, impacts.LEVELS + 1))
    assert {impacts.LEVEL_OF[c] for c in impacts.CODE.values()} == set(impacts.CODE)
    assert impacts.CODE[impacts.LEVEL_OF[0]] == 0
    docs = [(1, 7, [["ปลาทู"], [], ["ทะเล", "ทะเล"], [], ["ปลา"]])]
    stored = impacts.collect(docs, WEIGHTS_)
    found = impacts.levels(docs[0][2], WEIGHTS_)
    for word, level in found.items():
        code = sum(
            1 << j
            for j, field in enumerate(impacts.LEVEL_FIELDS)
            if 7 in stored.get((1, field, word, 0), ())
        )
        assert impacts.LEVEL_OF[code] == level


def _stored_levels(kind: int) -> dict[tuple[str, int], int]:
    """(word, object id) -> level, decoded from the stored word and level bitmaps."""
    words: dict[str, set[int]] = {}
    codes: dict[tuple[str, int], int] = {}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT field, word, bits FROM {bits.TABLE} WHERE kind = %s", [kind])
        for field, word, blob in cursor.fetchall():
            pks = bits.BitMap.deserialize(bytes(blob))
            if field == bits.ALL:
                words.setdefault(word, set()).update(pks)
            elif field in impacts.LEVEL_FIELDS:
                bit = 1 << impacts.LEVEL_FIELDS.index(field)
                for pk in pks:
                    codes[(word, pk)] = codes.get((word, pk), 0) | bit
    assert set(codes) <= {(w, pk) for w, pks in words.items() for pk in pks}
    return {
        (w, pk): impacts.LEVEL_OF[codes.get((w, pk), 0)] for w, pks in words.items() for pk in pks
    }


def _stored_words(kind: int) -> dict[int, list[list[str]]]:
    with connection.cursor() as cursor:
        names = ", ".join(f"c{i}" for i in range(len(COLUMNS)))
        cursor.execute(f"SELECT id, {names} FROM {TABLE}_content")
        return {
            rowid & ((1 << registry.CODE_SHIFT) - 1): [c.split() if c else [] for c in columns]
            for rowid, *columns in cursor.fetchall()
            if rowid >> registry.CODE_SHIFT == kind
        }


@pytest.mark.sqlite_plan
def test_it_keeps_the_levels_exact_through_edits_removals_and_rebuilds(
    write, cast: Cast, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(bits, "CHUNK_SHIFT", 4)

    def post(n: int):  # type: ignore[no-untyped-def]
        body = "เรื่องปลาทูแม่กลอง " * (n % 4 + 1) + "ทะเล" * (n % 3)
        return write(
            post_create, blog=cast.somchai_blog, author=cast.somchai, title=f"ปลาทู {n}",
            body=body, tags=["ประมง"] if n % 2 else [], publish=True,
        )  # fmt: skip

    posts = [post(n) for n in range(30)]
    for p in posts[::4]:
        write(
            post_update, post=p, editor=cast.somchai, title="ทะเลไทย", body="ปลาทู " * 9,
            kind=p.kind, tags=["ทะเล"], licence=p.licence,
        )  # fmt: skip
    for p in posts[1::6]:
        write(post_remove, post=p, member=cast.somchai)
    kind = registry.get("posts").code  # type: ignore[union-attr]
    stored = _stored_levels(kind)
    unstored = impacts.LEVEL_OF[0]  # a word found only among compound parts
    expected = {
        (w, pk): impacts.levels(columns, WEIGHTS_).get(w, unstored)
        for pk, columns in _stored_words(kind).items()
        for w in {w for c in columns for w in c}
    }
    assert stored == expected
    assert {pk for _, pk in stored} == {p.pk for p in posts} - {p.pk for p in posts[1::6]}
    assert len(set(stored.values())) >= 4
    SQLiteBackend().build_levels()
    assert _stored_levels(kind) == stored
    reindex(workers=1)
    assert _stored_levels(kind) == stored


def _judged(cast: Cast, n: int = 400) -> dict[str, int]:
    rng = random.Random(7)
    make_posts(n, rng, make_members(30, rng, make_units(rng), seed=7), comments_per_post=0.5)
    keys = plant(cast.somying_blog)
    reindex(workers=1)
    return keys


@pytest.mark.sqlite_plan
def test_it_orders_a_words_levels_as_bm25_orders_them(cast: Cast) -> None:
    """The levels' order agrees with FTS5's bm25 (the ranking by levels on both engines
    is tested in test_levels_engine.py)."""
    _judged(cast)
    assert _ordered_as_bm25() > 100


def _ordered_as_bm25() -> int:
    """One word: a document two levels above another scores above it in FTS5's bm25
    (FTS5's own average length differs from impacts.AVGDL, hence the margin), among the
    documents without it in their compound parts (left out of the levels). Returns
    how many pairs were compared."""
    kind = registry.get("posts").code  # type: ignore[union-attr]
    stored = _stored_levels(kind)
    words = _stored_words(kind)
    base = kind << registry.CODE_SHIFT
    compared = 0
    with connection.cursor() as cursor:
        for word in ("ความรู้", "ชุมชน", "เบาหวาน", "ห้องสมุด", "เกม", "ผู้ป่วย"):
            cursor.execute(
                f"SELECT rowid, -{_BM25} FROM {TABLE} WHERE {TABLE} MATCH %s "
                f"AND rowid BETWEEN %s AND %s",
                [to_fts5(Term(word)), base, base + (1 << registry.CODE_SHIFT) - 1],
            )
            # documents with the word among their compound parts (`extra`, left out of
            # the levels) are left out here too
            scores = {
                rowid - base: s
                for rowid, s in cursor.fetchall()
                if word not in words[rowid - base][-1]
            }
            ranked = sorted(scores, key=lambda pk: stored[(word, pk)])
            for low in ranked:
                for high in ranked:
                    if stored[(word, high)] >= stored[(word, low)] + 2:
                        assert scores[high] > scores[low], (word, low, high)
                        compared += 1
    return compared

"""`chumchon/search/bits.py` is plain SQL: the same writes and reads on SQLite and
PostgreSQL, checked against Python sets."""

from __future__ import annotations

import random

from django.db import connection

from chumchon.search import bits
from chumchon.search.query import All, Either, Phrase, Term, Without


def _docs(rng: random.Random, pks: range) -> dict[int, list[str]]:
    vocabulary = ["ก", "ข", "ค", "ง", "จ"]
    return {pk: [rng.choice(vocabulary) for _ in range(rng.randint(1, 6))] for pk in pks}


def _bitmaps(kind: int, docs: dict[int, list[str]]) -> dict[bits.Key, bits.BitMap]:
    return bits.collect((kind, pk, (set(w), set(w[:1]))) for pk, w in docs.items())


def test_it_keeps_bitmaps_and_answers_queries_like_python_sets(db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(bits, "CHUNK_SHIFT", 3)
    rng = random.Random(3)
    docs = _docs(rng, range(1, 60))
    with connection.cursor() as cursor:
        bits.apply(cursor, _bitmaps(7, docs))
        bits.apply(cursor, _bitmaps(8, docs))  # another kind, never mixed in
        changed = _docs(rng, range(20, 40))
        bits.apply(cursor, _bitmaps(7, changed), _bitmaps(7, {pk: docs[pk] for pk in changed}))
        docs.update(changed)
        for pk in range(50, 60):
            bits.apply(cursor, {}, _bitmaps(7, {pk: docs.pop(pk)}))
        assert bits.counts(cursor, 7, ["ก", "ฮ"]) == {
            "ก": sum("ก" in w for w in docs.values()),
            "ฮ": 0,
        }
        sets = bits.Sets(cursor, 7, 0, 59 >> 3)

        def phrase(w: list[str], words: tuple[str, ...]) -> bool:
            return any(tuple(w[i : i + len(words)]) == words for i in range(len(w)))

        def verify(pks: list[int], node) -> set[int]:  # type: ignore[no-untyped-def]
            return {pk for pk in pks if holds(node, docs[pk])}

        def holds(node, w: list[str]) -> bool:  # type: ignore[no-untyped-def]
            if isinstance(node, Term):
                return node.word in w
            if isinstance(node, Phrase):
                return phrase(w, node.words)
            if isinstance(node, All):
                return all(holds(c, w) for c in node.children)
            if isinstance(node, Either):
                return any(holds(c, w) for c in node.children)
            return holds(node.positive, w) and not holds(node.negative, w)

        queries = [
            Term("ก"),
            All((Term("ก"), Term("ข"))),
            Either((Term("ค"), Phrase(("ก", "ข")))),
            Without(Term("ก"), Phrase(("ข", "ค", "ง"))),
            Without(Phrase(("ก", "ข", "ก")), Term("จ")),
            Phrase(("ง", "ง")),
        ]
        for node in queries:
            expected = sorted((pk for pk, w in docs.items() if holds(node, w)), reverse=True)

            def walk(low: int, high: int, n: int, node=node, expected=expected) -> list[int]:  # type: ignore[no-untyped-def]
                return [pk for pk in expected if low <= pk <= high][:n]

            for limit in (100, 3):
                checked = sets.newest(node, limit, lambda pks, node=node: verify(pks, node))
                assert checked == expected[:limit], node
                with monkeypatch.context() as m:  # every "maybe" left to the walk
                    m.setattr(bits, "CHECK_MAX", 0)
                    walked = sets.newest(node, limit, lambda pks: set(), walk)
                assert walked == expected[:limit], node
        bits.clear(cursor, 7)
        assert bits.counts(cursor, 7, ["ก"]) == {"ก": 0}
        assert bits.counts(cursor, 8, ["ก"])["ก"] > 0

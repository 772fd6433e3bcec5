"""Pair buckets (`bits.pairs`): a phrase's candidates narrowed to the documents in the
buckets of its word pairs, on either engine, and built for an index made before them
(migration 0010, `build_pairs`) exactly as indexing makes them. That the plan still
finds exactly what the engine matches, and that the buckets stay what the index holds
through writes and rebuilds, is tested with the word bitmaps (test_bits_engine.py)."""

from __future__ import annotations

import os
import random
import subprocess
import sys

from django.db import connection

from chumchon.core.generate import make_members, make_posts, make_units
from chumchon.core.testing import Cast
from chumchon.search import bits, registry
from chumchon.search.backends import backend
from chumchon.search.backends.postgres import COLUMN_GAP, MAX_POSITION, _pairs, _pairs_at
from chumchon.search.indexing import reindex
from chumchon.search.query import Phrase, Term
from chumchon.search.tests.test_bits_engine import _stored, small_chunks  # noqa: F401


def test_it_hashes_pairs_the_same_in_every_process_and_by_order() -> None:
    """CRC-32, not the per-process salted hash(): worker processes, a rebuild and the
    search agree."""
    words = ["ชุมชน", "แนวปฏิบัติ", "ลปรร.", "PMQA", "๒๕๔๙"]
    code = f"from chumchon.search import bits; print(sorted(bits.pairs([{words!r}])))"
    for seed in ("1", "2"):
        out = subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        assert out.stdout.strip() == str(sorted(bits.pairs([words])))
    assert bits.bucket("ชุมชน", "แนวปฏิบัติ") != bits.bucket("แนวปฏิบัติ", "ชุมชน")
    assert all(0 <= b < bits.BUCKETS for b in bits.pairs([words]))


def test_it_narrows_a_phrase_to_the_documents_with_its_pairs(db) -> None:  # type: ignore[no-untyped-def]
    docs = {1: ["ก", "ข", "ค"], 2: ["ข", "ก", "ค"], 3: ["ก", "ค", "ข"], 4: ["ค"]}
    assert len({bits.bucket("ก", "ข"), bits.bucket("ข", "ก"), bits.bucket("ค", "ข")}) == 3
    with connection.cursor() as cursor:
        bits.apply(
            cursor,
            bits.collect((9, pk, (set(w), set(), bits.pairs([w]))) for pk, w in docs.items()),
        )
        sets = bits.Sets(cursor, 9, 0, 0)
        assert sets.evaluate(Phrase(("ก", "ข")), 0, 0) == (bits.BitMap(), bits.BitMap([1]))
        assert sets.evaluate(Phrase(("ข", "ก", "ค")), 0, 0)[1] == bits.BitMap([2])
        # Title and tag phrases are not narrowed (the buckets are of every column).
        assert sets.evaluate(Phrase(("ก", "ข")), 0, 0, bits.HEAD)[1] == bits.BitMap()
        assert sets.evaluate(Term("ค"), 0, 0)[0] == bits.BitMap([1, 2, 3, 4])


def test_it_pairs_words_within_a_column_only() -> None:
    found = bits.pairs([["ก", "ข"], ["ค"], ["ง", "จ", "ง"]])
    assert found == {bits.bucket("ก", "ข"), bits.bucket("ง", "จ"), bits.bucket("จ", "ง")}
    assert bits.pairs([["ก"], []]) == set()


def test_it_pairs_a_vector_past_the_last_position_as_postgresql_matches_it() -> None:
    """Past MAX_POSITION every word shares it: `a <-> b` then matches the last word
    before it with every word after it, and no two words after it."""
    body = [f"w{i % 50}" for i in range(MAX_POSITION + 20)]
    tokens = {"title": ["หัว", "เรื่อง"], "tags": [], "body": body, "context": [], "extra": []}
    start = 2 + 1 + COLUMN_GAP + COLUMN_GAP  # title at 1-2, tags empty, then the body
    at = [(w, min(start + i, MAX_POSITION)) for i, w in enumerate(body)]
    last = MAX_POSITION - 1 - start  # the body's word at the position before the cap
    expected = {bits.bucket("หัว", "เรื่อง")}
    expected |= {bits.bucket(a, b) for a, b in zip(body[:last], body[1 : last + 1], strict=True)}
    expected |= {bits.bucket(body[last], w) for w in body[last + 1 :]}
    assert _pairs(tokens) == expected
    vector = sorted({*at, ("หัว", 1), ("เรื่อง", 2)}, key=lambda x: (x[1], x[0]))
    assert _pairs_at([w for w, _ in vector], [p for _, p in vector]) == expected


def test_it_builds_the_buckets_of_an_index_made_before_them(cast: Cast) -> None:
    rng = random.Random(5)
    make_posts(40, rng, make_members(5, rng, make_units(rng), seed=5), comments_per_post=0.3)
    reindex(workers=1)
    code = registry.get("posts").code  # type: ignore[union-attr]
    indexed = _stored()
    assert sum(1 for _, field, _ in indexed if field == bits.PAIRS) > 100
    with connection.cursor() as cursor:  # as before migration 0010
        bits.clear_fields(cursor, [bits.PAIRS])
    assert not any(field == bits.PAIRS for _, field, _ in _stored())
    assert backend().build_pairs() > 0  # type: ignore[attr-defined]
    assert _stored() == indexed
    assert any(kind == code for kind, field, _ in indexed if field == bits.PAIRS)

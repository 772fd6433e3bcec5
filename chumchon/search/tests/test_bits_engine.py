"""On either engine the word bitmaps stay exactly what the index holds (stored bitmaps
equal bitmaps rebuilt from the index: FTS5's doclists, or PostgreSQL's stored vectors)
through every write and rebuild, and the plan finds exactly what the engine's own
full-text match finds, newest first.

Chunks of 16 ids instead of 65,536, so that a few hundred posts span many chunks."""

from __future__ import annotations

import io
import random

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection

from chumchon.blogs.models import Post
from chumchon.blogs.services import post_create, post_remove, post_update
from chumchon.core.generate import make_members, make_posts, make_units
from chumchon.core.testing import Cast
from chumchon.search import bits, impacts, registry
from chumchon.search.backends import backend
from chumchon.search.evaluation import plant
from chumchon.search.indexing import reindex
from chumchon.search.judged import QUERIES
from chumchon.search.query import parse
from chumchon.search.searching import search
from chumchon.search.tests.test_engines import EXTRA_QUERIES


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(bits, "CHUNK_SHIFT", 4)


def _stored() -> dict[tuple[int, int, str], set[int]]:
    """(kind, field, word) -> object ids, as stored; every row's count is its size."""
    found: dict[tuple[int, int, str], set[int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT kind, field, word, chunk, n, bits FROM {bits.TABLE}")
        for kind, field, word, chunk, n, blob in cursor.fetchall():
            pks = set(bits.BitMap.deserialize(bytes(blob)))
            assert len(pks) == n > 0
            assert {pk >> bits.CHUNK_SHIFT for pk in pks} == {chunk}
            found.setdefault((kind, field, word), set()).update(pks)
    return found


def _rebuilt() -> dict[tuple[int, int, str], set[int]]:
    """The same, built afresh from the index alone (`reindex --bits-only`)."""
    backend().build_bits()  # type: ignore[attr-defined]
    return _stored()


def test_it_keeps_the_bitmaps_of_the_index_through_edits_removals_and_drafts(
    write, cast: Cast
) -> None:  # type: ignore[no-untyped-def]
    def post(title: str, body: str, tags: list[str], publish: bool = True):  # type: ignore[no-untyped-def]
        return write(
            post_create, blog=cast.somchai_blog, author=cast.somchai, title=title, body=body,
            tags=tags, publish=publish,
        )  # fmt: skip

    posts = [post(f"ปลาทู {n}", f"เรื่องปลาทูแม่กลอง ตอน {n}", ["ประมง"]) for n in range(40)]
    hidden = post("ร่าง ทุเรียน", "ทุเรียนหมอนทอง", [], publish=False)
    code = registry.get("posts").code  # type: ignore[union-attr]
    before = _stored()
    assert before[(code, bits.HEAD, "ปลาทู")] == {p.pk for p in posts}
    assert before[(code, bits.ALL, "ทุเรียน")] == {hidden.pk}
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
    assert stored[(code, bits.ALL, "ปลาทู")] == {p.pk for p in posts} - edited - removed
    assert stored[(code, bits.HEAD, "ห้องสมุด")] == edited - removed
    assert (code, bits.HEAD, "ประมง") in stored
    assert stored == _rebuilt()
    assert search(user=AnonymousUser(), q="ทุเรียน").total == 0  # visible_to decides
    assert search(user=cast.somchai, q="ทุเรียน").total == 1
    found = search(user=AnonymousUser(), q="ปลาทู", per_page=100)
    assert {h.object.pk for h in found.hits} == {p.pk for p in posts} - edited - removed
    backend().clear(registry.get("posts"))
    assert _stored() == {}


@pytest.mark.parametrize("workers", [1, 2])
def test_it_builds_the_same_bitmaps_in_a_rebuild_as_from_the_index(
    cast: Cast, workers: int, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    if workers > 1:  # worker processes chunk with the real CHUNK_SHIFT
        monkeypatch.setattr(bits, "CHUNK_SHIFT", 16)
    rng = random.Random(7)
    make_posts(120, rng, make_members(8, rng, make_units(rng), seed=7), comments_per_post=0.3)
    reindex(workers=workers, batch=25)
    built = _stored()
    assert len(built) > 500
    assert built == _rebuilt()


def test_it_finds_newest_first_exactly_what_the_engine_matches(cast: Cast) -> None:
    rng = random.Random(11)
    make_posts(150, rng, make_members(10, rng, make_units(rng), seed=11), comments_per_post=0.3)
    plant(cast.somchai_blog)
    reindex(workers=1)
    posts = registry.get("posts")
    assert posts is not None
    engine = backend()
    compared = 0
    for q in [q for q, _ in QUERIES] + EXTRA_QUERIES:
        parsed = parse(q)
        for node in filter(None, (parsed.strict, parsed.wider, parsed.loose)):
            expected = sorted(
                engine.matching(Post.objects.all(), posts, node).values_list("pk", flat=True),
                reverse=True,
            )
            with engine.session():
                found = {pk for pk, _ in engine.top(posts, node, parsed.boost, 10**4, 10**4)}
                walked = engine.known(posts, node)
            assert walked is not None
            assert walked == (expected, True), (connection.vendor, q, node)
            assert found == set(expected), (connection.vendor, q, node)
            with engine.session():  # fewer than all: the newest of them
                engine.top(posts, node, parsed.boost, 3, 3)
                walked = engine.known(posts, node, at_least=5)
            assert walked is not None and walked[0][:5] == expected[:5], (q, node)
            compared += bool(expected)
    assert compared >= 100


def test_it_rebuilds_the_bitmaps_from_the_command_line(cast: Cast) -> None:
    rng = random.Random(3)
    make_posts(30, rng, make_members(4, rng, make_units(rng), seed=3), comments_per_post=0.3)
    reindex(workers=1)
    before = _stored()
    out = io.StringIO()
    call_command("reindex", "--bits-only", stdout=out)
    assert out.getvalue().startswith("Stored ") and _stored() == before
    call_command("reindex", "--levels-only", stdout=out)
    assert _stored() == before
    assert any(field in impacts.LEVEL_FIELDS for _, field, _ in before)

"""The decoded bitmaps a process keeps between searches (`bits.Cache`): every write of the
bitmaps gives them a new version, on either engine; a search reads the bitmaps again only
when the version changed (PostgreSQL too, although it reads them with the range of ids),
and never takes the bitmaps of a rolled-back write for current."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction

from chumchon.blogs.services import post_create, post_remove, post_update
from chumchon.core.testing import Cast
from chumchon.search import bits, registry
from chumchon.search.backends import backend
from chumchon.search.indexing import reindex
from chumchon.search.searching import search


def _version() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {bits.VERSION_TABLE}")
        return int(cursor.fetchone()[0])


def _post(write, cast: Cast, title: str, body: str):  # type: ignore[no-untyped-def]
    return write(
        post_create, blog=cast.somchai_blog, author=cast.somchai, title=title, body=body,
        tags=[],
    )  # fmt: skip


def test_it_gives_the_bitmaps_a_new_version_at_every_write(write, cast: Cast) -> None:  # type: ignore[no-untyped-def]
    seen = [_version()]

    def changed() -> None:
        now = _version()
        assert now not in seen
        seen.append(now)

    post = _post(write, cast, "ปลาทูแม่กลอง", "เรื่องปลาทู")
    changed()
    write(
        post_update, post=post, editor=cast.somchai, title="ทุเรียน", body="ทุเรียนหมอนทอง",
        kind=post.kind, tags=[], licence=post.licence,
    )  # fmt: skip
    changed()
    write(post_remove, post=post, member=cast.somchai)
    changed()
    _post(write, cast, "มังคุด", "มังคุดคัด")
    changed()
    reindex()
    changed()
    engine = backend()
    engine.build_bits()  # type: ignore[attr-defined]
    changed()
    engine.build_levels()  # type: ignore[attr-defined]
    changed()
    engine.clear(registry.get("posts"))
    changed()
    engine.clear(None)
    changed()


def _searched(q: str, monkeypatch) -> tuple[list[int], bool]:  # type: ignore[no-untyped-def]
    """The hits' ids, and whether the search read any stored bitmap (all that either
    engine reads goes to the cache)."""
    read: list[tuple[int, str, int]] = []
    keep = bits.Cache.keep

    def counted(self, version, kind, found):  # type: ignore[no-untyped-def]
        read.extend(found)
        return keep(self, version, kind, found)

    with monkeypatch.context() as patched:
        patched.setattr(bits.Cache, "keep", counted)
        found = search(user=AnonymousUser(), q=q)
    return [h.object.pk for h in found.hits], bool(read)


def test_it_reads_the_bitmaps_again_only_after_a_write(write, cast: Cast, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    first = _post(write, cast, "ปลาทูแม่กลอง", "เรื่องปลาทูจากแม่กลอง")
    assert _searched("ปลาทู", monkeypatch) == ([first.pk], True)
    assert _searched("ปลาทู", monkeypatch) == ([first.pk], False)  # all kept from the search before
    second = _post(write, cast, "ปลาทูทอด", "ปลาทูทอดกับน้ำพริก")
    assert _searched("ปลาทู", monkeypatch) == ([second.pk, first.pk], True)
    write(post_remove, post=first, member=cast.somchai)
    assert _searched("ปลาทู", monkeypatch) == ([second.pk], True)
    assert _searched("ปลาทู", monkeypatch) == ([second.pk], False)


class _Undone(Exception):
    pass


def test_it_never_takes_the_bitmaps_of_a_rolled_back_write_for_current(
    write, cast: Cast, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The same writes after a rollback must not bring back a version whose bitmaps the
    cache kept: a counter would (and SQLite gives the new post the rolled-back one's id)."""
    with pytest.raises(_Undone), transaction.atomic():
        undone = _post(write, cast, "ทุเรียน", "ทุเรียนกับมังคุด")
        assert _searched("มังคุด", monkeypatch) == ([undone.pk], True)
        raise _Undone
    kept = _post(write, cast, "ทุเรียน", "ทุเรียนหมอนทอง")
    assert _searched("มังคุด", monkeypatch) == ([], True)
    assert _searched("มังคุด", monkeypatch) == ([], False)
    assert _searched("ทุเรียน", monkeypatch)[0] == [kept.pk]


def test_it_keeps_bitmaps_within_its_budget_dropping_the_least_recently_used() -> None:
    size = bits.ENTRY_BYTES + 100
    cache = bits.Cache(budget=3 * size)
    one, two, three, four = (bits.FrozenBitMap([n]) for n in range(4))
    cache.keep(7, 1, {(0, "หนึ่ง", 0): (one, 100), (0, "สอง", 0): (two, 100)})
    cache.keep(7, 1, {(0, "สาม", 0): (three, 100)})
    assert cache.take(7, 1, [(0, "หนึ่ง", 0)]) == {(0, "หนึ่ง", 0): one}  # now the most recent
    cache.keep(7, 1, {(0, "สี่", 0): (four, 100)})
    keys = [(0, w, 0) for w in ("หนึ่ง", "สอง", "สาม", "สี่")]
    assert set(cache.take(7, 1, keys)) == {(0, "หนึ่ง", 0), (0, "สาม", 0), (0, "สี่", 0)}
    assert cache.size == 3 * size
    assert cache.take(7, 2, keys) == {}  # another kind of document
    assert cache.take(8, 1, keys) == {}  # a new version drops everything
    assert cache.take(7, 1, keys) == {}
    assert cache.size == 0

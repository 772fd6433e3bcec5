"""The engine's own plan for a common query (more matches than its window): the newest
matches, title/tag matches of any date above them, the words side by side first."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from chumchon.blogs.models import Post
from chumchon.core.testing import Cast, make_post
from chumchon.search import registry
from chumchon.search.backends import backend
from chumchon.search.indexing import reindex
from chumchon.search.query import Either, Phrase, Term, Without, parse
from chumchon.search.searching import Visible

WINDOW = 4


@pytest.fixture
def small_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL walks at least 1,101 matches (for counts), and both engines that many of
    a query with phrases; a few here, so that these few posts are "more than the window"
    for them too."""
    if connection.vendor == "postgresql":
        from chumchon.search.backends import postgres

        monkeypatch.setattr(postgres, "LOSSY_WALK", WINDOW + 1)
    else:
        from chumchon.search.backends import sqlite

        monkeypatch.setattr(sqlite, "LOSSY_WALK", WINDOW + 1)


def _posts(cast: Cast) -> dict[str, int]:
    """An old post with the words in its title, then newer ones with them in the body
    only, one of them (not the newest) with the words side by side."""
    old = make_post(cast.somchai_blog, title="คู่มือผู้ป่วยเบาหวาน", body="เรื่องเล่าจากคลินิก")
    newer = [
        make_post(cast.somchai_blog, title=f"บันทึกที่ {i}", body=f"ผู้ป่วย {i} คน เป็นเบาหวาน")
        for i in range(8)
    ]
    side = make_post(cast.somchai_blog, title="บันทึกพิเศษ", body="วันนี้ผู้ป่วยเบาหวานมาตามนัด")
    last = make_post(cast.somchai_blog, title="บันทึกท้าย", body="ผู้ป่วย มาก เบาหวาน น้อย")
    make_post(cast.somchai_blog, title="ไม่เกี่ยว", body="เรื่องอื่นทั้งหมด")
    reindex(workers=1)
    return {"old": old.pk, "side": side.pk, "last": last.pk, "newest": newer[-1].pk}


def test_it_ranks_old_title_matches_and_words_side_by_side_above_the_rest(
    cast: Cast, small_walk: None
) -> None:
    pks = _posts(cast)
    posts = registry.get("posts")
    assert posts is not None
    engine = backend()
    parsed = parse("ผู้ป่วยเบาหวาน")
    assert parsed.strict is not None and parsed.boost is not None
    with engine.session():
        found = [pk for pk, _ in engine.top(posts, parsed.strict, parsed.boost, 3, WINDOW)]
        walked = engine.known(posts, parsed.strict)
    # side by side in the title, however old; side by side in the body; then the newest
    assert found == [pks["old"], pks["side"], pks["last"]]
    assert walked is not None
    ids, every = walked
    assert not every and ids[:2] == [pks["last"], pks["side"]]


def test_it_finds_only_matches_of_a_common_query(cast: Cast, small_walk: None) -> None:
    pks = _posts(cast)
    posts = registry.get("posts")
    assert posts is not None
    engine = backend()
    node = parse("เบาหวาน -มาตามนัด").strict
    assert node is not None
    with engine.session():
        found = [pk for pk, _ in engine.top(posts, node, None, 20, WINDOW)]
    assert pks["side"] not in found
    assert found[0] == pks["old"] and pks["last"] in found and len(found) == WINDOW + 1


def test_it_finds_every_match_of_a_query_that_excludes_a_phrase(
    cast: Cast, small_walk: None
) -> None:
    """A partial-match tier excludes the strict query's phrases; a post with the phrase's
    words apart still matches (its candidates are checked by their vectors on PostgreSQL)."""
    bodies = {
        "other word": "คลินิก ใหม่",
        "phrase": "ผู้ป่วย เบาหวาน",
        "words apart": "ผู้ป่วย มาก เบาหวาน น้อย",
        "other word and phrase": "คลินิก ผู้ป่วย เบาหวาน",
        "none": "เรื่องอื่น",
    }
    pks = {k: make_post(cast.somchai_blog, title=f"บันทึก {i}", body=b).pk
           for i, (k, b) in enumerate(bodies.items())}  # fmt: skip
    reindex(workers=1)
    posts = registry.get("posts")
    assert posts is not None
    node = Without(Either((Term("คลินิก"), Term("ผู้ป่วย"))), Phrase(("ผู้ป่วย", "เบาหวาน")))
    engine = backend()
    with engine.session():
        found = {pk for pk, _ in engine.top(posts, node, None, 20, WINDOW)}
        walked = engine.known(posts, node)
    assert found == {pks["other word"], pks["words apart"]}
    assert walked is not None and set(walked[0]) == found and walked[1]
    joined = set(engine.matching(Post.objects.all(), posts, node).values_list("pk", flat=True))
    assert joined == found


def test_it_checks_the_walked_ids_against_visible_to_by_primary_key(
    cast: Cast, small_walk: None
) -> None:
    """Counting results checks the walked ids through visible_to, by the primary key of
    each listed id (no join reading every published post's visibility)."""
    posts = _posts(cast)
    hidden = make_post(cast.somying_blog, title="ร่างผู้ป่วยเบาหวาน", publish=False)
    visible = Visible(Post.objects.visible_to(AnonymousUser()))
    shown = list(Post.objects.visible_to(AnonymousUser()).values_list("pk", flat=True))
    assert hidden.pk not in shown and len(shown) >= len(posts)
    ids = [hidden.pk, *shown, *range(10**6, 10**6 + 60)]  # long enough for one parameter
    with backend().session():
        assert visible.ids(ids) == shown
        assert visible.count(ids, 10**6) == len(shown)
        assert visible.count(ids, 2) == 2
        sql, params = visible.statement(ids)
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(str(row) for row in cursor.fetchall())
        if connection.vendor == "postgresql":
            assert "Hash Join" not in plan and "Merge Join" not in plan
        else:
            assert "SCAN blogs_post" not in plan and "SCAN V0" not in plan

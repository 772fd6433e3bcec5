"""A long id-list statement in two halves, at once, on two connections (search/beside.py):
the halves run at the same time and cover the list, the second connection runs under the
search's planner settings, a search's results and counts are the same split or not (the
private ones left out either way), and nothing is split inside a transaction, whose
uncommitted rows a second connection could not see."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction

from chumchon.blogs.services import post_create
from chumchon.core.testing import Cast, make_post
from chumchon.search import beside, searching
from chumchon.search.backends import backend
from chumchon.search.searching import SearchResults, search

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def apart(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[list[int]]]:
    """Lists split from 2 ids on; the ids of each half sent to the second connection. The
    pool and its connections are closed after (the test database is dropped later)."""
    monkeypatch.setattr(beside, "SPLIT_FROM", 2)
    sent: list[list[int]] = []
    run_apart = beside._run_apart

    def spy(using: str, planner_sql: str, run: Any, ids: list[int]) -> Any:
        sent.append(list(ids))
        return run_apart(using, planner_sql, run, ids)

    monkeypatch.setattr(beside, "_run_apart", spy)
    yield sent
    beside.shutdown()


def test_the_halves_run_at_once_on_two_connections(apart: list[list[int]]) -> None:
    both_running = threading.Barrier(2)
    seen: list[tuple[int, int, list[int]]] = []

    def run(cursor: Any, part: list[int]) -> int:
        # Each half waits here for the other: run one after the other, they would fail.
        both_running.wait(timeout=10)
        cursor.execute("SELECT 1")
        seen.append((threading.get_ident(), id(cursor.db), list(part)))
        return len(part)

    ids = list(range(11))
    assert beside.allowed("default")
    assert beside.in_halves("default", "", ids, run, split=True) == [5, 6]
    assert sorted(pk for _, _, part in seen for pk in part) == ids
    assert len({thread for thread, _, _ in seen}) == 2
    assert len({db for _, db, _ in seen}) == 2
    assert apart == [ids[5:]]


def test_short_lists_and_unsplit_searches_stay_on_their_own_connection(
    apart: list[list[int]],
) -> None:
    def run(cursor: Any, part: list[int]) -> int:
        assert threading.current_thread() is threading.main_thread()
        return len(part)

    assert beside.in_halves("default", "", [1], run, split=True) == [1]
    assert beside.in_halves("default", "", list(range(50)), run, split=False) == [50]
    assert apart == []


def test_the_second_connection_runs_under_the_searchs_planner_settings(
    apart: list[list[int]],
) -> None:
    engine = backend()
    with engine.session():
        if connection.vendor != "postgresql":
            assert engine.planner_sql == "" and not engine.split  # SQLite never splits
            return

        def setting(cursor: Any, part: list[int]) -> str:
            cursor.execute("SHOW enable_seqscan")
            return str(cursor.fetchone()[0])

        assert engine.split
        halves = beside.in_halves(engine.using, engine.planner_sql, [1, 2], setting, split=True)
    assert halves == ["off", "off"]
    assert apart == [[2]]


def _run(q: str) -> SearchResults:
    return search(user=AnonymousUser(), q=q)


def test_a_split_search_finds_and_counts_what_an_unsplit_one_does(
    apart: list[list[int]], cast: Cast, settings: Any
) -> None:
    for n in range(6):
        make_post(cast.somchai_blog, title=f"เวทีเล่าเรื่องผู้ป่วยเบาหวาน {n}", body="ผู้ป่วยเบาหวานที่บ้าน")
    make_post(cast.somchai_blog, title="ร่างเรื่องผู้ป่วยเบาหวาน", body="ผู้ป่วยเบาหวาน", publish=False)
    queries = ["ผู้ป่วยเบาหวาน", '"ผู้ป่วยเบาหวานที่บ้าน"', "เบาหวาน -เวที"]
    split = {q: _run(q) for q in queries}
    splits = len(apart)
    settings.CHUMCHON_SEARCH_THREADS = 0
    whole = {q: _run(q) for q in queries}
    assert len(apart) == splits  # none without threads
    for q in queries:
        assert split[q].total == whole[q].total
        assert [h.key for h in split[q].hits] == [h.key for h in whole[q].hits]
    assert split["ผู้ป่วยเบาหวาน"].total == 6  # the draft is neither shown nor counted
    assert split['"ผู้ป่วยเบาหวานที่บ้าน"'].total == 6
    if connection.vendor == "postgresql":
        assert splits >= 2  # the count, and the phrase's check
    else:
        assert splits == 0


def test_halves_counted_past_the_cap_give_the_capped_count(
    apart: list[list[int]], cast: Cast, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each half stops counting at the cap: their sum says "more than" as one count does."""
    monkeypatch.setattr(searching, "COUNT_CAP", 3)
    settings.CHUMCHON_PAGE_SIZE = 2
    for n in range(6):
        make_post(cast.somchai_blog, title=f"คลังความรู้ชุมชน {n}", body="คลังความรู้")
    split = _run("คลังความรู้")
    settings.CHUMCHON_SEARCH_THREADS = 0
    whole = _run("คลังความรู้")
    assert (split.total, split.capped) == (whole.total, whole.capped) == (3, True)
    assert [h.key for h in split.hits] == [h.key for h in whole.hits]


def test_a_search_inside_a_transaction_is_never_split(
    apart: list[list[int]], cast: Cast, write: Any
) -> None:
    with transaction.atomic():
        assert not beside.allowed("default")
        for n in range(4):
            # `write` runs the index's after-commit effects here, still inside the
            # transaction: the rows are not committed, and a second connection would not
            # see them.
            write(
                post_create, blog=cast.somchai_blog, author=cast.somchai,
                title=f"ตลาดนัดสีเขียว {n}", body="ผักปลอดสาร", tags=[],
            )  # fmt: skip
        found = _run("ตลาดนัดสีเขียว")
        assert found.total == 4 and len(found.hits) == 4
    assert apart == []


def test_a_forked_worker_makes_its_own_pool(apart: list[list[int]]) -> None:
    beside.in_halves("default", "", [1, 2], lambda cursor, part: len(part), split=True)
    assert beside._pool is not None
    pid = os.fork()
    if pid == 0:  # the child: gunicorn's worker
        os._exit(0 if beside._pool is None else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert beside._pool is not None

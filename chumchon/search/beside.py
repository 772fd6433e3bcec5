"""Long statements over a list of ids, split in two and run at once on two connections.

On PostgreSQL some of a search's statements check a list of ids one by one: the count
(which of the newest 1,100 matches the viewer may see) and the phrase check (each
candidate's vector read and tested). They cost 5-20 ms at 1M posts, nearly all of it in
the server. Half of the list goes to a second connection, on a thread of this process,
while the search's own connection checks the other half: both halves run at once (psycopg
releases the GIL while it waits), so such a statement takes about half as long on a
machine with a core to spare. PostgreSQL's own parallel query does not split an index
scan of `= ANY(array)`. SQLite's engine never splits (`SQLiteBackend.split`): its
statements of a search are short, and split they measured no faster.

A search that started inside a transaction never splits: the second connection could not
see what that transaction wrote and has not committed (a test's own transaction, a view
that writes and then searches). Nor does any search with `CHUMCHON_SEARCH_THREADS = 0`.

Each thread keeps its connection between statements (closed when unusable or past
CONN_MAX_AGE, as a request's is): a server process holds up to CHUMCHON_SEARCH_THREADS
connections more. The pool is made in the process that uses it: a worker
forked by gunicorn starts with none (`os.register_at_fork`).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from django.conf import settings
from django.db import connections, transaction

T = TypeVar("T")

SPLIT_FROM = 400  # ids: below this a second connection's round trips cost more than half

_pool: ThreadPoolExecutor | None = None
_pool_threads = 0  # how many threads `_pool` may start
_lock = threading.Lock()


def _forget_pool() -> None:
    """In a forked child: the parent's threads do not exist here."""
    global _pool
    _pool = None


os.register_at_fork(after_in_child=_forget_pool)


def _threads() -> int:
    return max(0, int(settings.CHUMCHON_SEARCH_THREADS))


def _pool_for_process() -> ThreadPoolExecutor:
    global _pool, _pool_threads
    with _lock:
        if _pool is None:
            _pool_threads = _threads()
            _pool = ThreadPoolExecutor(_pool_threads, thread_name_prefix="chumchon-search")
        return _pool


def allowed(using: str) -> bool:
    """Whether a search starting now on `using` may split its statements."""
    return _threads() > 0 and not connections[using].in_atomic_block


def in_halves(
    using: str,
    planner_sql: str,
    ids: list[int],
    run: Callable[[Any, list[int]], T],
    *,
    split: bool,
) -> list[T]:
    """`run(cursor, part)` for the parts of `ids`: two halves at once when `split` and
    the list is long (the second on a connection of its own, under `planner_sql`, the
    settings the search's own statements run under), else the whole list on the
    search's own connection. Raises what either half raised."""
    if not split or len(ids) < SPLIT_FROM:
        with connections[using].cursor() as cursor:
            return [run(cursor, ids)]
    half = len(ids) // 2
    second = _pool_for_process().submit(_run_apart, using, planner_sql, run, ids[half:])
    with connections[using].cursor() as cursor:
        first = run(cursor, ids[:half])
    return [first, second.result()]


def _run_apart(
    using: str, planner_sql: str, run: Callable[[Any, list[int]], T], ids: list[int]
) -> T:
    connection = connections[using]
    connection.close_if_unusable_or_obsolete()
    if not planner_sql:
        with connection.cursor() as cursor:
            return run(cursor, ids)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute(planner_sql)
        return run(cursor, ids)


def shutdown() -> None:
    """Close this process's pool and its threads' connections (a test's teardown: a
    test database cannot be dropped while a connection to it is open)."""
    global _pool
    with _lock:
        pool, threads, _pool = _pool, _pool_threads, None
    if pool is None:
        return
    # One closing task a thread: each waits for the others, so no thread takes two.
    barrier = threading.Barrier(threads)

    def close() -> None:
        barrier.wait(timeout=30)
        connections.close_all()

    for _ in range(threads):
        pool.submit(close)
    pool.shutdown(wait=True)

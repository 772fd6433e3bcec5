"""One search backend per database, behind one interface; `backend()` picks by vendor."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Protocol

from django.db import connections
from django.db.models import QuerySet

from chumchon.search.analysis import Tokens
from chumchon.search.query import All, Either, Node, Phrase, Term, Without
from chumchon.search.registry import DocumentType

# Column weights. FTS5's bm25() takes one per column; PostgreSQL has four weight classes
# (A–D), so `context` and `extra` share D. Title and tags count far above the body.
WEIGHTS = {"title": 10.0, "tags": 6.0, "body": 1.5, "context": 0.5, "extra": 0.5}
PG_CLASSES = {"title": "A", "tags": "B", "body": "C", "context": "D", "extra": "D"}
PG_WEIGHTS = "{0.05, 0.2, 0.6, 1.0}"  # D, C, B, A
BOOST = 1000.0  # added to the score of documents with the query's words side by side


class Backend(Protocol):
    # (type code, [(pk, tokens)]) -> rows for `write_rows`; a module-level function, so
    # that reindex's worker processes can make the rows.
    rows_for: Callable[[int, list[tuple[int, Tokens]]], list[tuple]]  # type: ignore[type-arg]
    using: str  # the database alias
    # SQL setting what a search's statements run under, inside a transaction ("": none).
    # The search's `session` runs it, and so does a second connection (search/beside.py).
    planner_sql: str
    # Whether this search may run half of a long id-list statement on a second
    # connection (search/beside.py): set by `session`.
    split: bool

    def write(self, doc_type: DocumentType, docs: list[tuple[int, Tokens]]) -> None: ...

    def write_rows(self, rows: list[tuple], *, fresh: bool) -> None: ...  # type: ignore[type-arg]

    def bulk_start(self) -> None:
        """A rebuild begins (the rebuilt rows were just cleared)."""
        ...

    def bulk_end(self) -> None: ...

    def delete(self, doc_type: DocumentType, pks: list[int]) -> None: ...

    def clear(self, doc_type: DocumentType | None) -> None: ...

    def matching(
        self, qs: QuerySet, doc_type: DocumentType, node: Node, boost: Node | None = None
    ) -> QuerySet:
        """`qs` narrowed to matching rows, with a `search_score` (higher is better);
        rows that also match `boost` score above every row that does not."""
        ...

    def top(
        self, doc_type: DocumentType, node: Node, boost: Node | None, limit: int, window: int
    ) -> list[tuple[int, float]]:
        """The index's own best `limit` matches as (object id, score), ranked over the
        newest `window` matches and the title/tag matches of any date, before any
        permission check: callers must pass them through a visible_to QuerySet."""
        ...

    def known(
        self, doc_type: DocumentType, node: Node, at_least: int = 0
    ) -> tuple[list[int], bool] | None:
        """Object ids of the newest matches `top` walked in this search (walking on to
        `at_least` if it saw fewer), and whether they are all the matches; None if `top`
        did not walk `node`. Not permission-checked."""
        ...

    def session(self) -> AbstractContextManager[None]:
        """What one search runs inside (planner settings on PostgreSQL)."""
        ...

    def size_bytes(self) -> int: ...

    def optimise(self) -> None: ...


# Each engine ranks over the newest matches and the title/tag matches of any date (see
# `top` in backends/sqlite.py and backends/postgres.py), so a query's cost stays about the
# same however large the index grows.
TITLE_BONUS = 500.0  # below BOOST: words side by side still come first
COUNT_CAP = 1_000  # beyond this, "more than 1,000" is all anyone needs to know
# Newest matches a query with phrases finds (COUNT_CAP + 101, so that searching._count
# can tell "more than 1,000" from them), and no more: the bitmaps hold no positions, so
# its candidates are checked one by one (PostgreSQL reads their vectors, SQLite walks or
# reads its index), and it ranks these. A query of plain words walks its whole window.
LOSSY_WALK = COUNT_CAP + 101


def lossy(node: Node) -> bool:
    """Whether the word bitmaps only narrow the candidates of `node` (a phrase)."""
    if isinstance(node, Phrase):
        return len(node.words) > 1
    if isinstance(node, All | Either):
        return any(lossy(c) for c in node.children)
    if isinstance(node, Without):
        return lossy(node.positive) or lossy(node.negative)
    return False


def implies(node: Node, other: Node) -> bool:
    """Every document matching `node` matches `other` (judged from the expressions)."""
    if node == other:
        return True
    if isinstance(other, Either):
        return any(implies(node, c) for c in other.children)
    if isinstance(other, All):
        return all(implies(node, c) for c in other.children)
    if isinstance(node, Without):
        return implies(node.positive, other)
    if isinstance(node, All):
        return any(implies(c, other) for c in node.children)
    if isinstance(node, Either):
        return all(implies(c, other) for c in node.children)
    if isinstance(node, Phrase) and isinstance(other, Term):
        return other.word in node.words
    return False


def never(node: Node) -> bool:
    """`node` cannot match anything: it excludes what it requires ("a b -b")."""
    return isinstance(node, Without) and implies(node.positive, node.negative)


def backend(using: str = "default") -> Backend:
    vendor = connections[using].vendor
    if vendor == "sqlite":
        from chumchon.search.backends.sqlite import SQLiteBackend

        return SQLiteBackend(using)
    if vendor == "postgresql":
        from chumchon.search.backends.postgres import PostgresBackend

        return PostgresBackend(using)
    raise NotImplementedError(f"search has no backend for {vendor}")

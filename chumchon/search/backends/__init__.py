"""One search backend per database, behind one interface; `backend()` picks by vendor."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol

from django.db import connections
from django.db.models import QuerySet

from chumchon.search.analysis import Tokens
from chumchon.search.query import Node
from chumchon.search.registry import DocumentType

# Column weights. FTS5's bm25() takes one per column; PostgreSQL has four weight classes
# (A–D), so `context` and `extra` share D. Title and tags count far above the body.
WEIGHTS = {"title": 10.0, "tags": 6.0, "body": 1.5, "context": 0.5, "extra": 0.5}
PG_CLASSES = {"title": "A", "tags": "B", "body": "C", "context": "D", "extra": "D"}
PG_WEIGHTS = "{0.05, 0.2, 0.6, 1.0}"  # D, C, B, A
BOOST = 1000.0  # added to the score of documents with the query's words side by side


class Backend(Protocol):
    def write(self, doc_type: DocumentType, docs: list[tuple[int, Tokens]]) -> None: ...

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
        """The index's own best `limit` matches as (object id, score), before any
        permission check: callers must pass them through a visible_to QuerySet.

        Only the newest `window` matches are scored, so a query matching a large share of
        a big index costs the same as a narrower one."""
        ...

    def session(self) -> AbstractContextManager[None]:
        """What one search runs inside (planner settings on PostgreSQL)."""
        ...

    def size_bytes(self) -> int: ...

    def optimise(self) -> None: ...


def backend(using: str = "default") -> Backend:
    vendor = connections[using].vendor
    if vendor == "sqlite":
        from chumchon.search.backends.sqlite import SQLiteBackend

        return SQLiteBackend(using)
    if vendor == "postgresql":
        from chumchon.search.backends.postgres import PostgresBackend

        return PostgresBackend(using)
    raise NotImplementedError(f"search has no backend for {vendor}")

"""SQLite FTS5 over pre-segmented text, ranked by bm25() with column weights.

The tokenizer keeps Thai vowel and tone marks inside words (`categories 'L* N* Co M*'`);
the default would split "ไม่" into "ไม" and lose the mark. Words arrive already
segmented and joined by spaces, so FTS5 only has to split on the spaces.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext

from django.db import connections
from django.db.models import QuerySet

from chumchon.search.backends import BOOST, WEIGHTS, Tokens
from chumchon.search.query import All, Either, InTitle, Node, Phrase, Term
from chumchon.search.registry import CODE_SHIFT, COLUMNS, DocumentType

TABLE = "search_fts"
CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5({', '.join(COLUMNS)}, "
    "tokenize = \"unicode61 remove_diacritics 0 categories 'L* N* Co M*'\")"
)
_MARKS = ", ".join(["%s"] * (len(COLUMNS) + 1))
_BM25 = f"bm25({TABLE}, {', '.join(str(WEIGHTS[c]) for c in COLUMNS)})"


def to_fts5(node: Node) -> str:
    if isinstance(node, Term):
        return '"' + node.word.replace('"', '""') + '"'
    if isinstance(node, Phrase):
        return '"' + " ".join(w.replace('"', '""') for w in node.words) + '"'
    if isinstance(node, All):
        return "(" + " AND ".join(to_fts5(c) for c in node.children) + ")"
    if isinstance(node, Either):
        return "(" + " OR ".join(to_fts5(c) for c in node.children) + ")"
    if isinstance(node, InTitle):
        return "{title tags} : (" + " OR ".join(to_fts5(Term(w)) for w in node.words) + ")"
    return f"({to_fts5(node.positive)} NOT {to_fts5(node.negative)})"


def rows_for(code: int, docs: list[tuple[int, Tokens]]) -> list[tuple]:  # type: ignore[type-arg]
    """The rows `write_rows` inserts; a plain function, so worker processes can make them."""
    base = code << CODE_SHIFT
    return [(base | pk, *(" ".join(tokens[c]) for c in COLUMNS)) for pk, tokens in docs]


class SQLiteBackend:
    rows_for = staticmethod(rows_for)

    def __init__(self, using: str = "default") -> None:
        self.using = using

    def _cursor(self):  # type: ignore[no-untyped-def]
        return connections[self.using].cursor()

    def write(self, doc_type: DocumentType, docs: list[tuple[int, Tokens]]) -> None:
        self.write_rows(rows_for(doc_type.code, docs), fresh=False)

    def write_rows(self, rows: list[tuple], *, fresh: bool) -> None:  # type: ignore[type-arg]
        """Insert rows from `rows_for`; `fresh`: the index holds none of them yet."""
        with self._cursor() as cursor:
            if not fresh:
                self._delete_ids(cursor, [r[0] for r in rows])
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, {', '.join(COLUMNS)}) VALUES ({_MARKS})",
                rows,
            )

    def bulk_start(self) -> None:
        """Before a rebuild: no merging of index segments while rows go in; `optimise`
        merges them all once at the end."""
        with self._cursor() as cursor:
            cursor.execute(f"INSERT INTO {TABLE} ({TABLE}, rank) VALUES ('automerge', 0)")

    def bulk_end(self) -> None:
        with self._cursor() as cursor:
            cursor.execute(f"INSERT INTO {TABLE} ({TABLE}, rank) VALUES ('automerge', 4)")

    def delete(self, doc_type: DocumentType, pks: list[int]) -> None:
        with self._cursor() as cursor:
            self._delete_ids(cursor, [doc_type.doc_id(pk) for pk in pks])

    def _delete_ids(self, cursor, ids: list[int]) -> None:  # type: ignore[no-untyped-def]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({marks})", chunk)

    def clear(self, doc_type: DocumentType | None) -> None:
        with self._cursor() as cursor:
            if doc_type is None:
                # Dropping is much faster than deleting a million rows one by one.
                cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
                cursor.execute(CREATE)
            else:
                top = doc_type.base + (1 << CODE_SHIFT) - 1
                cursor.execute(
                    f"DELETE FROM {TABLE} WHERE rowid BETWEEN %s AND %s", [doc_type.base, top]
                )

    def matching(
        self, qs: QuerySet, doc_type: DocumentType, node: Node, boost: Node | None = None
    ) -> QuerySet:
        meta = qs.model._meta
        pk = f'"{meta.db_table}"."{meta.pk.column}"'
        top = doc_type.base + (1 << CODE_SHIFT) - 1
        score, score_params = f"-{_BM25}", []
        if boost is not None:
            # The boosted set is one more FTS5 query, materialised once by SQLite.
            score += (
                f" + (CASE WHEN {TABLE}.rowid IN (SELECT rowid FROM {TABLE} WHERE {TABLE} "
                f"MATCH %s AND rowid BETWEEN {doc_type.base} AND {top}) THEN {BOOST} ELSE 0 END)"
            )
            score_params.append(to_fts5(boost))
        return qs.extra(
            tables=[TABLE],
            where=[
                f"{TABLE} MATCH %s",
                f"{TABLE}.rowid BETWEEN {doc_type.base} AND {top}",
                f"{pk} = {TABLE}.rowid - {doc_type.base}",
            ],
            params=[to_fts5(node)],
            select={"search_score": score},
            select_params=score_params,
        )

    def count(self, doc_type: DocumentType, node: Node, cap: int) -> int:
        lo, hi = doc_type.base, doc_type.base + (1 << CODE_SHIFT) - 1
        with self._cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s "
                f"AND rowid BETWEEN {lo} AND {hi} LIMIT %s)",
                [to_fts5(node), cap],
            )
            return int(cursor.fetchone()[0])

    def ranked(
        self, doc_type: DocumentType, node: Node, boost: Node | None, limit: int, window: int,
        every: bool = False,
    ) -> list[tuple[int, float]]:  # fmt: skip
        lo, hi = doc_type.base, doc_type.base + (1 << CODE_SHIFT) - 1
        # `every` (no more than `window` matches): walking a large doclist backwards
        # costs FTS5 several times more than forwards, so then it walks forwards.
        order = "" if every else "ORDER BY rowid DESC "
        # FTS5 walks matches newest first and stops after `window`: only those are scored.
        # The boost (words side by side) is looked for only within the window's rowids:
        # a phrase found rarely would otherwise be looked for through every match.
        boosted, params = "0", [to_fts5(node)]
        if boost is not None:
            boosted = (
                f"CASE WHEN r IN (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid "
                f"BETWEEN (SELECT min(r) FROM w) AND (SELECT max(r) FROM w)) "
                f"THEN {BOOST} ELSE 0 END"
            )
            params.append(to_fts5(boost))
        with self._cursor() as cursor:
            cursor.execute(
                f"WITH w AS MATERIALIZED (SELECT rowid AS r, -{_BM25} AS s FROM {TABLE} "
                f"WHERE {TABLE} MATCH %s AND rowid BETWEEN {lo} AND {hi} "
                f"{order}LIMIT {window}) "
                f"SELECT r - {lo}, s + {boosted} AS score FROM w ORDER BY score DESC, r LIMIT %s",
                [*params, limit],
            )
            return [(int(pk), float(s)) for pk, s in cursor.fetchall()]

    def session(self) -> AbstractContextManager[None]:
        return nullcontext()

    def size_bytes(self) -> int:
        with self._cursor() as cursor:
            cursor.execute(
                f"SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name LIKE '{TABLE}%'"
            )
            return int(cursor.fetchone()[0])

    def optimise(self) -> None:
        with self._cursor() as cursor:
            cursor.execute(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('optimize')")
            # Without statistics SQLite may read "id IN (…) AND status = …" through the
            # status index, scanning every published post instead of the few ids.
            cursor.execute("ANALYZE")

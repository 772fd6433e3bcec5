"""PostgreSQL full text: a tsvector per document with a GIN index, ranked by ts_rank().

The words come segmented from Python, so the tsvector is written as a literal (each
lexeme with its positions and weight class) instead of going through a text-search
parser, which knows nothing of Thai. Queries are tsquery literals for the same reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections, transaction
from django.db.models import QuerySet

from chumchon.search.backends import BOOST, PG_CLASSES, PG_WEIGHTS, Tokens
from chumchon.search.query import All, Either, InTitle, Node, Phrase, Term
from chumchon.search.registry import COLUMNS, DocumentType

TABLE = "search_document"
CREATE_INDEX = f"CREATE INDEX IF NOT EXISTS {TABLE}_vector ON {TABLE} USING gin (vector)"
CREATE = [
    f"CREATE TABLE IF NOT EXISTS {TABLE} (kind smallint NOT NULL, object_id bigint NOT NULL, "
    "vector tsvector NOT NULL, PRIMARY KEY (kind, object_id))",
    CREATE_INDEX,
]
# The words of the title and tags again, without positions: a small vector (stored
# inline, not TOASTed) that a very common query's first part is taken from (see
# backends.top) without reading each matching document's whole vector.
TITLE_INDEX = f"CREATE INDEX IF NOT EXISTS {TABLE}_title ON {TABLE} USING gin (title_vector)"
ADD_TITLES = [
    f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS title_vector tsvector NOT NULL DEFAULT ''",
    TITLE_INDEX,
]
MAX_POSITION = 16383  # PostgreSQL's limit
COLUMN_GAP = 100  # so that no phrase runs from one column into the next


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


# Quoted lexemes (words repeat across documents) and "position + weight" labels, made once:
# writing a document's vector is a loop over its words, the costliest Python of a rebuild
# after segmentation.
_quoted: dict[str, str] = {}
_LABELS = {
    weight: [f"{i}{weight}" for i in range(MAX_POSITION + 1)] for weight in set(PG_CLASSES.values())
}


def _quote(word: str) -> str:
    found = _quoted.get(word)
    if found is None:
        if len(_quoted) > 500_000:
            _quoted.clear()
        found = _quoted[word] = _lexeme(word)
    return found


def to_tsvector_literal(tokens: Tokens) -> str:
    """Each word with its positions (at most 256, the first ones) and weight class; the
    columns follow each other COLUMN_GAP positions apart, past MAX_POSITION all share it."""
    positions: dict[str, list[str]] = {}
    position = 1
    for column in COLUMNS:
        words = tokens[column]
        labels = _LABELS[PG_CLASSES[column]]
        end = position + len(words)
        spots = labels[position:end]
        if len(spots) < len(words):
            spots += [labels[MAX_POSITION]] * (len(words) - len(spots))
        for word, label in zip(words, spots, strict=True):
            found = positions.get(word)
            if found is None:
                positions[word] = [label]
            else:
                found.append(label)
        position = end + COLUMN_GAP
    return " ".join([f"{_quote(w)}:{','.join(p[:256])}" for w, p in positions.items()])


def to_title_literal(tokens: Tokens) -> str:
    return " ".join([_quote(w) for w in dict.fromkeys([*tokens["title"], *tokens["tags"]])])


def _where(node: Node) -> tuple[str, list[object]]:
    """The match condition: a node narrowed by `InTitle` reads the small title vector."""
    if isinstance(node, All) and any(isinstance(c, InTitle) for c in node.children):
        rest = [c for c in node.children if not isinstance(c, InTitle)]
        titled = [c for c in node.children if isinstance(c, InTitle)]
        words = tuple(w for c in titled for w in c.words)
        title_query = "(" + " | ".join(_lexeme(w) for w in words) + ")"
        main = rest[0] if len(rest) == 1 else All(tuple(rest))
        return "vector @@ %s::tsquery AND title_vector @@ %s::tsquery", [
            to_tsquery(main),
            title_query,
        ]
    return "vector @@ %s::tsquery", [to_tsquery(node)]


def _scored(node: Node) -> Node:
    """What a document is ranked on: the query itself, not the title narrowing."""
    if isinstance(node, All) and any(isinstance(c, InTitle) for c in node.children):
        rest = [c for c in node.children if not isinstance(c, InTitle)]
        return rest[0] if len(rest) == 1 else All(tuple(rest))
    return node


def to_tsquery(node: Node) -> str:
    if isinstance(node, Term):
        return _lexeme(node.word)
    if isinstance(node, Phrase):
        return "(" + " <-> ".join(_lexeme(w) for w in node.words) + ")"
    if isinstance(node, All):
        return "(" + " & ".join(to_tsquery(c) for c in node.children) + ")"
    if isinstance(node, Either):
        return "(" + " | ".join(to_tsquery(c) for c in node.children) + ")"
    if isinstance(node, InTitle):  # weight classes A (title) and B (tags)
        return "(" + " | ".join(f"{_lexeme(w)}:AB" for w in node.words) + ")"
    return f"({to_tsquery(node.positive)} & !{to_tsquery(node.negative)})"


def rows_for(code: int, docs: list[tuple[int, Tokens]]) -> list[tuple]:  # type: ignore[type-arg]
    """The rows `write_rows` stores; a plain function, so worker processes can make them."""
    return [
        (code, pk, to_tsvector_literal(tokens), to_title_literal(tokens)) for pk, tokens in docs
    ]


class PostgresBackend:
    rows_for = staticmethod(rows_for)

    def __init__(self, using: str = "default") -> None:
        self.using = using

    def _cursor(self):  # type: ignore[no-untyped-def]
        return connections[self.using].cursor()

    def write(self, doc_type: DocumentType, docs: list[tuple[int, Tokens]]) -> None:
        self.write_rows(rows_for(doc_type.code, docs), fresh=False)

    def write_rows(self, rows: list[tuple], *, fresh: bool) -> None:  # type: ignore[type-arg]
        """Store rows from `rows_for`; `fresh` (none of them stored yet) loads with COPY."""
        with self._cursor() as cursor:
            if fresh:
                with cursor.cursor.copy(
                    f"COPY {TABLE} (kind, object_id, vector, title_vector) FROM STDIN"
                ) as copy:
                    for row in rows:
                        copy.write_row(row)
                return
            cursor.executemany(
                f"INSERT INTO {TABLE} (kind, object_id, vector, title_vector) "
                "VALUES (%s, %s, %s::tsvector, %s::tsvector) ON CONFLICT (kind, object_id) "
                "DO UPDATE SET vector = EXCLUDED.vector, title_vector = EXCLUDED.title_vector",
                rows,
            )

    def bulk_start(self) -> None:
        """Before a rebuild: building the GIN index once at the end is many times faster
        than keeping it up to date row by row (the rebuild empties the table anyway)."""
        with self._cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {TABLE}_vector")
            cursor.execute(f"DROP INDEX IF EXISTS {TABLE}_title")

    def bulk_end(self) -> None:
        with self._cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            cursor.execute(CREATE_INDEX)
            cursor.execute(TITLE_INDEX)

    def delete(self, doc_type: DocumentType, pks: list[int]) -> None:
        with self._cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE kind = %s AND object_id = ANY(%s)",
                [doc_type.code, list(pks)],
            )

    def clear(self, doc_type: DocumentType | None) -> None:
        with self._cursor() as cursor:
            if doc_type is None:
                cursor.execute(f"TRUNCATE {TABLE}")
            else:
                cursor.execute(f"DELETE FROM {TABLE} WHERE kind = %s", [doc_type.code])

    def matching(
        self, qs: QuerySet, doc_type: DocumentType, node: Node, boost: Node | None = None
    ) -> QuerySet:
        meta = qs.model._meta
        pk = f'"{meta.db_table}"."{meta.pk.column}"'
        tsquery = to_tsquery(node)
        score = f"ts_rank('{PG_WEIGHTS}', {TABLE}.vector, %s::tsquery, 1)"
        score_params = [tsquery]
        if boost is not None:
            score += f" + (CASE WHEN {TABLE}.vector @@ %s::tsquery THEN {BOOST} ELSE 0 END)"
            score_params.append(to_tsquery(boost))
        return qs.extra(
            tables=[TABLE],
            where=[
                f"{TABLE}.kind = {doc_type.code}",
                f"{TABLE}.object_id = {pk}",
                f"{TABLE}.vector @@ %s::tsquery",
            ],
            params=[tsquery],
            select={"search_score": score},
            select_params=score_params,
        )

    def count(self, doc_type: DocumentType, node: Node, cap: int) -> int:
        with self._cursor() as cursor:
            where, params = _where(node)
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} WHERE kind = %s AND {where} "
                "LIMIT %s) AS m",
                [doc_type.code, *params, cap],
            )
            return int(cursor.fetchone()[0])

    def ranked(
        self, doc_type: DocumentType, node: Node, boost: Node | None, limit: int, window: int,
        every: bool = False,
    ) -> list[tuple[int, float]]:  # fmt: skip
        score = f"ts_rank('{PG_WEIGHTS}', vector, %s::tsquery, 1)"
        params: list[object] = [to_tsquery(_scored(node))]
        if boost is not None:
            score += f" + (CASE WHEN vector @@ %s::tsquery THEN {BOOST} ELSE 0 END)"
            params.append(to_tsquery(boost))
        where, where_params = _where(node)
        with self._cursor() as cursor:
            cursor.execute(
                # "object_id + 0": walking the primary key backwards and testing every
                # row's vector is far slower than taking the matches from the GIN index.
                f"SELECT object_id, {score} AS score FROM (SELECT object_id, vector FROM {TABLE} "
                f"WHERE kind = %s AND {where} ORDER BY object_id + 0 DESC LIMIT %s) "
                "AS m ORDER BY score DESC, object_id LIMIT %s",
                [*params, doc_type.code, *where_params, window, limit],
            )
            return [(int(pk), float(s)) for pk, s in cursor.fetchall()]

    @contextmanager
    def session(self) -> Iterator[None]:
        """PostgreSQL underrates the cost of reading large (TOASTed) tsvectors and may
        scan the whole table instead of using the GIN index; within one search, it may not."""
        with transaction.atomic(using=self.using), self._cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            yield

    def size_bytes(self) -> int:
        with self._cursor() as cursor:
            cursor.execute(f"SELECT pg_total_relation_size('{TABLE}')")
            return int(cursor.fetchone()[0])

    def optimise(self) -> None:
        with self._cursor() as cursor:
            cursor.execute(f"ANALYZE {TABLE}")

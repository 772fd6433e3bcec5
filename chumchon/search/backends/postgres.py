"""PostgreSQL full text: a tsvector per document with a GIN index, ranked by ts_rank().

The words come segmented from Python, so the tsvector is written as a literal (each
lexeme with its positions and weight class) instead of going through a text-search
parser, which knows nothing of Thai. Queries are tsquery literals for the same reason.

Reading a document's vector (TOASTed, about 4 KB) costs 15–50 µs, so the search plan
(`PostgresBackend.top`) reads as few as it can: the newest matches come from the GIN
index alone, which also indexes each document's block of 256 ids (`RECENT_INDEX`), so
"matches among the newest few thousand documents" costs little however common the words.
"""

from __future__ import annotations

import heapq
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import connections, transaction
from django.db.models import QuerySet

from chumchon.search.backends import BOOST, PG_CLASSES, PG_WEIGHTS, TITLE_BONUS, Tokens
from chumchon.search.query import (
    All,
    Either,
    InTitle,
    Node,
    Phrase,
    Term,
    Without,
    plain_words,
    positive_words,
)
from chumchon.search.registry import COLUMNS, DocumentType

TABLE = "search_document"
# Migration 0001's index on the vector alone; migration 0004 replaced it by RECENT_INDEX.
CREATE_INDEX = f"CREATE INDEX IF NOT EXISTS {TABLE}_vector ON {TABLE} USING gin (vector)"
CREATE = [
    f"CREATE TABLE IF NOT EXISTS {TABLE} (kind smallint NOT NULL, object_id bigint NOT NULL, "
    "vector tsvector NOT NULL, PRIMARY KEY (kind, object_id))",
    CREATE_INDEX,
]
# The words of the title and tags again, with their positions and weights (migration
# 0004 added these): a small vector, stored inline (not TOASTed), that title and tag
# matches are found and first ranked from (see PostgresBackend.top) without reading each
# document's whole vector.
TITLE_INDEX = f"CREATE INDEX IF NOT EXISTS {TABLE}_title ON {TABLE} USING gin (title_vector)"
ADD_TITLES = [
    f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS title_vector tsvector NOT NULL DEFAULT ''",
    TITLE_INDEX,
]
# One GIN index over the vector and the document's block of ids (kind and object id >> 8,
# through btree_gin): a query on the vector alone uses it as before, and "matches in the
# newest blocks" intersects a few short posting lists with the words' instead of reading
# every match of a common word. A plain B-tree on the id cannot do that: PostgreSQL
# would walk it and read every document's vector to test it.
BLOCK = "((kind::bigint << 32) | (object_id >> 8))"
RECENT_INDEX = f"CREATE INDEX IF NOT EXISTS {TABLE}_recent ON {TABLE} USING gin ({BLOCK}, vector)"
# The same for title vectors (migration 0005 replaced TITLE_INDEX by it): the newest
# title/tag matches of a word found in many titles without reading every one of them.
# The block is written differently (the same value: the bits do not overlap), so that the
# planner never takes this index for the block range of a walk over whole vectors and
# then reads every vector in the range to test it (400 ms at 100k).
TITLE_BLOCK = "((kind::bigint << 32) + (object_id >> 8))"
TITLE_RECENT_INDEX = (
    f"CREATE INDEX IF NOT EXISTS {TABLE}_title_recent ON {TABLE} "
    f"USING gin ({TITLE_BLOCK}, title_vector)"
)
MAX_POSITION = 16383  # PostgreSQL's limit
COLUMN_GAP = 100  # so that no phrase runs from one column into the next
TITLE_COLUMNS = ("title", "tags")  # the first columns: what `title_vector` holds


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


def to_tsvector_literals(tokens: Tokens) -> tuple[str, str]:
    """The document's vector: each word with its positions (at most 256, the first ones)
    and weight class, the columns COLUMN_GAP positions apart, past MAX_POSITION all
    sharing it; and its title vector, the same for the title and tags only (what
    `ts_filter(vector, '{a,b}')` would give)."""
    positions: dict[str, list[str]] = {}
    position = 1
    title = ""
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
        if column == TITLE_COLUMNS[-1]:
            title = _literal(positions)
    return _literal(positions), title


def _literal(positions: dict[str, list[str]]) -> str:
    return " ".join([f"{_quote(w)}:{','.join(p[:256])}" for w, p in positions.items()])


def to_tsvector_literal(tokens: Tokens) -> str:
    return to_tsvector_literals(tokens)[0]


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
    return [(code, pk, *to_tsvector_literals(tokens)) for pk, tokens in docs]


# ---- the search plan (PostgresBackend.top) ------------------------------------------------

RANKED = 500  # documents whose vectors are read to rank a page's candidates (or `limit`)
# ... and at most this share of the window: a partial-match tier (a window of 500) ranks
# 150, which gave the same MRR@10 at 100k (0.899) as 500 and reads 350 vectors fewer.
RANKED_SHARE = 0.3
RANKED_LEAST = 150
RANKED_MAX = 600
# Newest matches walked at least (COUNT_CAP + 101, so that searching._count can tell
# "more than 1,000" from them), and no more for a query with phrases, which PostgreSQL
# checks row by row (GIN has no positions).
LOSSY_WALK = 1_101
VERIFY = 64  # title/tag candidates of a query they do not imply, checked row by row
STATS_SECONDS = 600.0  # how long the words' document shares from pg_stats are kept

_stats_lock = threading.Lock()
Shares = tuple[dict[str, float], float]  # common words' document shares, any other's
# (database alias, type code, column) -> (when, shares, newest id)
_stats: dict[tuple[str, int, str], tuple[float, Shares, int]] = {}


def _statistics(
    cursor, using: str, code: int, column: str = "vector"
) -> tuple[dict[str, float], float, int]:  # type: ignore[no-untyped-def]
    """The share of documents that contain each common word (ANALYZE's most common
    elements of the column, `vector` or `title_vector`), the share assumed for any other
    word (half the least common listed, as the planner assumes; nothing is known before an
    ANALYZE), and the newest id of the type; kept STATS_SECONDS (a few newer documents
    change nothing)."""
    now = time.monotonic()
    known = _stats.get((using, code, column))
    if known is not None and now - known[0] < STATS_SECONDS:
        return known[1][0], known[1][1], known[2]
    cursor.execute(
        f"SELECT (SELECT max(object_id) FROM {TABLE} WHERE kind = %s), "
        "most_common_elems::text::text[], most_common_elem_freqs FROM (SELECT 1) AS one "
        "LEFT JOIN pg_stats ON tablename = %s AND attname = %s",
        [code, TABLE, column],
    )
    newest, words, freqs = cursor.fetchone()
    shares: dict[str, float] = {}
    other = 0.0
    if words and freqs:
        shares = dict(zip(words, (float(f) for f in freqs[: len(words)]), strict=True))
        other = float(freqs[len(words)]) / 2
    with _stats_lock:
        _stats[(using, code, column)] = (now, (shares, other), newest or 0)
    return shares, other, newest or 0


def _share(node: Node, shares: dict[str, float], other: float) -> float:
    """At most which share of documents match `node`: the words of a phrase or of an AND
    are not independent (a topic's words come together: at 1M, taking them as independent
    predicted a tenth of the matches, and the walk read all 20,000 of them), so the share
    of the rarest bounds it."""
    if isinstance(node, Term):
        return shares.get(node.word, other)
    if isinstance(node, Phrase | All):
        children = [Term(w) for w in node.words] if isinstance(node, Phrase) else node.children
        return min(_share(child, shares, other) for child in children)
    if isinstance(node, Either):
        return min(1.0, sum(_share(c, shares, other) for c in node.children))
    if isinstance(node, Without):
        return _share(node.positive, shares, other)
    return 1.0


def _by_blocks(
    walk: Callable[[int, int, int], list[tuple]],  # type: ignore[type-arg]
    code: int,
    newest: int,
    share: float,
    n: int,
) -> list[tuple] | None:  # type: ignore[type-arg]
    """The newest `n` matches, walked by blocks of ids from the newest: `walk(low, high,
    limit)` gives the newest `limit` matches in blocks low..high. The first span should hold
    `n` matches by the words' share; each next one takes the blocks just older than the last
    (no match is read twice), sized by the matches found so far. None when the spans reach
    the oldest document before `n` are found and fewer than half were: a walk of the whole
    index costs less then."""
    rows: list[tuple] = []  # type: ignore[type-arg]
    high = (code << 32) | 0xFFFFFFFF
    span = int(n / share * 1.5) + 256
    while len(rows) < n:
        start = newest - span
        if start <= 0:
            if len(rows) < n // 2:
                return None
            rows += walk(code << 32, high, n - len(rows))
            break
        low = (code << 32) | (start >> 8)
        rows += walk(low, high, n - len(rows))
        high = low - 1
        density = len(rows) / span  # matches per id so far
        span = max(span * 2, int(n / density * 1.2) if density else span * 4)
    return rows


def _lossy(node: Node) -> bool:
    """Whether GIN can only find candidates that PostgreSQL then checks row by row."""
    if isinstance(node, Phrase):
        return True
    if isinstance(node, All | Either):
        return any(_lossy(c) for c in node.children)
    if isinstance(node, Without):
        return _lossy(node.positive) or _lossy(node.negative)
    return False


def _widened(node: Node) -> Node | None:
    """A query without phrases that matches every document `node` matches (each phrase
    becomes all its words), or None if `node` holds an exclusion (which would narrow)."""
    if isinstance(node, Term | InTitle):
        return node
    if isinstance(node, Phrase):
        return All(tuple(Term(w) for w in node.words))
    if isinstance(node, All | Either):
        children = [_widened(c) for c in node.children]
        if any(c is None for c in children):
            return None
        return type(node)(tuple(children))  # type: ignore[arg-type]
    return None


def _split(node: Node) -> tuple[Node, Node] | None:
    """`positive` without `negative` (a partial-match tier, whose exclusion holds the
    strict query's phrases) as two queries with the same matches between them: one GIN
    answers exactly (the exclusion widened: no phrase), and the few documents it leaves
    out, those with every word of an excluded phrase, checked row by row.

    In one query PostgreSQL checks every candidate on a heap page where one candidate
    needs it (the bitmap's flag is per page), which at 100k read 1,500 vectors for a
    query that needed few."""
    if not isinstance(node, Without) or _lossy(node.positive) or not _lossy(node.negative):
        return None
    wide = _widened(node.negative)
    if wide is None:
        return None
    return Without(node.positive, wide), All((node.positive, wide, Without(wide, node.negative)))


def _title_rank(words: list[str], boost: Node | None) -> tuple[str, list[object]]:
    """SQL for a first, cheap rank: ts_rank of the query's words and the boost (words side
    by side) over the title and tags alone (`title_vector`, inline: no vector to read)."""
    if not words:
        return "0", []
    score = f"ts_rank('{PG_WEIGHTS}', title_vector, %s::tsquery, 1)"
    params: list[object] = [" | ".join(_lexeme(w) for w in words)]
    if boost is not None:
        score += f" + (CASE WHEN title_vector @@ %s::tsquery THEN {BOOST} ELSE 0 END)"
        params.append(to_tsquery(boost))
    return score, params


def _score(node: Node, boost: Node | None) -> tuple[str, list[object]]:
    """SQL for the rank: ts_rank over the whole vector, plus BOOST for the words side by
    side (unless the query itself asks for that)."""
    score = f"ts_rank('{PG_WEIGHTS}', vector, %s::tsquery, 1)"
    params: list[object] = [to_tsquery(node)]
    if boost is not None and boost not in (node, getattr(node, "positive", None)):
        score += f" + (CASE WHEN vector @@ %s::tsquery THEN {BOOST} ELSE 0 END)"
        params.append(to_tsquery(boost))
    return score, params


class PostgresBackend:
    rows_for = staticmethod(rows_for)

    def __init__(self, using: str = "default") -> None:
        self.using = using
        # (type code, query) -> the newest matches `top` found, and whether they are all
        # the matches; kept for one search (see `known`).
        self._seen: dict[tuple[int, Node], tuple[list[int], bool]] = {}

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
            for name in ("vector", "recent", "title", "title_recent"):
                cursor.execute(f"DROP INDEX IF EXISTS {TABLE}_{name}")

    def bulk_end(self) -> None:
        with self._cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            cursor.execute(RECENT_INDEX)
            cursor.execute(TITLE_RECENT_INDEX)

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

    def top(
        self, doc_type: DocumentType, node: Node, boost: Node | None, limit: int, window: int
    ) -> list[tuple[int, float]]:
        """The index's own best `limit` matches as (object id, score), before any
        permission check: callers must pass them through a visible_to QuerySet.

        The newest `window` matches (all of them if there are no more) come from the GIN
        index without reading a vector; a commoner query also takes, above them, the
        newest `window` documents with every query word in their title or tags, however
        old. Candidates are ordered by those groups and by a first rank over their title
        and tags alone (the small inline `title_vector`); only the first RANKED (fewer
        for a small window: RANKED_SHARE) are ranked by ts_rank and the boost (words side
        by side), reading their vectors.
        """
        code = doc_type.code
        # Enough of the newest matches to rank `window` of them and, unless the query is
        # checked row by row, to tell "more than COUNT_CAP" (searching._count) at once.
        walk = LOSSY_WALK if _lossy(node) else max(window + 1, LOSSY_WALK)
        words = plain_words(node)
        plain = words is not None
        words = words if words is not None else positive_words(node)
        with self._cursor() as cursor:
            to_rank = min(RANKED, max(RANKED_LEAST, int(window * RANKED_SHARE)))
            rows, known_scores = self._newest(cursor, code, node, boost, words, walk, to_rank)
            if not rows:
                return []
            every = len(rows) < walk
            ids = [pk for pk, _ in rows]
            self._seen[(code, node)] = (ids, every)
            heads: list[tuple[int, float]] = []
            if not every:
                rows = rows[:window]
                heads = self._titled(cursor, code, node, boost, words, plain, window)
            titled = [pk for pk, _ in heads]
            seen = set(titled)
            first = sorted(heads, key=lambda r: (-r[1], -r[0]))
            rest = sorted((r for r in rows if r[0] not in seen), key=lambda r: (-r[1], -r[0]))
            order = [pk for pk, _ in first] + [pk for pk, _ in rest]
            chosen = order[: min(max(limit, to_rank), RANKED_MAX)]
            scores = (
                known_scores
                if known_scores is not None and every
                else self._scores(cursor, code, node, boost, chosen)
            )
        bonus = {pk: TITLE_BONUS for pk in titled}
        ranked = heapq.nsmallest(
            limit, ((-(scores.get(pk, 0.0) + bonus.get(pk, 0.0)), pk) for pk in chosen)
        )
        out = [(pk, -s) for s, pk in ranked]
        if len(out) < limit and len(order) > len(chosen):  # the others, in the same order
            floor = min((s for _, s in out), default=0.0)
            more = order[len(chosen) : len(chosen) + limit - len(out)]
            out += [(pk, floor - (i + 1) * 1e-6) for i, pk in enumerate(more)]
        return out

    def _newest(
        self,
        cursor,
        code: int,
        node: Node,
        boost: Node | None,
        words: list[str],
        n: int,
        scored: int = RANKED,
    ) -> tuple[list[tuple[int, float]], dict[int, float] | None]:  # type: ignore[no-untyped-def]
        """The newest `n` matches as (object id, first rank: see `_title_rank`) and, when
        there are `scored` at most, their scores (see `_scores`) from the same query.

        When the words' shares predict many more than `n` matches, only the newest blocks
        of ids that should hold `n` of them are searched (RECENT_INDEX), four times as
        many blocks again if they did not."""
        split = _split(node)
        if split is not None:
            found = [self._newest(cursor, code, p, boost, words, n, 0)[0] for p in split]
            return heapq.nlargest(n, found[0] + found[1]), None
        tsquery = to_tsquery(node)
        first_rank, params = _title_rank(words, boost)
        shares, other, newest = _statistics(cursor, self.using, code)
        share = _share(node, shares, other)
        # Few matches (RANKED at most) are ranked in the same statement; the window count
        # decides it from the matches themselves (the words' shares can be far off), and
        # no vector is read when there are more.
        score, score_params = _score(node, boost)
        # The newest n first, then their ranks: only n vectors and title vectors are read.
        # "+ 0": walking the primary key backwards and testing every row's vector is far
        # slower than taking the matches from the GIN index.
        inner = f"FROM (SELECT object_id, vector, title_vector FROM {TABLE} WHERE"
        order = "ORDER BY object_id + 0 DESC LIMIT %s) AS newest ORDER BY object_id DESC"
        rows = None
        if share * newest > 2 * n:

            def walk(low: int, high: int, limit: int) -> list[tuple]:  # type: ignore[type-arg]
                cursor.execute(
                    f"SELECT object_id, {first_rank}, NULL {inner} {BLOCK} BETWEEN %s AND %s "
                    f"AND vector @@ %s::tsquery {order}",
                    [*params, low, high, tsquery, limit],
                )
                return cursor.fetchall()

            rows = _by_blocks(walk, code, newest, share, n)
        if rows is None:
            cursor.execute(
                f"SELECT object_id, {first_rank}, "
                f"CASE WHEN count(*) OVER () <= {int(scored)} THEN {score} END "
                f"{inner} kind + 0 = %s AND vector @@ %s::tsquery {order}",
                [*params, *score_params, code, tsquery, n],
            )
            rows = cursor.fetchall()
        if not rows or rows[0][2] is None:
            return [(pk, r) for pk, r, _ in rows], None
        return [(pk, r) for pk, r, _ in rows], {pk: float(s) for pk, _, s in rows}

    def _titled(
        self,
        cursor,
        code: int,
        node: Node,
        boost: Node | None,
        words: list[str],
        plain: bool,
        window: int,
    ) -> list[tuple[int, float]]:  # type: ignore[no-untyped-def]
        """The newest matches with every query word in their title or tags, however old, as
        (object id, first rank: see `_title_rank`).
        For a query of plain words such a document matches by its title and tags alone;
        otherwise (phrases, exclusions, other readings) the newest VERIFY are checked."""
        if not words:
            return []
        ranked, ranked_params = _title_rank(words, boost)
        every_word = All(tuple(Term(w) for w in words))
        shares, other, newest = _statistics(cursor, self.using, code, "title_vector")
        share = _share(every_word, shares, other)
        select = (
            f"SELECT object_id, {ranked} FROM (SELECT object_id, title_vector FROM {TABLE} "
            "WHERE title_vector @@ %s::tsquery AND"
        )
        order = "ORDER BY object_id + 0 DESC LIMIT %s) AS newest ORDER BY object_id DESC"
        tsquery = " & ".join(_lexeme(w) for w in words)
        heads = None
        if share * newest > 2 * window:  # as in _newest: the newest blocks first

            def walk(low: int, high: int, limit: int) -> list[tuple]:  # type: ignore[type-arg]
                cursor.execute(
                    f"{select} {TITLE_BLOCK} BETWEEN %s AND %s {order}",
                    [*ranked_params, tsquery, low, high, limit],
                )
                return cursor.fetchall()

            heads = _by_blocks(walk, code, newest, share, window)
        if heads is None:
            cursor.execute(
                f"{select} kind + 0 = %s {order}", [*ranked_params, tsquery, code, window]
            )
            heads = cursor.fetchall()
        if plain or not heads:
            return heads
        heads = heads[:VERIFY]
        cursor.execute(
            f"SELECT object_id FROM {TABLE} WHERE kind = %s AND object_id = ANY(%s) "
            "AND vector @@ %s::tsquery",
            [code, [pk for pk, _ in heads], to_tsquery(node)],
        )
        found = {pk for (pk,) in cursor.fetchall()}
        return [(pk, r) for pk, r in heads if pk in found]

    def _scores(
        self, cursor, code: int, node: Node, boost: Node | None, ids: list[int]
    ) -> dict[int, float]:  # type: ignore[no-untyped-def]
        """ts_rank of `ids` (plus BOOST for the words side by side), reading their vectors."""
        if not ids:
            return {}
        score, params = _score(node, boost)
        # Each vector decompressed once ("|| ''" makes a plain copy), not once per use.
        cursor.execute(
            f"SELECT object_id, {score} FROM (SELECT object_id, vector || ''::tsvector AS vector "
            f"FROM {TABLE} WHERE kind = %s AND object_id = ANY(%s) OFFSET 0) AS chosen",
            [*params, code, ids],
        )
        return {int(pk): float(s) for pk, s in cursor.fetchall()}

    def known(
        self, doc_type: DocumentType, node: Node, at_least: int = 0
    ) -> tuple[list[int], bool] | None:
        """Object ids of the newest matches `top` walked in this search, and whether they
        are all the matches, so that counting them through visible_to needs no second
        walk of the index. Not permission-checked. `at_least` is ignored: the walk already
        took LOSSY_WALK matches or all of them (and an unsettled count falls back to the
        joined query in searching._count)."""
        return self._seen.get((doc_type.code, node))

    @contextmanager
    def session(self) -> Iterator[None]:
        """Planner settings for one search. PostgreSQL underrates the cost of reading
        large (TOASTed) tsvectors and may scan the whole table instead of using the GIN
        index. And a search checks lists of ids against the viewer's visible_to QuerySet
        (`IN (SELECT unnest(array))`, which the planner takes for 200 rows): with hash or
        merge joins allowed it reads every published post's visibility (40 ms at 100k)
        instead of looking up the 1,100 ids by primary key (10 ms). Parallel workers cost
        more to start than the statements of a search take."""
        self._seen.clear()
        try:
            with transaction.atomic(using=self.using), self._cursor() as cursor:
                cursor.execute(
                    "SET LOCAL enable_seqscan = off; SET LOCAL enable_hashjoin = off; "
                    "SET LOCAL enable_mergejoin = off; "
                    "SET LOCAL max_parallel_workers_per_gather = 0"
                )
                yield
        finally:
            self._seen.clear()

    def size_bytes(self) -> int:
        with self._cursor() as cursor:
            cursor.execute(f"SELECT pg_total_relation_size('{TABLE}')")
            return int(cursor.fetchone()[0])

    def optimise(self) -> None:
        """Fresh planner statistics (the words' shares come from them) and, outside a
        transaction, a visibility map: without one, "which of these posts may this viewer
        see" reads each post's row instead of the covering index `search_post_visibility`."""
        from chumchon.search import registry

        tables = [TABLE, *(t.model._meta.db_table for t in registry.all_types())]
        command = "ANALYZE" if connections[self.using].in_atomic_block else "VACUUM (ANALYZE)"
        with self._cursor() as cursor:
            for table in dict.fromkeys(tables):
                cursor.execute(f"{command} {table}")
        for key in [k for k in _stats if k[0] == self.using]:
            _stats.pop(key, None)

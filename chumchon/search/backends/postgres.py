"""PostgreSQL full text: a tsvector per document with a GIN index, ranked by ts_rank().

The words come segmented from Python, so the tsvector is written as a literal (each
lexeme with its positions and weight class) instead of going through a text-search
parser, which knows nothing of Thai. Queries are tsquery literals for the same reason.

Which documents hold which words comes from the word bitmaps of `chumchon/search/bits.py`
(`search_bits`, the vectors' lexemes), kept beside the vectors by every write, as on
SQLite: the newest matches of a query are set algebra, newest chunk of ids first.
Reading a document's vector (TOASTed, about 4 KB) costs 15-50 µs, so the search plan
(`PostgresBackend.top`) reads as few as it can: the candidates of phrases (the bitmaps
hold no positions) and the few hundred documents it ranks.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections, transaction
from django.db.models import QuerySet
from pyroaring import BitMap, FrozenBitMap
from tqdm import tqdm

from chumchon.search import beside, bits, impacts
from chumchon.search.backends import (
    BOOST,
    LOSSY_WALK,
    PG_CLASSES,
    PG_WEIGHTS,
    TITLE_BONUS,
    Tokens,
    lossy,
    never,
)
from chumchon.search.query import (
    All,
    Either,
    InTitle,
    Node,
    Phrase,
    Term,
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
# through btree_gin), made for the block walks of the fifth round; since the sixth the plan
# finds matches from the word bitmaps, and only `matching` (searches with facet filters,
# joined to the documents' table) uses this index, for the vector alone.
BLOCK = "((kind::bigint << 32) | (object_id >> 8))"
RECENT_INDEX = f"CREATE INDEX IF NOT EXISTS {TABLE}_recent ON {TABLE} USING gin ({BLOCK}, vector)"
# The same for title vectors (migration 0005 replaced TITLE_INDEX by it; migration 0007
# dropped it: the title-and-tag bitmaps find title matches).
# The block is written differently (the same value: the bits do not overlap), so that the
# planner never takes this index for the block range of a walk over whole vectors and
# then reads every vector in the range to test it (400 ms at 100k).
TITLE_BLOCK = "((kind::bigint << 32) + (object_id >> 8))"
TITLE_RECENT_INDEX = (
    f"CREATE INDEX IF NOT EXISTS {TABLE}_title_recent ON {TABLE} "
    f"USING gin ({TITLE_BLOCK}, title_vector)"
)
# Whether the server can compress with lz4 (migration 0009 then sets it for the vectors:
# reading one costs about half of what it costs with pglz, the default).
LZ4 = "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
LOCK_KEY = 0x63686D62  # pg_advisory_xact_lock key of the bitmaps' writers ("chmb")
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


def _vectors(tokens: Tokens) -> tuple[str, str, list[str], list[str]]:
    """The document's vector and title vector (see `to_tsvector_literals`), and their
    lexemes: every word of the document, and the words of its title and tags."""
    positions: dict[str, list[str]] = {}
    position = 1
    title = ""
    head: list[str] = []
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
            head = list(positions)
    return _literal(positions), title, list(positions), head


def to_tsvector_literals(tokens: Tokens) -> tuple[str, str]:
    """The document's vector: each word with its positions (at most 256, the first ones)
    and weight class, the columns COLUMN_GAP positions apart, past MAX_POSITION all
    sharing it; and its title vector, the same for the title and tags only (what
    `ts_filter(vector, '{a,b}')` would give)."""
    return _vectors(tokens)[:2]


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


class Rows(list):  # type: ignore[type-arg]
    """Rows for `write_rows`, with the word bitmaps and impact levels of their documents
    (`bits`, `impacts`), made where the rows are made (in reindex's worker processes)."""

    bits: dict[bits.Key, BitMap]


# Impact levels (`impacts.py`) of a document, from its words by weight class, the
# classes weighted as ts_rank weighs them (PG_WEIGHTS): A (title) 1.0, B (tags) 0.6,
# C (body) 0.2; D (context and compound parts, which share it) is left out of the
# frequencies and only counts in the length, as `impacts` leaves out its last column.
# The same columns come from a stored vector (`_LEVEL_COLUMNS_SQL`: each lexeme once per
# position of that class), so a vector alone gives its document's levels: an index made
# before them gets them without segmenting again (`build_levels`), and an edit takes the
# old ones out. (A word past 256 positions, or a document past MAX_POSITION tokens, keeps
# fewer positions in its vector than in its tokens: its level may then differ by one.)
LEVEL_WEIGHTS = (1.0, 0.6, 0.2, 0.0, 0.05)
_LEVEL_COLUMNS_SQL = (
    "SELECT array_agg(u.lexeme) FILTER (WHERE w = 'A'), array_agg(u.lexeme) FILTER (WHERE w = "
    "'B'), array_agg(u.lexeme) FILTER (WHERE w = 'C'), array_agg(u.lexeme) FILTER (WHERE w = "
    "'D') FROM unnest(vector) u, unnest(u.weights) w"
)


def _level_columns(tokens: Tokens) -> list[list[str]]:
    return [
        tokens["title"],
        tokens["tags"],
        tokens["body"],
        [],
        tokens["context"] + tokens["extra"],
    ]


def rows_for(code: int, docs: list[tuple[int, Tokens]]) -> list[tuple]:  # type: ignore[type-arg]
    """The rows `write_rows` stores; a plain function, so worker processes can make them."""
    rows = Rows()
    words = []
    for pk, tokens in docs:
        vector, title, every, head = _vectors(tokens)
        rows.append((code, pk, vector, title))
        words.append((code, pk, (every, head)))
    rows.bits = bits.collect(words)
    rows.bits.update(
        impacts.collect(((code, pk, _level_columns(t)) for pk, t in docs), LEVEL_WEIGHTS)
    )
    return rows


def _stored(cursor, code: int, pks: list[int] | None = None, after: int = -1, batch: int = 0):  # type: ignore[no-untyped-def]
    """(object id, lexemes, title lexemes, level columns) of stored documents: `pks`, or
    the next `batch` after `after` in id order."""
    where, params = "object_id = ANY(%s)", [list(pks or [])]
    if pks is None:
        where, params = "object_id > %s ORDER BY object_id LIMIT %s", [after, batch]
    cursor.execute(
        f"SELECT object_id, tsvector_to_array(vector), tsvector_to_array(title_vector), c.* "
        f"FROM {TABLE}, LATERAL ({_LEVEL_COLUMNS_SQL}) c WHERE kind = %s AND {where}",
        [code, *params],
    )
    return [
        (pk, every, head, [a or [], b or [], c or [], [], d or []])
        for pk, every, head, a, b, c, d in cursor.fetchall()
    ]


def _bitmaps_of(code: int, stored: list, words: bool = True) -> dict[bits.Key, BitMap]:  # type: ignore[type-arg]
    """Impact levels of rows from `_stored`, and (`words`) their word bitmaps."""
    found = bits.collect((code, pk, (e, h)) for pk, e, h, _ in stored) if words else {}
    found.update(impacts.collect(((code, pk, c) for pk, _, _, c in stored), LEVEL_WEIGHTS))
    return found


def _old_bitmaps(cursor, code: int, pks: list[int]) -> dict[bits.Key, BitMap]:  # type: ignore[no-untyped-def]
    """The bitmaps these stored documents are in: their vectors' lexemes (ALL), their
    title vectors' (HEAD) and their levels."""
    return _bitmaps_of(code, _stored(cursor, code, pks))


def _copy_bits(cursor, found: dict[bits.Key, BitMap]) -> None:  # type: ignore[no-untyped-def]
    """Store bitmaps that are not stored yet (a rebuild), with COPY."""
    with cursor.cursor.copy(
        f"COPY {bits.TABLE} (kind, field, word, chunk, n, bits) FROM STDIN"
    ) as copy:
        for (kind, field, word, chunk), found_bits in found.items():
            found_bits.run_optimize()
            copy.write_row((kind, field, word, chunk, len(found_bits), found_bits.serialize()))
    bits.touch(cursor)


# ---- the search plan (PostgresBackend.top) ------------------------------------------------

RANKED = 500  # documents whose vectors are read to rank a page's candidates (or `limit`)
# ... and at most this share of the window: a partial-match tier (a window of 500) ranks
# 150, which gave the same MRR@10 at 100k (0.899) as 500 and reads 350 vectors fewer.
RANKED_SHARE = 0.3
RANKED_LEAST = 150
RANKED_MAX = 600
# The levels of a query's common words are not read (their IDF below this share of the
# rarest word's): they weigh little in the sum, and their level bitmaps are the biggest
# (at 1M, reading every word's made `_levelled` 10-40 ms for a group spread over the
# whole index, 3-13 ms without them; MRR@10 the same at 100k and 1M).
LEVEL_IDF_SHARE = 0.5
VERIFY = 64  # title/tag candidates of a query they do not imply, checked by their vectors


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
    # What a search's statements run under (see `session`), on a second connection too.
    planner_sql = (
        "SET LOCAL enable_seqscan = off; SET LOCAL enable_hashjoin = off; "
        "SET LOCAL enable_mergejoin = off; "
        "SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL jit = off"
    )

    def __init__(self, using: str = "default") -> None:
        self.using = using
        # (type code, query) -> the newest matches `top` found, and whether they are all
        # the matches; kept for one search (see `known`).
        self._seen: dict[tuple[int, Node], tuple[list[int], bool]] = {}
        # Type code -> its bitmaps as read in this search (only inside `session`).
        self._sets: dict[int, bits.Sets | None] = {}
        self._in_session = False
        self.split = False  # long id-list statements in halves (beside.py), in a session
        # During a rebuild: bitmaps of the rows written, stored a chunk at a time.
        self._pending: dict[bits.Key, BitMap] | None = None
        self._newest_chunk: dict[int, int] = {}  # type code -> newest chunk held

    def _cursor(self):  # type: ignore[no-untyped-def]
        return connections[self.using].cursor()

    def write(self, doc_type: DocumentType, docs: list[tuple[int, Tokens]]) -> None:
        self.write_rows(rows_for(doc_type.code, docs), fresh=False)

    def write_rows(self, rows: list[tuple], *, fresh: bool) -> None:  # type: ignore[type-arg]
        """Store rows from `rows_for` and their bitmaps; `fresh` (none of them stored yet)
        loads with COPY."""
        added: dict[bits.Key, BitMap] = rows.bits  # type: ignore[attr-defined]
        with self._cursor() as cursor:
            if fresh:
                with cursor.cursor.copy(
                    f"COPY {TABLE} (kind, object_id, vector, title_vector) FROM STDIN"
                ) as copy:
                    for row in rows:
                        copy.write_row(row)
                if self._pending is not None:
                    self._hold(cursor, added)
                else:
                    _lock(cursor)
                    bits.apply(cursor, added)
                return
            removed: dict[bits.Key, BitMap] = {}
            if rows:
                _lock(cursor)
                removed = _old_bitmaps(cursor, rows[0][0], [r[1] for r in rows])
            cursor.executemany(
                f"INSERT INTO {TABLE} (kind, object_id, vector, title_vector) "
                "VALUES (%s, %s, %s::tsvector, %s::tsvector) ON CONFLICT (kind, object_id) "
                "DO UPDATE SET vector = EXCLUDED.vector, title_vector = EXCLUDED.title_vector",
                rows,
            )
            bits.apply(cursor, added, removed)

    def _hold(self, cursor, added: dict[bits.Key, BitMap]) -> None:  # type: ignore[no-untyped-def]
        """Keep a rebuild's bitmaps; store (COPY) those of chunks no later row can reach:
        the rebuild cleared them, and rows come in id order."""
        assert self._pending is not None
        bits.merge(self._pending, added)
        newest = dict(self._newest_chunk)
        for kind, _, _, chunk in added:
            newest[kind] = max(newest.get(kind, chunk), chunk)
        if newest == self._newest_chunk:  # no new chunk begun: none is done
            return
        self._newest_chunk = newest
        done = {
            key: self._pending.pop(key)
            for key in [k for k in self._pending if k[3] < newest.get(k[0], -1)]
        }
        if done:
            _copy_bits(cursor, done)

    def bulk_start(self) -> None:
        """Before a rebuild: building the GIN index once at the end is many times faster
        than keeping it up to date row by row (the rebuild empties the table anyway).
        Bitmaps are held in memory and stored a chunk of ids at a time."""
        self._pending = {}
        self._newest_chunk = {}
        with self._cursor() as cursor:
            for name in ("vector", "recent", "title", "title_recent"):
                cursor.execute(f"DROP INDEX IF EXISTS {TABLE}_{name}")

    def bulk_end(self) -> None:
        with self._cursor() as cursor:
            if self._pending:
                _copy_bits(cursor, self._pending)
            self._pending = None
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            cursor.execute(RECENT_INDEX)

    def delete(self, doc_type: DocumentType, pks: list[int]) -> None:
        with self._cursor() as cursor:
            _lock(cursor)
            removed = _old_bitmaps(cursor, doc_type.code, pks)
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE kind = %s AND object_id = ANY(%s)",
                [doc_type.code, list(pks)],
            )
            bits.apply(cursor, {}, removed)

    def clear(self, doc_type: DocumentType | None) -> None:
        with self._cursor() as cursor:
            if doc_type is None:
                cursor.execute(f"TRUNCATE {TABLE}, {bits.TABLE}")
                bits.touch(cursor)
            else:
                cursor.execute(f"DELETE FROM {TABLE} WHERE kind = %s", [doc_type.code])
                bits.clear(cursor, doc_type.code)

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

        The newest `window` matches (all of them if there are no more) come from the word
        bitmaps (`bits.Sets`); a commoner query also takes, above them, the newest
        `window` documents with every query word in their title or tags, however old.
        Candidates are ordered by those groups and by a first rank over their title and
        tags alone (the small inline `title_vector`); only the first RANKED (fewer for a
        small window: RANKED_SHARE) are ranked by ts_rank and the boost (words side by
        side), reading their vectors.
        """
        code = doc_type.code
        if never(node):  # "a b -b"
            self._seen[(code, node)] = ([], True)
            return []
        # Enough of the newest matches to rank `window` of them and to tell "more than
        # COUNT_CAP" (searching._count) at once; a query with phrases, whose candidates are
        # checked by reading their vectors, finds no more than that.
        walk = LOSSY_WALK if lossy(node) else max(window + 1, LOSSY_WALK)
        words = plain_words(node)
        plain = words is not None
        words = words if words is not None else positive_words(node)
        with self._cursor() as cursor:
            sets = self._bitsets(cursor, doc_type, node)
            ids = self._newest(cursor, sets, node, walk) if sets is not None else []
            every = len(ids) < walk
            self._seen[(code, node)] = (ids, every)
            if not ids:
                return []
            titled: list[int] = []
            if not every:
                ids = ids[:window]
                assert sets is not None
                titled = self._titled(cursor, sets, node, words, plain, window)
            to_rank = min(max(limit, min(RANKED, max(RANKED_LEAST, int(window * RANKED_SHARE)))),
                          RANKED_MAX)  # fmt: skip
            heads = set(titled)
            rest = [pk for pk in ids if pk not in heads]
            order = chosen = titled + rest
            levelled = None
            if len(order) > max(limit, impacts.RANKED):  # the best by levels, if stored
                assert sets is not None
                levelled = self._levelled(sets, words, titled, rest, max(limit, impacts.RANKED))
            if levelled is not None:
                chosen = levelled
                picked = set(chosen)
                order = chosen + [pk for pk in order if pk not in picked]
            elif len(order) > to_rank:  # no levels stored (migration 0009 not run): first ranks
                assert sets is not None
                first = self._first_ranks(cursor, sets, words, boost, order)
                key = lambda pk: (-first.get(pk, 0.0), -pk)  # noqa: E731
                order = sorted(titled, key=key) + sorted(rest, key=key)
                chosen = order[:to_rank]
            scores = self._scores(cursor, code, node, boost, chosen)
        bonus = dict.fromkeys(titled, TITLE_BONUS)
        ranked = heapq.nsmallest(
            limit, ((-(scores.get(pk, 0.0) + bonus.get(pk, 0.0)), pk) for pk in chosen)
        )
        out = [(pk, -s) for s, pk in ranked]
        if len(out) < limit and len(order) > len(chosen):  # the others, in the same order
            floor = min((s for _, s in out), default=0.0)
            more = order[len(chosen) : len(chosen) + limit - len(out)]
            out += [(pk, floor - (i + 1) * 1e-6) for i, pk in enumerate(more)]
        return out

    def _newest(self, cursor, sets: bits.Sets, node: Node, n: int) -> list[int]:  # type: ignore[no-untyped-def]
        """The newest `n` matches (object ids), newest first, from the bitmaps; the
        candidates of phrases among them checked by their vectors, newest first, in
        batches (`bits._checked`), only as many as needed."""
        checked = sets.pruned(node)  # the same matches, less for each vector to be tested on
        return sets.newest(node, n, lambda pks: self._verify(cursor, sets.kind, checked, pks))

    def _verify(self, cursor, code: int, node: Node, pks: list[int]) -> set[int]:  # type: ignore[no-untyped-def]
        """Which of `pks` match `node`, each looked up by its id and its vector tested
        (never the GIN index: it would find every document with the phrase's words); a
        long list in two halves at once (beside.py)."""
        if not pks:
            return set()
        query = to_tsquery(node)

        def matching(cursor, part: list[int]) -> list[int]:  # type: ignore[no-untyped-def]
            cursor.execute(
                f"SELECT object_id FROM (SELECT object_id, vector FROM {TABLE} WHERE kind = %s "
                "AND object_id = ANY(%s) OFFSET 0) AS maybe WHERE vector @@ %s::tsquery",
                [code, part, query],
            )
            return [pk for (pk,) in cursor.fetchall()]

        halves = beside.in_halves(
            self.using, self.planner_sql, list(pks), matching, split=self.split
        )
        return {pk for half in halves for pk in half}

    def _titled(
        self, cursor, sets: bits.Sets, node: Node, words: list[str], plain: bool, window: int
    ) -> list[int]:  # type: ignore[no-untyped-def]
        """The newest matches with every query word in their title or tags, however old.
        For a query of plain words such a document matches by its title and tags alone;
        otherwise (phrases, exclusions, other readings) the newest VERIFY are checked."""
        if not words:
            return []
        every = Term(words[0]) if len(words) == 1 else All(tuple(Term(w) for w in words))
        heads = sets.newest(every, window, set, field=bits.HEAD)
        if plain or not heads:
            return heads
        heads = heads[:VERIFY]
        sure, maybe = sets.split(node, heads)
        found = sure | self._verify(cursor, sets.kind, node, maybe)
        return [pk for pk in heads if pk in found]

    def _levelled(
        self, sets: bits.Sets, words: list[str], titled: list[int], rest: list[int], n: int
    ) -> list[int] | None:
        """The best `n` candidates by impact levels (`impacts.best`), the title/tag
        matches first; None if the index has no levels. The words are weighted by their
        IDF, as bm25 weighs them (at 100k the judged set's MRR@10 was 0.899 with RANKED
        128, as ranking all, against 0.890 with every word weighing the same, as in
        ts_rank), the commonest left out (LEVEL_IDF_SHARE) unless the others alone have
        no level stored for the group (all at the commonest level, code 0)."""
        if not words:
            return (titled + rest)[:n]
        every = _idf(sets, words) if len(words) > 1 else {words[0]: 1.0}
        top = max(every.values())
        rare = {w: v for w, v in every.items() if v >= LEVEL_IDF_SHARE * top}
        chosen: list[int] = []
        for group in (titled, rest):
            room = n - len(chosen)
            if room <= 0 or not group:
                continue
            if len(group) <= room:
                chosen += group
                continue
            best = None
            for weights in (rare, every) if len(rare) < len(every) else (every,):
                best = impacts.best(sets, weights, group, room)
                if best is not None:
                    break
            if best is None:
                return None
            chosen += best
        return chosen

    def _first_ranks(
        self, cursor, sets: bits.Sets, words: list[str], boost: Node | None, ids: list[int]
    ) -> dict[int, float]:  # type: ignore[no-untyped-def]
        """The first rank of `ids` (see `_title_rank`) from their title vectors: only of
        those with a query word in their title or tags (the title-and-tag bitmaps say
        which); the others rank 0 (no word to rank, no words side by side)."""
        if not words or not ids:
            return {}
        low, high = min(ids) >> bits.CHUNK_SHIFT, max(ids) >> bits.CHUNK_SHIFT
        sets.load(Either(tuple(Term(w) for w in words)), low, high, bits.HEAD)
        titled = BitMap.union(*[sets.word(bits.HEAD, w, low, high) for w in words])
        ids = [pk for pk in ids if pk in titled]
        if not ids:
            return {}
        rank, params = _title_rank(words, boost)
        cursor.execute(
            f"SELECT object_id, {rank} FROM {TABLE} WHERE kind = %s AND object_id = ANY(%s)",
            [*params, sets.kind, ids],
        )
        return {int(pk): float(r) for pk, r in cursor.fetchall()}

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
        """Object ids of the newest matches `top` found in this search, and whether they
        are all the matches, so that counting them through visible_to needs no second
        search. `at_least`: find on to that many newest matches if `top` saw fewer (ids
        only, no ranking). Not permission-checked."""
        found = self._seen.get((doc_type.code, node))
        if found is None:
            return None
        ids, every = found
        if not every and len(ids) < at_least:
            with self._cursor() as cursor:
                sets = self._bitsets(cursor, doc_type, node)
                ids = self._newest(cursor, sets, node, at_least + 1) if sets else []
            every = len(ids) <= at_least
            self._seen[(doc_type.code, node)] = (ids, every)
        return ids, every

    def _bitsets(self, cursor, doc_type: DocumentType, node: Node) -> bits.Sets | None:  # type: ignore[no-untyped-def]
        """This type's bitmaps as this search reads them (None: no document indexed);
        read once per search inside `session`, afresh outside it. The range of ids comes
        with the bitmaps of `node`'s words that a search nearly always reads, in one
        statement: of the newest chunk, and of titles and tags (small) in every chunk."""
        if self._in_session and doc_type.code in self._sets:
            sets = self._sets[doc_type.code]
            if sets is not None:
                sets.cursor = cursor
            return sets
        words = sorted({w for field, w in bits._words(node, bits.ALL) if field == bits.ALL})
        code, shift = doc_type.code, bits.CHUNK_SHIFT
        # Bitmaps the process kept (bits.Cache) are not read again, if the version read
        # with the range of ids says they are current (the range as the last search saw it).
        cache = bits.cache_for(self.using)
        kept, reading = {}, words
        seen = cache.span(code) if cache is not None else None
        if seen is not None:
            keys = _first_read(words, seen[1], seen[2])
            kept = cache.take(seen[0], code, keys)  # type: ignore[union-attr]
            reading = sorted({w for _, w, _ in keys} - {w for _, w, _ in kept})
        cursor.execute(
            f"WITH ids AS (SELECT min(object_id) AS low, max(object_id) AS high FROM {TABLE} "
            f"WHERE kind = %s) SELECT low, high, (SELECT version FROM {bits.VERSION_TABLE} "
            "WHERE id = 1), "
            "NULL::text, NULL::int, NULL::bytea "
            f"FROM ids UNION ALL SELECT NULL, NULL, field, word, chunk, bits FROM {bits.TABLE} "
            "WHERE kind = %s AND field = %s AND word = ANY(%s) "
            "AND chunk = (SELECT high FROM ids) >> %s "
            f"UNION ALL SELECT NULL, NULL, field, word, chunk, bits FROM {bits.TABLE} "
            "WHERE kind = %s AND field = %s AND word = ANY(%s)",
            [code, code, bits.ALL, reading, shift, code, bits.HEAD, reading],
        )
        rows = cursor.fetchall()
        oldest, newest, version = rows[0][:3]
        sets = None
        if oldest is not None:
            first, last = (i >> shift for i in (oldest, newest))
            sets = bits.Sets(cursor, code, first, last, cache, version)
            if seen == (version, first, last):
                sets.given_kept(kept)
            read: dict[tuple[int, str, int], tuple[FrozenBitMap, int]] = {}
            for _, _, field, word, chunk, blob in rows[1:]:
                stored = bytes(blob)
                read[(field, word, chunk)] = (FrozenBitMap.deserialize(stored), len(stored))
            sets.given_read(_first_read(reading, first, last), read)
            if cache is not None:
                cache.spanned(version, code, first, last)
        if self._in_session:
            self._sets[doc_type.code] = sets
        return sets

    @contextmanager
    def session(self) -> Iterator[None]:
        """Planner settings for one search. PostgreSQL underrates the cost of reading
        large (TOASTed) tsvectors and may scan the whole table instead of using an index.
        And a search checks lists of ids against the viewer's visible_to QuerySet
        (`IN (SELECT unnest(array))`, which the planner takes for 200 rows): with hash or
        merge joins allowed it reads every published post's visibility (40 ms at 100k)
        instead of looking up the 1,100 ids by primary key (10 ms). Parallel workers cost
        more to start than the statements of a search take, and so does JIT compilation
        (100-200 ms), which a disabled plan's cost can set off."""
        self._seen.clear()
        self._sets.clear()
        self._in_session = True
        self.split = beside.allowed(self.using)  # before the session's own transaction
        try:
            with transaction.atomic(using=self.using), self._cursor() as cursor:
                cursor.execute(self.planner_sql)
                yield
        finally:
            self._in_session = False
            self.split = False
            self._seen.clear()
            self._sets.clear()

    def size_bytes(self) -> int:
        with self._cursor() as cursor:
            cursor.execute(
                f"SELECT pg_total_relation_size('{TABLE}') + pg_total_relation_size('{bits.TABLE}')"
            )
            return int(cursor.fetchone()[0])

    def optimise(self) -> None:
        """Fresh planner statistics and, outside a transaction, a visibility map: without
        one, "which of these posts may this viewer see" reads each post's row instead of
        the covering index `search_post_visibility`."""
        from chumchon.search import registry

        tables = [TABLE, bits.TABLE, *(t.model._meta.db_table for t in registry.all_types())]
        command = "ANALYZE" if connections[self.using].in_atomic_block else "VACUUM (ANALYZE)"
        with self._cursor() as cursor:
            for table in dict.fromkeys(tables):
                cursor.execute(f"{command} {table}")

    def build_bits(self, *, show: bool = False, batch: int = 5_000) -> int:
        """Build the word bitmaps and impact levels from the stored vectors alone (an index
        made before them, or to repair them): the lexemes of each batch of documents'
        vectors and title vectors, stored a chunk of ids at a time. Returns how many
        bitmaps were stored."""
        with transaction.atomic(using=self.using), self._cursor() as cursor:
            cursor.execute(bits.create("bytea"))
            bits.create_version(cursor)
            cursor.execute(f"TRUNCATE {bits.TABLE}")
            return _build(cursor, show, batch, words=True)

    def build_levels(self, *, show: bool = False, batch: int = 5_000) -> int:
        """Build the impact levels alone from the stored vectors (an index made before
        them: migration 0009). Returns how many bitmaps were stored."""
        with transaction.atomic(using=self.using), self._cursor() as cursor:
            cursor.execute(bits.create("bytea"))
            bits.create_version(cursor)
            impacts.clear(cursor)
            return _build(cursor, show, batch, words=False)


def _build(cursor, show: bool, batch: int, *, words: bool) -> int:  # type: ignore[no-untyped-def]
    """Store the bitmaps (`words`: the word bitmaps too, not only the levels) made from
    every stored vector, in id order, each chunk of ids once it is complete."""
    stored = 0
    cursor.execute(f"SELECT kind, count(*) FROM {TABLE} GROUP BY kind ORDER BY kind")
    kinds = cursor.fetchall()
    desc = "bitmaps" if words else "impact levels"
    with tqdm(total=sum(n for _, n in kinds), unit="doc", desc=desc, disable=not show) as bar:
        for kind, _ in kinds:
            pending: dict[bits.Key, BitMap] = {}
            last = -1
            while True:
                rows = _stored(cursor, kind, after=last, batch=batch)
                if not rows:
                    break
                last = rows[-1][0]
                bits.merge(pending, _bitmaps_of(kind, rows, words=words))
                chunk = last >> bits.CHUNK_SHIFT
                done = {k: pending.pop(k) for k in [k for k in pending if k[3] < chunk]}
                if done:
                    _copy_bits(cursor, done)
                    stored += len(done)
                bar.update(len(rows))
            _copy_bits(cursor, pending)
            stored += len(pending)
    cursor.execute(f"ANALYZE {bits.TABLE}")
    return stored


def _first_read(words: list[str], first: int, last: int) -> list[tuple[int, str, int]]:
    """The (field, word, chunk) bitmaps `_bitsets` reads with the range of ids: every word's
    in the newest chunk, and in its titles and tags in every chunk."""
    return [(bits.ALL, w, last) for w in words] + [
        (bits.HEAD, w, c) for w in words for c in range(first, last + 1)
    ]


def _idf(sets: bits.Sets, words: list[str]) -> dict[str, float]:
    """word -> IDF (`impacts.idf`) from its documents (the bitmaps' counts) among the
    table's rows (the planner's estimate, of every type, as FTS5 counts its rows)."""
    sets.cursor.execute(
        f"SELECT word, sum(n), (SELECT greatest(reltuples, 0)::bigint FROM pg_class "
        f"WHERE oid = '{TABLE}'::regclass) FROM {bits.TABLE} WHERE kind = %s AND field = %s "
        "AND word = ANY(%s) GROUP BY word",
        [sets.kind, bits.ALL, words],
    )
    rows = sets.cursor.fetchall()
    found = {word: int(n) for word, n, _ in rows}
    documents = max([int(rows[0][2]) if rows else 0, 1, *found.values()])
    return {w: impacts.idf(documents, found.get(w, 0)) for w in words}


def _lock(cursor) -> None:  # type: ignore[no-untyped-def]
    """Bitmaps are read, changed and written: writers of the index take turns (until
    their transaction ends), or one would overwrite another's change."""
    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])

"""SQLite FTS5 over pre-segmented text, ranked by bm25() with column weights.

The tokenizer keeps Thai vowel and tone marks inside words (`categories 'L* N* Co M*'`);
the default would split "ไม่" into "ไม" and lose the mark. Words arrive already
segmented and joined by spaces, so FTS5 only has to split on the spaces.

Two tables share the document ids: `search_fts` holds every column, `search_head` only
the title and tags, so "documents with these words in their title or tags" reads short
doclists instead of the body's. Which documents hold which words comes from the word
bitmaps of `chumchon/search/bits.py` (`search_bits`), kept beside them by every write;
FTS5 checks phrases on the few candidates that need it, and bm25 ranks.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import connections, transaction
from django.db.models import QuerySet
from tqdm import tqdm

from chumchon.search import bits, impacts
from chumchon.search.backends import (
    BOOST,
    LOSSY_WALK,
    TITLE_BONUS,
    WEIGHTS,
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
    Without,
    plain_words,
    positive_words,
)
from chumchon.search.registry import CODE_SHIFT, COLUMNS, DocumentType

TABLE = "search_fts"
HEAD = "search_head"
HEAD_COLUMNS = ("title", "tags")
_TOKENIZE = "tokenize = \"unicode61 remove_diacritics 0 categories 'L* N* Co M*'\""
CREATE = f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5({', '.join(COLUMNS)}, {_TOKENIZE})"
CREATE_HEAD = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {HEAD} USING fts5({', '.join(HEAD_COLUMNS)}, {_TOKENIZE})"
)
CREATE_BITS = bits.create("BLOB", " WITHOUT ROWID")
_OBJECT = (1 << CODE_SHIFT) - 1
_STORED = ", ".join(f"c{i}" for i in range(len(COLUMNS)))  # the stored columns' names
_HEAD_MARKS = ", ".join(["%s"] * (len(HEAD_COLUMNS) + 1))

# bm25() starts by reading the whole doclist of every phrase it scores, to count the
# documents that contain it (about 45 ns a document): 40 ms for a word found in most
# of a million posts, whatever the number of rows it then scores. So only phrases found
# in at most DF_MAX documents are scored; a commoner word adds almost the same to every
# full match (its IDF is low), so leaving it out changes the order little. How many
# documents contain a word comes from its bitmaps.
DF_MAX = 40_000
# Title/tag candidates of a query they do not imply: the newest VERIFY are checked
# against it (see `_within`).
VERIFY = 64
# Ids further apart than this on average are checked against a query by reading their
# stored words (about 20-40 µs a document) rather than by a walk of the query's doclists
# over their span (60-100 ns a document for a phrase of common words, at 1M posts).
READ_GAP = 500
# bm25() walks the scored words' doclists twice: whole, to count their documents, then
# over the ids' span (about 0.045 and 0.1 µs a document of the doclists at 1M posts);
# reading the ids' stored words and scoring them in Python costs about 23 µs a document.
# A few ids spread far apart are scored by reading (`_bm25_read`), the same values.
WALK_US, SPAN_US, READ_US = 0.045, 0.1, 23.0
_MARKS = ", ".join(["%s"] * (len(COLUMNS) + 1))
_BM25 = f"bm25({TABLE}, {', '.join(str(WEIGHTS[c]) for c in COLUMNS)})"
_WEIGHTS = tuple(WEIGHTS[c] for c in COLUMNS)


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


class Rows(list):  # type: ignore[type-arg]
    """Rows for `write_rows`, with the word bitmaps of their documents (`bits`), made
    where the rows are made (in reindex's worker processes)."""

    bits: dict[bits.Key, bits.BitMap]


def rows_for(code: int, docs: list[tuple[int, Tokens]]) -> list[tuple]:  # type: ignore[type-arg]
    """The rows `write_rows` inserts; a plain function, so worker processes can make them."""
    base = code << CODE_SHIFT
    rows = Rows((base | pk, *(" ".join(tokens[c]) for c in COLUMNS)) for pk, tokens in docs)
    rows.bits = _bitmaps_of([(code, pk, [tokens[c] for c in COLUMNS]) for pk, tokens in docs])
    return rows


def _bitmaps(rows: list[tuple], words: bool = True) -> dict[bits.Key, bits.BitMap]:  # type: ignore[type-arg]
    """Word bitmaps and impact levels of rows (or of stored columns): FTS5's tokens are
    the stored words between spaces (see `holds_sql`). `words`: False for the levels only."""
    docs = [
        (rowid >> CODE_SHIFT, rowid & _OBJECT, [c.split() if c else [] for c in columns])
        for rowid, *columns in rows
    ]
    return _bitmaps_of(docs, words)


def _bitmaps_of(
    docs: list[tuple[int, int, list[list[str]]]], words: bool = True
) -> dict[bits.Key, bits.BitMap]:
    """Word bitmaps and impact levels of documents given as (kind, object id, tokens of
    each column)."""
    found = bits.collect((kind, pk, _word_sets(c)) for kind, pk, c in docs) if words else {}
    found.update(impacts.collect(docs, _WEIGHTS))
    return found


def _word_sets(columns: list[list[str]]) -> tuple[set[str], set[str]]:
    """(every word, title and tag words)."""
    head = set(columns[0]).union(columns[1])
    return head.union(*columns[2:]), head


class SQLiteBackend:
    rows_for = staticmethod(rows_for)
    planner_sql = ""  # a search's statements need no settings of their own
    # Never in halves (beside.py): SQLite's id-list statements are short (the count 1-2 ms
    # at 1M posts) and split measured no faster (docs/search.md).
    split = False

    def __init__(self, using: str = "default") -> None:
        self.using = using
        # (type code, query) -> the newest matches `top` found, and whether they are all
        # the matches; kept for one search (see `known`).
        self._seen: dict[tuple[int, Node], tuple[list[int], bool]] = {}
        # Type code -> its bitmaps as read in this search (only inside `session`).
        self._sets: dict[int, bits.Sets | None] = {}
        self._in_session = False
        # During a rebuild: bitmaps of the rows written, stored a chunk at a time.
        self._pending: dict[bits.Key, bits.BitMap] | None = None
        self._scanned: dict[int, int] = {}  # type code -> newest chunk when last looked

    def _cursor(self):  # type: ignore[no-untyped-def]
        return connections[self.using].cursor()

    def write(self, doc_type: DocumentType, docs: list[tuple[int, Tokens]]) -> None:
        self.write_rows(rows_for(doc_type.code, docs), fresh=False)

    def write_rows(self, rows: list[tuple], *, fresh: bool) -> None:  # type: ignore[type-arg]
        """Insert rows from `rows_for`; `fresh`: the index holds none of them yet."""
        added = getattr(rows, "bits", None)
        if added is None:
            added = _bitmaps(rows)
        with self._cursor() as cursor:
            if not fresh:
                self._delete_ids(cursor, [r[0] for r in rows], added)
            elif self._pending is not None:
                self._hold(cursor, added)
            else:
                bits.apply(cursor, added)
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, {', '.join(COLUMNS)}) VALUES ({_MARKS})",
                rows,
            )
            cursor.executemany(
                f"INSERT INTO {HEAD} (rowid, {', '.join(HEAD_COLUMNS)}) VALUES ({_HEAD_MARKS})",
                [r[: len(HEAD_COLUMNS) + 1] for r in rows],
            )

    def bulk_start(self) -> None:
        """Before a rebuild: no merging of index segments while rows go in; `optimise`
        merges them all once at the end. Bitmaps are held in memory and stored a chunk
        of ids at a time (rows come in id order)."""
        self._pending = {}
        self._scanned = {}
        with self._cursor() as cursor:
            for table in (TABLE, HEAD):
                cursor.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('automerge', 0)")

    def bulk_end(self) -> None:
        with self._cursor() as cursor:
            if self._pending:
                bits.apply(cursor, self._pending)
            self._pending = None
            for table in (TABLE, HEAD):
                cursor.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('automerge', 4)")

    def _hold(self, cursor, added: dict[bits.Key, bits.BitMap]) -> None:  # type: ignore[no-untyped-def]
        """Keep a rebuild's bitmaps; store those of chunks that no later row can reach."""
        assert self._pending is not None
        bits.merge(self._pending, added)
        newest = {}
        for kind, _, _, chunk in added:
            newest[kind] = max(newest.get(kind, chunk), chunk)
        if newest.items() <= self._scanned.items():
            return  # rows come in id order: no chunk was completed since the last look
        self._scanned.update(newest)
        done = {
            key: self._pending.pop(key)
            for key in [k for k in self._pending if k[3] < newest.get(k[0], -1)]
        }
        if done:
            bits.apply(cursor, done)

    def delete(self, doc_type: DocumentType, pks: list[int]) -> None:
        with self._cursor() as cursor:
            self._delete_ids(cursor, [doc_type.doc_id(pk) for pk in pks])

    def _delete_ids(self, cursor, ids: list[int], added: dict | None = None) -> None:  # type: ignore[no-untyped-def,type-arg]
        """Delete these documents, taking them out of their old words' bitmaps (read from
        the stored words), and put `added` into the bitmaps."""
        removed: dict[bits.Key, bits.BitMap] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            cursor.execute(
                f"SELECT id, {_STORED} FROM {TABLE}_content "
                f"WHERE id IN (SELECT value FROM json_each(%s))",
                [json.dumps(chunk)],
            )
            bits.merge(removed, _bitmaps(cursor.fetchall()))
            marks = ", ".join(["%s"] * len(chunk))
            for table in (TABLE, HEAD):
                cursor.execute(f"DELETE FROM {table} WHERE rowid IN ({marks})", chunk)
        bits.apply(cursor, added or {}, removed)

    def clear(self, doc_type: DocumentType | None) -> None:
        with self._cursor() as cursor:
            if doc_type is None:
                # Dropping is much faster than deleting a million rows one by one.
                for table, create in ((TABLE, CREATE), (HEAD, CREATE_HEAD)):
                    cursor.execute(f"DROP TABLE IF EXISTS {table}")
                    cursor.execute(create)
                bits.clear(cursor, None)
                return
            low, high = doc_type.base, doc_type.base + _OBJECT
            if _count(cursor, low, high) > _count(cursor) / 2:
                # FTS5 reads and tokenises every deleted row again (12 s of CPU for 100k
                # posts): when the type is most of the index, copy the others' rows into
                # new tables instead (the same stored words, tokenised once).
                for table, create, columns in (
                    (TABLE, CREATE, COLUMNS),
                    (HEAD, CREATE_HEAD, HEAD_COLUMNS),
                ):
                    stored = ", ".join(f"c{i}" for i in range(len(columns)))
                    cursor.execute(f"ALTER TABLE {table} RENAME TO {table}_old")
                    cursor.execute(create)
                    cursor.execute(
                        f"INSERT INTO {table} (rowid, {', '.join(columns)}) "
                        f"SELECT id, {stored} FROM {table}_old_content "
                        f"WHERE id NOT BETWEEN %s AND %s ORDER BY id",
                        [low, high],
                    )
                    cursor.execute(f"DROP TABLE {table}_old")
            else:
                for table in (TABLE, HEAD):
                    cursor.execute(
                        f"DELETE FROM {table} WHERE rowid BETWEEN %s AND %s", [low, high]
                    )
            bits.clear(cursor, doc_type.code)

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

    def top(
        self, doc_type: DocumentType, node: Node, boost: Node | None, limit: int, window: int
    ) -> list[tuple[int, float]]:
        """The index's own best `limit` matches as (object id, score), before any
        permission check: callers must pass them through a visible_to QuerySet.

        A query with at most `window` matches is ranked exactly. A commoner one ranks
        the newest `window` of them, and above them the newest `window` documents with
        every query word in their title or tags, however old. A query with phrases finds
        no more than LOSSY_WALK newest matches, as on PostgreSQL: each is checked. Matches
        come from the word bitmaps (`bits.Sets`); FTS5 checks phrases and ranks.
        """
        lo = doc_type.base
        if never(node):  # "a b -b" needs no bitmap either
            self._seen[(doc_type.code, node)] = ([], True)
            return []
        with self._cursor() as cursor:
            sets = self._bitsets(cursor, doc_type)
            if sets is None:
                return []
            leaves = list(dict.fromkeys(_leaves(node)))
            found = _document_counts(sets, [t.word for t in leaves])
            walk = LOSSY_WALK if lossy(node) else window + 1
            ids = _newest(cursor, sets, node, lo, walk)
            every = len(ids) < walk
            if not ids:
                self._seen[(doc_type.code, node)] = ([], True)
                return []
            self._seen[(doc_type.code, node)] = (ids, every)
            titled: list[int] = []
            if not every:
                ids = ids[:window]
                titled = _titled(cursor, sets, node, lo, window)
            if boost in (node, getattr(node, "positive", None)):
                boost = None  # every match has its words side by side: nothing to tell apart
            scored = _affordable(leaves, found)
            ranked = _ranked(cursor, sets, scored, found, boost, ids, titled, lo, limit)
        return ranked

    def known(
        self, doc_type: DocumentType, node: Node, at_least: int = 0
    ) -> tuple[list[int], bool] | None:
        """Object ids of the newest matches `top` walked in this search, and whether they
        are all the matches, so that counting them through visible_to needs no second
        walk of the index. `at_least`: walk on to that many newest matches if `top` saw
        fewer (rowids only, no ranking). Not permission-checked."""
        found = self._seen.get((doc_type.code, node))
        if found is None:
            return None
        ids, every = found
        base = doc_type.base
        if not every and len(ids) < at_least:
            with self._cursor() as cursor:
                sets = self._bitsets(cursor, doc_type)
                ids = _newest(cursor, sets, node, base, at_least + 1) if sets else []
            every = len(ids) <= at_least
            self._seen[(doc_type.code, node)] = (ids, every)
        return [pk - base for pk in ids], every

    def _bitsets(self, cursor, doc_type: DocumentType) -> bits.Sets | None:  # type: ignore[no-untyped-def]
        """This type's bitmaps as this search reads them (None: no document indexed);
        read once per search inside `session`, afresh outside it."""
        if self._in_session and doc_type.code in self._sets:
            sets = self._sets[doc_type.code]
            if sets is not None:
                sets.cursor = cursor
            return sets
        lo, hi = doc_type.base, doc_type.base + (1 << CODE_SHIFT) - 1
        cursor.execute(
            f"SELECT (SELECT id FROM {TABLE}_content WHERE id BETWEEN %s AND %s ORDER BY id "
            f"LIMIT 1), (SELECT id FROM {TABLE}_content WHERE id BETWEEN %s AND %s ORDER BY id "
            f"DESC LIMIT 1), (SELECT version FROM {bits.VERSION_TABLE} WHERE id = 1)",
            [lo, hi, lo, hi],
        )
        oldest, newest, version = cursor.fetchone()
        sets = None
        if oldest is not None:
            first, last = ((i - lo) >> bits.CHUNK_SHIFT for i in (oldest, newest))
            cache = bits.cache_for(self.using)
            sets = bits.Sets(cursor, doc_type.code, first, last, cache, version)
        if self._in_session:
            self._sets[doc_type.code] = sets
        return sets

    @contextmanager
    def session(self) -> Iterator[None]:
        self._seen.clear()
        self._sets.clear()
        self._in_session = True
        try:
            yield
        finally:
            self._in_session = False
            self._seen.clear()
            self._sets.clear()

    def size_bytes(self) -> int:
        with self._cursor() as cursor:
            cursor.execute(
                f"SELECT COALESCE(SUM(pgsize), 0) FROM dbstat "
                f"WHERE name LIKE '{TABLE}%' OR name LIKE '{HEAD}%' OR name = '{bits.TABLE}'"
            )
            return int(cursor.fetchone()[0])

    def optimise(self) -> None:
        with self._cursor() as cursor:
            for table in (TABLE, HEAD):
                cursor.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
            # Without statistics SQLite may read "id IN (…) AND status = …" through the
            # status index, scanning every published post instead of the few ids.
            cursor.execute("ANALYZE")

    def build_bits(self, *, show: bool = False) -> int:
        """Build the word bitmaps from the FTS5 index alone (an index made before them,
        or to repair them): each word's documents read from its doclist, a few minutes
        at 1M posts instead of a rebuild. Returns how many bitmaps were stored."""
        stored = 0
        with transaction.atomic(using=self.using), self._cursor() as cursor:
            cursor.execute(CREATE_BITS)
            bits.create_version(cursor)
            bits.clear(cursor, None)
            kinds = _kinds(cursor)
            for field, table in ((bits.ALL, TABLE), (bits.HEAD, HEAD)):
                vocab = f"{table}_words"
                cursor.execute(
                    f"CREATE VIRTUAL TABLE temp.{vocab} USING fts5vocab(main, {table}, 'row')"
                )
                cursor.execute(f"SELECT term FROM temp.{vocab}")
                terms = [t for (t,) in cursor.fetchall()]
                cursor.execute(f"DROP TABLE temp.{vocab}")
                todo = [(kind, term) for kind in kinds for term in terms]
                for kind, term in tqdm(todo, desc=f"bitmaps of {table}", disable=not show):
                    base = kind << CODE_SHIFT
                    cursor.execute(
                        f"SELECT group_concat(rowid - %s) FROM {table} WHERE {table} MATCH %s "
                        f"AND rowid BETWEEN %s AND %s",
                        [base, to_fts5(Term(term)), base, base + _OBJECT],
                    )
                    (found,) = cursor.fetchone()
                    if found:
                        rows = bits.chunked(
                            kind, field, term, bits.BitMap(map(int, found.split(",")))
                        )
                        bits.store(cursor, rows)
                        stored += len(rows)
            stored += _build_levels(cursor, show)
        return stored

    def build_levels(self, *, show: bool = False) -> int:
        """Build the impact levels (`impacts.py`) of an index made before them from the
        words FTS5 stores for each document (no segmentation). Returns the bitmaps stored."""
        with transaction.atomic(using=self.using), self._cursor() as cursor:
            cursor.execute(CREATE_BITS)
            bits.create_version(cursor)
            return _build_levels(cursor, show)


def _build_levels(cursor, show: bool, batch: int = 2_000) -> int:  # type: ignore[no-untyped-def]
    """Replace every impact level bitmap by levels made from the stored words, reading
    the documents in id order and storing each chunk of ids once it is complete."""
    impacts.clear(cursor)
    pending: dict[bits.Key, bits.BitMap] = {}
    stored, last, chunk = 0, -1, (-1, -1)
    with tqdm(total=_documents(cursor), unit="doc", desc="impact levels", disable=not show) as bar:
        while True:
            cursor.execute(
                f"SELECT id, {_STORED} FROM {TABLE}_content WHERE id > %s ORDER BY id LIMIT %s",
                [last, batch],
            )
            rows = cursor.fetchall()
            if rows:
                last = rows[-1][0]
                at = (last >> CODE_SHIFT, (last & _OBJECT) >> bits.CHUNK_SHIFT)
                bits.merge(pending, _bitmaps(rows, words=False))
                bar.update(len(rows))
            if not rows or at != chunk:  # later rows lie in `at` or after it
                done = {k: v for k, v in pending.items() if not rows or (k[0], k[3]) < at}
                bits.store(cursor, done)
                stored += len(done)
                for key in done:
                    del pending[key]
                chunk = at if rows else chunk
            if not rows:
                return stored


def _count(cursor, low: int = 0, high: int = -1) -> int:  # type: ignore[no-untyped-def]
    """Documents in the index (with ids between `low` and `high`, if given)."""
    where = "WHERE id BETWEEN %s AND %s" if high >= 0 else ""
    cursor.execute(f"SELECT COUNT(*) FROM {TABLE}_docsize {where}", [low, high] if where else [])
    return int(cursor.fetchone()[0])


def holds_documents(cursor) -> bool:  # type: ignore[no-untyped-def]
    """Whether the FTS5 index exists and holds any document (migrations that build from
    it have nothing to do otherwise)."""
    cursor.execute(f"SELECT 1 FROM sqlite_master WHERE name = '{TABLE}_content'")
    if not cursor.fetchone():
        return False
    cursor.execute(f"SELECT 1 FROM {TABLE}_content LIMIT 1")
    return cursor.fetchone() is not None


def _kinds(cursor) -> list[int]:  # type: ignore[no-untyped-def]
    """The type codes with documents in the index."""
    kinds: list[int] = []
    start = 0
    while True:
        cursor.execute(
            f"SELECT id FROM {TABLE}_content WHERE id >= %s ORDER BY id LIMIT 1", [start]
        )
        row = cursor.fetchone()
        if row is None:
            return kinds
        kinds.append(row[0] >> CODE_SHIFT)
        start = (kinds[-1] + 1) << CODE_SHIFT


def _newest(cursor, sets: bits.Sets, node: Node, lo: int, limit: int) -> list[int]:  # type: ignore[no-untyped-def]
    """The newest `limit` matching rowids, newest first, from the word bitmaps; the
    phrase candidates among them are checked by FTS5 or their stored words (`_within`),
    newest first, only as many as needed."""

    checked = sets.pruned(node)  # the same matches, less to check

    def verify(pks: list[int]) -> set[int]:
        # At most bits.CHECK_MAX candidates, maybe far from any match: their stored words
        # (FTS5 would walk on past them to its next match, which may be far).
        ids = [lo + pk for pk in pks]
        if _readable(checked):
            return {i - lo for i in _stored_matches(cursor, checked, ids, len(COLUMNS))}
        return {i - lo for i in _within(cursor, TABLE, checked, ids)}

    def walk(low: int, high: int, n: int) -> list[int]:
        # FTS5 stops a walk only at a match, so it walks newest first and stops after n.
        cursor.execute(
            f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid BETWEEN %s AND %s "
            f"ORDER BY rowid DESC LIMIT %s",
            [to_fts5(checked), lo + low, lo + high, n],
        )
        return [r - lo for (r,) in cursor.fetchall()]

    return [lo + pk for pk in sets.newest(node, limit, verify, walk)]


def _ranked(  # type: ignore[no-untyped-def]
    cursor,
    sets: bits.Sets,
    scored: Node | None,
    found: dict[str, float],
    boost: Node | None,
    ids: list[int],
    titled: list[int],
    lo: int,
    limit: int,
) -> list[tuple[int, float]]:
    """The best `limit` of the newest matches `ids` and the title/tag matches `titled`
    (rowids), as (object id, score), in four groups: the words side by side (`boost`)
    and in the title or tags, side by side, in the title or tags, the rest; bm25 orders
    each group.

    Each set is scored first (`_best`) and the boost checked in that order, a batch at a
    time, only until the page's groups are known: the boost check (a walk of the phrase,
    or the stored words of documents far apart, 15 µs each) of every one of 2,000 matches
    cost more than scoring them, and a page usually needs a few dozen."""
    newest = set(ids)
    heads = set(titled)
    rest = [pk for pk in ids if pk not in heads]

    def head_check(batch: list[int]) -> set[int]:
        # a title/tag match has its words side by side in its title or tags or, if it is
        # among the newest matches, anywhere in it
        found = _checked(cursor, sets, HEAD, boost, batch, lo) if boost else set()
        also = [pk for pk in batch if pk in newest and pk not in found]
        return found | (_checked(cursor, sets, TABLE, boost, also, lo) if also else set())

    def rest_check(batch: list[int]) -> set[int]:
        return _checked(cursor, sets, TABLE, boost, batch, lo) if boost else set()

    def score(batch: list[int]) -> list[tuple[int, float]]:
        return _scored(cursor, sets, scored, found, batch) if scored is not None else []

    ranked: list[tuple[int, float]] = []
    later: list[tuple[float, list[tuple[int, float]]]] = []  # groups without the boost
    for bonus, members, check in ((TITLE_BONUS, titled, head_check), (0.0, rest, rest_check)):
        waiting = sum(len(order) for _, order in later) if boost is None else 0
        need = limit - len(ranked) - waiting
        if need <= 0:
            break
        if not members:
            continue
        best = _best(sets, scored, found, score, members, lo, max(need, impacts.RANKED))
        if boost is None:
            later.append((bonus, best))
            continue
        boosted, full = _boosted_first(best, check, need)
        ranked += [(pk, BOOST + bonus + s) for pk, s in boosted]
        if full:  # the page is full of boosted matches
            break
        taken = {pk for pk, _ in boosted}
        later.append((bonus, [(pk, s) for pk, s in best if pk not in taken]))
    for bonus, order in later:
        ranked += [(pk, bonus + s) for pk, s in order[: max(0, limit - len(ranked))]]
    return [(pk - lo, s) for pk, s in ranked[:limit]]


def _best(
    sets: bits.Sets,
    scored: Node | None,
    found: dict[str, float],
    score: Callable[[list[int]], list[tuple[int, float]]],
    members: list[int],
    lo: int,
    n: int,
) -> list[tuple[int, float]]:
    """The best `n` of `members` (rowids, newest first) as (rowid, bm25), best first. A
    set of more than `n` is narrowed by impact levels first (`_approximate`) and bm25
    ranks only the best of it: each bm25 statement costs 2-20 ms whatever its size (it
    counts the words' documents and walks their doclists over the ids' span). The others
    never reach the page: there are at least `n` better ones. Unscored (every word too
    common), all of them, lowest rowid first."""
    if scored is None:  # every score is 0: lowest rowid first
        return [(pk, 0.0) for pk in reversed(members)]
    chosen = members if len(members) <= n else _approximate(sets, scored, found, members, lo, n)
    return score(chosen)


def _scored(  # type: ignore[no-untyped-def]
    cursor, sets: bits.Sets, scored: Node, found: dict[str, float], ids: list[int]
) -> list[tuple[int, float]]:
    """`ids` (rowids) as (rowid, bm25), best first, ties to the lowest rowid: by FTS5, or
    from their stored words when FTS5's walks of the words' doclists (`found`: how many
    documents of the type hold each word) would cost more (see READ_US)."""
    span = (max(ids) - min(ids)) / ((sets.last - sets.first + 1) << bits.CHUNK_SHIFT)
    walked = sum(found.get(t.word, 0.0) for t in _leaves(scored)) * (WALK_US + SPAN_US * span)
    get = (_bm25_read if READ_US * len(ids) < walked else _bm25)(cursor, scored, ids).get
    return [(pk, -s) for s, pk in sorted([(-get(pk, 0.0), pk) for pk in ids])]


def _boosted_first(
    best: list[tuple[int, float]], check: Callable[[list[int]], set[int]], need: int
) -> tuple[list[tuple[int, float]], bool]:
    """The best `need` boosted members of `best` (best first), and whether the page is
    full of boosted ones (then nothing else of the group is shown).

    `best` is checked a few at a time, best first, until `need` are found. As on
    PostgreSQL, the boost (the words side by side) is looked for among a group's best
    by levels only, as a search engine rescores its top hits with a phrase: checking
    every other member of a group spread over the whole index (the stored words of
    1,000-2,000 documents, 15-30 ms at 1M posts) found a few more, at the bottom of
    bm25's order."""
    found: list[tuple[int, float]] = []
    size, at = max(64, 2 * need), 0
    while at < len(best) and len(found) < need:
        part = best[at : at + size]
        good = check([pk for pk, _ in part])
        found += [(pk, s) for pk, s in part if pk in good]
        at, size = at + len(part), size * 4
    return found[:need], len(found) >= need and (at < len(best) or len(found) > need)


def _checked(cursor, sets: bits.Sets, table: str, node: Node, ids: list[int], lo: int) -> set[int]:  # type: ignore[no-untyped-def]
    """Which of `ids` (rowids) match `node` in `table`: the bitmaps settle the ones that
    surely match or cannot; FTS5 or the stored words check the rest (`_within`)."""
    field = bits.HEAD if table == HEAD else bits.ALL
    sure, maybe = sets.split(node, [i - lo for i in ids], field)
    found = {lo + pk for pk in sure}
    if maybe:
        found |= _within(cursor, table, node, [lo + pk for pk in maybe])
    return found


def _within(cursor, table: str, node: Node, ids: list[int]) -> set[int]:  # type: ignore[no-untyped-def]
    """Which of `ids` match `node`: one walk of its doclists from the lowest id to the
    highest or, when the ids lie far apart (on average more than READ_GAP documents),
    their stored words read and matched by SQLite (see `holds_sql`). FTS5 stops neither a walk
    nor a lookup by rowid before it finds the next match, so a walk over a wide span of
    a phrase of common words, or lookups of it one by one, cost far more than reading
    a few hundred rows."""
    if not ids:
        return set()
    low, high = min(ids), max(ids)
    if high - low > READ_GAP * len(ids) and _readable(node):
        return _stored_matches(cursor, node, ids, len(HEAD_COLUMNS if table == HEAD else COLUMNS))
    cursor.execute(
        f"SELECT rowid FROM {table} WHERE {table} MATCH %s AND rowid BETWEEN %s AND %s "
        f"AND +rowid IN (SELECT value FROM json_each(%s))",
        [to_fts5(node), low, high, json.dumps(ids)],
    )
    return {r for (r,) in cursor.fetchall()}


def _readable(node: Node) -> bool:
    if isinstance(node, Term | Phrase):
        return True
    if isinstance(node, All | Either):
        return all(_readable(c) for c in node.children)
    if isinstance(node, Without):
        return _readable(node.positive) and _readable(node.negative)
    return False


def _stored_matches(cursor, node: Node, ids: list[int], columns: int) -> set[int]:  # type: ignore[no-untyped-def]
    """Which of `ids` match `node`, from the words FTS5 stores for them (the first
    `columns` columns: 2 for `search_head`, whose title and tags are the same text),
    matched inside SQLite (`holds_sql`): handing each document's text to Python cost
    twice as much as the match itself."""
    padded = ", ".join(f"' ' || ifnull(c{i}, '') || ' ' AS p{i}" for i in range(columns))
    condition, params = holds_sql(node, [f"p{i}" for i in range(columns)])
    # LIMIT keeps the inner query a subquery of its own, so each column is padded once.
    cursor.execute(
        f"SELECT id FROM (SELECT id, {padded} FROM {TABLE}_content "
        f"WHERE id IN (SELECT value FROM json_each(%s)) LIMIT -1) WHERE {condition}",
        [json.dumps(ids), *params],
    )
    return {pk for (pk,) in cursor.fetchall()}


def holds_sql(node: Node, columns: list[str]) -> tuple[str, list[str]]:
    """SQL that is true for a document whose `columns` (stored words between single
    spaces, padded with one) match `node`. The stored words are already FTS5's tokens:
    segmentation splits words at every character FTS5's tokenizer separates on
    (`thai.words_of`), and both sides are normalised, so a phrase is its words side by
    side in one column."""
    if isinstance(node, Term | Phrase):
        words = (node.word,) if isinstance(node, Term) else node.words
        needle = f" {' '.join(words)} "
        return "(" + " OR ".join(f"instr({c}, %s)" for c in columns) + ")", [needle] * len(columns)
    if isinstance(node, All | Either):
        parts = [holds_sql(c, columns) for c in node.children]
        joiner = " AND " if isinstance(node, All) else " OR "
        return "(" + joiner.join(sql for sql, _ in parts) + ")", [p for _, ps in parts for p in ps]
    if isinstance(node, Without):
        (positive, kept), (negative, dropped) = (
            holds_sql(node.positive, columns),
            holds_sql(node.negative, columns),
        )
        return f"({positive} AND NOT {negative})", [*kept, *dropped]
    raise TypeError(node)


def _titled(cursor, sets: bits.Sets, node: Node, lo: int, window: int) -> list[int]:  # type: ignore[no-untyped-def]
    """The newest matches of `node` with every one of its words in their title or tags.

    For a query of plain words such a document matches by its title and tags alone;
    otherwise (phrases, exclusions, other readings) the newest few are checked."""
    plain = plain_words(node)
    words = plain if plain is not None else positive_words(node)
    if not words:
        return []
    every = Term(words[0]) if len(words) == 1 else All(tuple(Term(w) for w in words))
    heads = [lo + pk for pk in sets.newest(every, window, set, field=bits.HEAD)]
    if plain is not None or not heads:
        return heads
    heads = heads[:VERIFY]
    found = _checked(cursor, sets, TABLE, node, heads, lo)
    return [pk for pk in heads if pk in found]


def _leaves(node: Node) -> list[Term]:
    """The words a matching document may contain (not the excluded ones). A phrase is
    scored by its words: bm25 would look for the phrase in every document with its
    rarest word, and words side by side are rewarded by the boost instead."""
    if isinstance(node, Term):
        return [node]
    if isinstance(node, Phrase):
        return [Term(w) for w in node.words]
    if isinstance(node, All | Either):
        return list(dict.fromkeys(leaf for c in node.children for leaf in _leaves(c)))
    if isinstance(node, Without):
        return _leaves(node.positive)
    return []


def _document_counts(sets: bits.Sets, words: list[str]) -> dict[str, float]:
    """How many documents of the type contain each word (exact, from the bitmaps)."""
    return {w: float(n) for w, n in sets.counts(words).items()}


def _affordable(leaves: list[Term], found: dict[str, float]) -> Node | None:
    """The query's words that bm25 can afford to score (see DF_MAX), as one expression."""
    rare = [t for t in leaves if found.get(t.word, 0.0) <= DF_MAX]
    if not rare:
        return None
    return Either(tuple(rare)) if len(rare) > 1 else rare[0]


def _approximate(
    sets: bits.Sets, scored: Node, found: dict[str, float], members: list[int], lo: int, room: int
) -> list[int]:
    """The best of a big group (rowids, newest first) by impact levels, for bm25 to rank:
    RANKED of them, or `room` if more are needed; all of them if the levels cannot tell."""
    documents = _documents(sets.cursor)
    weights = {t.word: impacts.idf(documents, int(found[t.word])) for t in _leaves(scored)}
    chosen = impacts.best(sets, weights, [pk - lo for pk in members], max(room, impacts.RANKED))
    return members if chosen is None else [lo + pk for pk in chosen]


def _documents(cursor) -> int:  # type: ignore[no-untyped-def]
    """How many rows FTS5 holds (of every type), as its bm25 counts them."""
    return _averages(cursor)[0]


def _averages(cursor) -> tuple[int, float]:  # type: ignore[no-untyped-def]
    """FTS5's row count and average tokens a row (every column), as its bm25 counts
    them: the varints of its averages record (rowid 1 of the `_data` table), the rows
    and then each column's total."""
    cursor.execute(f"SELECT block FROM {TABLE}_data WHERE id = 1")
    row = cursor.fetchone()
    values, value = [], 0
    for byte in bytes(row[0]) if row else b"":
        value = value << 7 | byte & 0x7F
        if not byte & 0x80:
            values.append(value)
            value = 0
    if not values or not values[0]:
        return 0, 0.0
    return values[0], sum(values[1 : 1 + len(COLUMNS)]) / values[0]


def _bm25_read(cursor, scored: Node, ids: list[int]) -> dict[int, float]:  # type: ignore[no-untyped-def]
    """`_bm25` from the ids' stored words (FTS5's tokens between single spaces): FTS5's
    formula with its weights, row count, average length and IDFs over every type (from
    the bitmaps' exact counts), so the same values to the last bits of a float."""
    words = [t.word for t in _leaves(scored)]
    documents, average = _averages(cursor)
    holding = dict.fromkeys(words, 0)
    for kind in _kinds(cursor):
        for word, n in bits.counts(cursor, kind, words).items():
            holding[word] += n
    idf = {w: impacts.idf(documents, n) for w, n in holding.items()}
    k1, b = impacts.K1, impacts.B
    cursor.execute(
        f"SELECT id, {_STORED} FROM {TABLE}_content WHERE id IN (SELECT value FROM json_each(%s))",
        [json.dumps(ids)],
    )
    scores: dict[int, float] = {}
    for pk, *columns in cursor.fetchall():
        norm = k1 * (1 - b + b * sum(c.count(" ") + 1 for c in columns if c) / average)
        score = 0.0
        spaced: dict[int, str] = {}  # a column with its spaces doubled, so that " w " counts
        for word in words:  # every mention, next to each other or not
            f = 0.0
            for i, (weight, text) in enumerate(zip(_WEIGHTS, columns, strict=True)):
                if text and word in text:
                    if i not in spaced:
                        spaced[i] = f" {text.replace(' ', '  ')} "
                    f += weight * spaced[i].count(f" {word} ")
            if f:
                score += idf[word] * f * (k1 + 1) / (f + norm)
        if score:
            scores[pk] = score
    return scores


def _bm25(cursor, scored: Node, ids: list[int]) -> dict[int, float]:  # type: ignore[no-untyped-def]
    """bm25 (higher is better) of `ids` over `scored`; a document without any of its
    words scores 0."""
    cursor.execute(
        f"SELECT rowid, -{_BM25} FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid BETWEEN %s "
        f"AND %s AND +rowid IN (SELECT value FROM json_each(%s))",
        [to_fts5(scored), min(ids), max(ids), json.dumps(ids)],
    )
    return dict(cursor.fetchall())

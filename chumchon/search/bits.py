"""Word → documents as Roaring bitmaps (Meilisearch's design), beside the full-text index.

FTS5 cannot skip: a rare combination of common words ("a AND b", each in most documents)
walks both doclists to the end to find its few matches, and bm25 reads a word's whole
doclist to count its documents. Here each word's documents are a compressed bitmap of
object ids, so "which documents hold all of these words" is set algebra on a few
kilobytes, newest first, and a word's document count is a sum of stored counts.

Rows of `search_bits`: (document type code, field, word, chunk of ids, count, bitmap).
`field` is ALL (every column) or HEAD (title and tags). A chunk holds the ids
`chunk << CHUNK_SHIFT` up to the next chunk, so a write rewrites a few kilobytes per word
and a common query reads only the newest chunk. Plain SQL: it runs on SQLite and, with
`bytea` for the bitmap, on PostgreSQL (which does not use it yet).

A term, AND, OR and NOT are exact set algebra; a phrase's bitmap (all of its words
somewhere in the document) is a superset, so an expression gives two sets, the
documents that surely match and those that may (`Sets.evaluate`). A few "maybe"
candidates are checked one by one (`verify`); many are left to one walk of the full-text
index over their span, newest first, which stops after the matches needed (`walk`).

Each process keeps the bitmaps it decoded between searches (`Cache`), valid while
`search_bits_version` holds the version they were read at: every write replaces it (`touch`).

Word pairs (Meilisearch's proximity bitmaps, which would make a two-word phrase exact)
were measured and left out: making them in Python costs about 100-200 µs of CPU a post,
too much for the indexing target (see docs/search.md, "Fifth round"). Hashed pair
buckets (16,384 of them, made with map/xor/set) were built and measured in the eighth
round: they halve the slowest tenth of PostgreSQL's queries at 1M but move the p95 by
6 % and cost 0.2-0.35 ms of CPU a post at indexing (docs/search.md, "Eighth round:
word-pair buckets"; the code is commit 240e636 in this history, reverted by 62671ee).
"""

from __future__ import annotations

import math
import secrets
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import repeat

from pyroaring import BitMap, FrozenBitMap

from chumchon.search.query import All, Either, InTitle, Node, Phrase, Term, Without

TABLE = "search_bits"
# One row: a random version that every write of `search_bits` replaces (`touch`), so that
# the searches of every process know when the bitmaps they keep (`Cache`) are stale.
VERSION_TABLE = "search_bits_version"
ALL, HEAD = 0, 1
FIELDS = (ALL, HEAD)
# More "maybe" candidates than this are left to one walk of the full-text index.
CHECK_MAX = 256
CHUNK_SHIFT = 16

Key = tuple[int, int, str, int]  # kind, field, word, chunk
Verify = Callable[[list[int]], set[int]]
Walk = Callable[[int, int, int], list[int]]  # (lowest id, highest id, n) -> newest n matches


def create(blob: str = "BLOB", suffix: str = "") -> str:
    """The table's DDL (`bytea` and no suffix on PostgreSQL; " WITHOUT ROWID" on SQLite)."""
    return (
        f"CREATE TABLE IF NOT EXISTS {TABLE} (kind INTEGER NOT NULL, field INTEGER NOT NULL, "
        f"word TEXT NOT NULL, chunk INTEGER NOT NULL, n INTEGER NOT NULL, bits {blob} NOT NULL, "
        f"PRIMARY KEY (kind, field, word, chunk)){suffix}"
    )


def collect(docs: Iterable[tuple[int, int, tuple[set[str], ...]]]) -> dict[Key, BitMap]:
    """Bitmaps of documents given as (kind, object id, their words of each field)."""
    return collect_fields((kind, pk, zip(FIELDS, found, strict=True)) for kind, pk, found in docs)


def collect_fields(
    docs: Iterable[tuple[int, int, Iterable[tuple[int, Iterable[str]]]]],
) -> dict[Key, BitMap]:
    """Bitmaps of documents given as (kind, object id, (field, words) pairs): the word
    bitmaps (`collect`) and the impact levels' (`impacts.collect`)."""
    lists: dict[tuple[int, int, int], defaultdict[str, list[int]]] = {}
    for kind, pk, fields in docs:
        chunk = pk >> CHUNK_SHIFT
        for field, words in fields:
            into = lists.get((kind, field, chunk))
            if into is None:
                into = lists[(kind, field, chunk)] = defaultdict(list)
            # list.append over the words' lists, all in C: about 3 times faster than a loop
            any(map(list.append, map(into.__getitem__, words), repeat(pk)))
    return {
        (kind, field, word, chunk): BitMap(pks)
        for (kind, field, chunk), found in lists.items()
        for word, pks in found.items()
    }


def create_version(cursor) -> None:  # type: ignore[no-untyped-def]
    """Make the version table and its one row (`touch`), if they are not there."""
    cursor.execute(
        f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (id INTEGER PRIMARY KEY, version BIGINT "
        f"NOT NULL)"
    )
    cursor.execute(
        f"INSERT INTO {VERSION_TABLE} (id, version) SELECT 1, %s WHERE NOT EXISTS "
        f"(SELECT 1 FROM {VERSION_TABLE})",
        [_new_version()],
    )


def _new_version() -> int:
    return secrets.randbits(62) + 1


def touch(cursor) -> None:  # type: ignore[no-untyped-def]
    """Give the bitmaps a new version, after writing them (in the same transaction): the
    processes' caches (`Cache`) drop what they kept. Random, not counted up: a version
    seen inside a transaction that was rolled back must never come back with other
    bitmaps (a cache would take the old ones for current), nor may two databases share
    one (a new one starts at a random version too)."""
    cursor.execute(f"UPDATE {VERSION_TABLE} SET version = %s", [_new_version()])


def clear_fields(cursor, fields: Sequence[int]) -> None:  # type: ignore[no-untyped-def]
    """Delete every bitmap of these fields (of every kind)."""
    marks = ", ".join(["%s"] * len(fields))
    cursor.execute(f"DELETE FROM {TABLE} WHERE field IN ({marks})", list(fields))
    touch(cursor)


def merge(into: dict[Key, BitMap], more: dict[Key, BitMap]) -> None:
    for key, bits in more.items():
        had = into.get(key)
        if had is None:
            into[key] = bits
        else:
            had |= bits


def apply(cursor, add: dict[Key, BitMap], remove: dict[Key, BitMap] | None = None) -> None:  # type: ignore[no-untyped-def]
    """Take `remove` out of the stored bitmaps, then put `add` in (read, change, write)."""
    remove = remove or {}
    groups: defaultdict[tuple[int, int, int], set[str]] = defaultdict(set)
    for kind, field, word, chunk in (*add, *remove):
        groups[(kind, field, chunk)].add(word)
    changed: dict[Key, BitMap] = {}
    gone: list[Key] = []
    for (kind, field, chunk), words in groups.items():
        stored = _read(cursor, kind, [field], sorted(words), chunk, chunk)
        for word in words:
            key = (kind, field, word, chunk)
            bits = stored.get((field, word, chunk), BitMap())
            if key in remove:
                bits -= remove[key]
            if key in add:
                bits |= add[key]
            if bits:
                changed[key] = bits
            elif (field, word, chunk) in stored:
                gone.append(key)
    _write(cursor, changed)
    if gone:
        cursor.executemany(
            f"DELETE FROM {TABLE} WHERE kind = %s AND field = %s AND word = %s AND chunk = %s",
            gone,
        )
    if changed or gone:
        touch(cursor)


def store(cursor, found: dict[Key, BitMap]) -> None:  # type: ignore[no-untyped-def]
    """Write these bitmaps over the stored ones."""
    if _write(cursor, found):
        touch(cursor)


def _write(cursor, found: dict[Key, BitMap]) -> bool:  # type: ignore[no-untyped-def]
    """Write these bitmaps over the stored ones; whether there were any."""
    rows = []
    for (kind, field, word, chunk), bits in found.items():
        bits.run_optimize()
        rows.append((kind, field, word, chunk, len(bits), bits.serialize()))
    if rows:
        cursor.executemany(
            f"INSERT INTO {TABLE} (kind, field, word, chunk, n, bits) "
            f"VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (kind, field, word, chunk) "
            f"DO UPDATE SET n = excluded.n, bits = excluded.bits",
            rows,
        )
    return bool(rows)


def chunked(kind: int, field: int, word: str, pks: BitMap) -> dict[Key, BitMap]:
    """One word's documents (object ids) as the rows of their chunks."""
    found: dict[Key, BitMap] = {}
    if not pks:
        return found
    for chunk in range(pks.min() >> CHUNK_SHIFT, (pks.max() >> CHUNK_SHIFT) + 1):
        span = BitMap()
        span.add_range(chunk << CHUNK_SHIFT, (chunk + 1) << CHUNK_SHIFT)
        part = pks & span
        if part:
            found[(kind, field, word, chunk)] = part
    return found


def clear(cursor, kind: int | None) -> None:  # type: ignore[no-untyped-def]
    if kind is None:
        cursor.execute(f"DELETE FROM {TABLE}")
    else:
        cursor.execute(f"DELETE FROM {TABLE} WHERE kind = %s", [kind])
    touch(cursor)


def counts(cursor, kind: int, words: Sequence[str], field: int = ALL) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """How many documents of this kind contain each word (exact)."""
    if not words:
        return {}
    marks = ", ".join(["%s"] * len(words))
    cursor.execute(
        f"SELECT word, SUM(n) FROM {TABLE} WHERE kind = %s AND field = %s AND word IN ({marks}) "
        f"GROUP BY word",
        [kind, field, *words],
    )
    found = {w: int(n) for w, n in cursor.fetchall()}
    return {w: found.get(w, 0) for w in words}


def _read(cursor, kind: int, fields: Sequence[int], words: Sequence[str], low: int, high: int):  # type: ignore[no-untyped-def]
    """(field, word, chunk) -> stored bitmap, for chunks `low`..`high`."""
    return {
        key: BitMap.deserialize(blob)
        for key, blob in _blobs(cursor, kind, fields, words, low, high)
    }


def _blobs(cursor, kind: int, fields: Sequence[int], words: Sequence[str], low: int, high: int):  # type: ignore[no-untyped-def]
    """((field, word, chunk), serialised bitmap) of the stored ones in chunks `low`..`high`."""
    fields_marks = ", ".join(["%s"] * len(fields))
    for start in range(0, len(words), 500):
        part = words[start : start + 500]
        marks = ", ".join(["%s"] * len(part))
        cursor.execute(
            f"SELECT field, word, chunk, bits FROM {TABLE} WHERE kind = %s "
            f"AND field IN ({fields_marks}) AND word IN ({marks}) AND chunk BETWEEN %s AND %s",
            [kind, *fields, *part, low, high],
        )
        for field, word, chunk, blob in cursor.fetchall():
            yield (field, word, chunk), bytes(blob)


_EMPTY = FrozenBitMap()
_caches: dict[str, Cache] = {}


def cache_for(using: str) -> Cache | None:
    """This process's `Cache` of database `using` (None: CHUMCHON_SEARCH_CACHE_MB is 0)."""
    from django.conf import settings
    from django.db import connections

    key = f"{using} {connections[using].settings_dict['NAME']}"
    found = _caches.get(key)
    if found is None:
        found = _caches.setdefault(key, Cache(settings.CHUMCHON_SEARCH_CACHE_MB << 20))
    return found if found.budget > 0 else None


ENTRY_BYTES = 200  # a kept bitmap's key, entry and object, besides the bitmap itself
COUNTS_KEPT = 100_000  # document counts kept (a few MB); all dropped when more come


class Cache:
    """Bitmaps of `search_bits` kept between the searches of a process, decoded: a
    search's words are mostly words other searches read a moment ago, and reading and
    decoding their chunks costs about a tenth of a search at a million posts. Valid
    while the stored version (`touch`) is the one they were read at: a search passes the
    version it read first, and a new one drops everything. The least recently used go
    beyond `budget` bytes. Frozen bitmaps: searches share them. Locked: a server may run
    searches in threads."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.version: int | None = None
        self.size = 0
        self._kept: OrderedDict[tuple[int, int, str, int], tuple[FrozenBitMap, int]] = OrderedDict()
        self._counts: dict[tuple[int, int, str], int] = {}  # (kind, field, word) -> documents
        self._spans: dict[int, tuple[int, int]] = {}  # kind -> first and last chunk
        self._lock = threading.Lock()

    def _at(self, version: int | None) -> bool:
        if version != self.version:
            self._kept.clear()
            self._counts.clear()
            self._spans.clear()
            self.size, self.version = 0, version
        return version is not None

    def span(self, kind: int) -> tuple[int, int, int] | None:
        """(version, first chunk, last chunk) of this kind's ids, as the last search at the
        kept version saw them (PostgreSQL reads the bitmaps with the range)."""
        with self._lock:
            found = self._spans.get(kind)
            return None if found is None else (self.version, *found)  # type: ignore[return-value]

    def spanned(self, version: int | None, kind: int, first: int, last: int) -> None:
        with self._lock:
            if self._at(version):
                self._spans[kind] = (first, last)

    def counted(
        self, version: int | None, kind: int, field: int, words: Iterable[str]
    ) -> dict[str, int]:
        """The kept document counts of these words."""
        with self._lock:
            if not self._at(version):
                return {}
            kept = self._counts
            return {w: kept[(kind, field, w)] for w in words if (kind, field, w) in kept}

    def count(self, version: int | None, kind: int, field: int, found: dict[str, int]) -> None:
        """Keep these document counts, read at `version`."""
        with self._lock:
            if not self._at(version):
                return
            if len(self._counts) + len(found) > COUNTS_KEPT:
                self._counts.clear()
            self._counts.update(((kind, field, w), n) for w, n in found.items())

    def take(
        self, version: int | None, kind: int, keys: Iterable[tuple[int, str, int]]
    ) -> dict[tuple[int, str, int], FrozenBitMap]:
        """The kept bitmaps of these (field, word, chunk) keys."""
        found = {}
        with self._lock:
            if not self._at(version):
                return found
            kept, touched = self._kept, self._kept.move_to_end
            for key in keys:
                entry = kept.get((kind, *key))
                if entry is not None:
                    touched((kind, *key))
                    found[key] = entry[0]
        return found

    def keep(
        self,
        version: int | None,
        kind: int,
        read: dict[tuple[int, str, int], tuple[FrozenBitMap, int]],
    ) -> None:
        """Keep these bitmaps (with their stored size), read at `version`."""
        with self._lock:
            if not self._at(version):
                return
            for key, (found, stored) in read.items():
                size = ENTRY_BYTES + stored  # the bitmap takes about its stored size
                full = (kind, *key)
                if full in self._kept:
                    continue
                self._kept[full] = (found, size)
                self.size += size
            while self.size > self.budget and self._kept:
                _, (_, size) = self._kept.popitem(last=False)
                self.size -= size


def newest_of(bits: BitMap, n: int) -> list[int]:
    """The `n` highest ids of `bits`, highest first."""
    if n <= 0 or not bits:
        return []
    top = bits[-n:] if n < len(bits) else bits
    return list(reversed(top.to_array()))


class Sets:
    """The bitmaps of one document kind as one search reads them: each (field, word,
    chunk) is read once. Object ids lie between chunks `first` and `last`."""

    def __init__(  # type: ignore[no-untyped-def]
        self, cursor, kind: int, first: int, last: int, cache: Cache | None = None,
        version: int | None = None,
    ) -> None:  # fmt: skip
        """`cache`: bitmaps kept from earlier searches, valid at `version` (the stored one,
        read before any bitmap of this search)."""
        self.cursor = cursor
        self.kind = kind
        self.first, self.last = first, last
        self.cache = cache if cache is not None and version is not None else None
        self.version = version
        self._chunks: dict[tuple[int, str, int], BitMap] = {}
        self._spans: dict[tuple[int, str, int, int], BitMap] = {}

    def word(self, field: int, word: str, low: int, high: int) -> BitMap:
        """The documents with `word` in `field`, in chunks `low`..`high`."""
        span = (field, word, low, high)
        found = self._spans.get(span)
        if found is None:
            parts = [self._chunks.get((field, word, c)) for c in range(low, high + 1)]
            found = BitMap.union(*[p for p in parts if p]) if any(parts) else BitMap()
            self._spans[span] = found
        return found

    def counts(self, words: Sequence[str], field: int = ALL) -> dict[str, int]:
        """How many documents of this kind contain each word (`counts`), kept in the
        cache like the bitmaps."""
        kept = self.cache.counted(self.version, self.kind, field, words) if self.cache else {}
        missing = [w for w in words if w not in kept]
        if missing:
            found = counts(self.cursor, self.kind, missing, field)
            if self.cache is not None:
                self.cache.count(self.version, self.kind, field, found)
            kept.update(found)
        return {w: kept[w] for w in words}

    def load(self, node: Node, low: int, high: int, field: int = ALL) -> None:
        """Read the bitmaps `node` needs in chunks `low`..`high`."""
        self.load_words(_words(node, field), low, high)

    def given_kept(self, kept: dict[tuple[int, str, int], FrozenBitMap]) -> None:
        """Bitmaps the caller took from the cache at this search's version."""
        self._chunks.update(kept)

    def given_read(
        self,
        keys: Iterable[tuple[int, str, int]],
        read: dict[tuple[int, str, int], tuple[FrozenBitMap, int]],
    ) -> None:
        """Bitmaps of these (field, word, chunk) keys that the caller read (`read`: key ->
        bitmap and its stored size; a key not in it has no document), so that `load`
        does not read them again; kept in the cache too."""
        found = {key: read.get(key, (_EMPTY, 0)) for key in keys}
        self._chunks.update((key, bitmap) for key, (bitmap, _) in found.items())
        if self.cache is not None:
            self.cache.keep(self.version, self.kind, found)

    def load_words(self, pairs: Iterable[tuple[int, str]], low: int, high: int) -> None:
        """Read the bitmaps of these (field, word) pairs in chunks `low`..`high` that this
        search has not read yet (one query, 500 words at a time); `word` then gives them."""
        wanted = [
            (field, word)
            for field, word in dict.fromkeys(pairs)
            if any((field, word, c) not in self._chunks for c in range(low, high + 1))
        ]
        if not wanted:
            return
        keys = [(field, word, c) for field, word in wanted for c in range(low, high + 1)]
        if self.cache is not None:
            kept = self.cache.take(self.version, self.kind, keys)
            self._chunks.update(kept)
            wanted = list(dict.fromkeys((f, w) for f, w, c in keys if (f, w, c) not in kept))
            if not wanted:
                return
            keys = [(field, word, c) for field, word in wanted for c in range(low, high + 1)]
        fields = sorted({field for field, _ in wanted})
        words = sorted({word for _, word in wanted})
        stored = {
            key: (FrozenBitMap.deserialize(blob), len(blob))
            for key, blob in _blobs(self.cursor, self.kind, fields, words, low, high)
        }
        self.given_read(keys, stored)

    def evaluate(self, node: Node, low: int, high: int, field: int = ALL) -> tuple[BitMap, BitMap]:
        """(surely matching, possibly matching) documents in chunks `low`..`high`."""
        self.load(node, low, high, field)
        return self._evaluate(node, low, high, field)

    def _evaluate(self, node: Node, low: int, high: int, field: int) -> tuple[BitMap, BitMap]:
        if isinstance(node, Term):
            bits = self.word(field, node.word, low, high)
            return bits, bits
        if isinstance(node, Phrase):
            words = [self.word(field, w, low, high) for w in dict.fromkeys(node.words)]
            if len(node.words) < 2:
                return words[0], words[0]
            return BitMap(), BitMap.intersection(*words) if len(words) > 1 else words[0]
        if isinstance(node, InTitle):
            bits = BitMap.union(*[self.word(HEAD, w, low, high) for w in node.words])
            return bits, bits
        if isinstance(node, All | Either):
            pairs = [self._evaluate(c, low, high, field) for c in node.children]
            combine = BitMap.intersection if isinstance(node, All) else BitMap.union
            possible = combine(*[p for _, p in pairs])
            if all(s is p for s, p in pairs):
                return possible, possible
            return combine(*[s for s, _ in pairs]), possible
        sure, possible = self._evaluate(node.positive, low, high, field)
        not_sure, not_possible = self._evaluate(node.negative, low, high, field)
        if sure is possible and not_sure is not_possible:
            found = possible - not_possible
            return found, found
        return sure - not_possible, possible - not_sure

    def newest(
        self, node: Node, limit: int, verify: Verify, walk: Walk | None = None, field: int = ALL
    ) -> list[int]:
        """The newest `limit` object ids matching `node`, newest first: the newest chunk
        first (enough for a common query), then all the others at once. Up to CHECK_MAX
        "maybe" candidates are checked by `verify` (object ids -> those that match),
        newest first, only as many as needed; more are left to `walk` over their span."""
        found: list[int] = []
        for low, high in ((self.last, self.last), (self.first, self.last - 1)):
            if high < low or len(found) >= limit:
                continue
            sure, possible = self.evaluate(node, low, high, field)
            need = limit - len(found)
            if sure is possible or len(sure) == len(possible):
                found += newest_of(possible, need)
            elif walk is None or len(possible) - len(sure) <= CHECK_MAX:
                found += _checked(sure, possible, need, verify)
            else:
                found += walk(possible.min(), possible.max(), need)
        return found

    def pruned(self, node: Node, field: int = ALL) -> Node:
        """`node` with the same matches and less for a full-text walk to check: of
        "any of these, but not that", the alternatives every one of whose documents is
        excluded anyway (a query's other readings keep the words as typed, which the
        exclusion removes again), and of "this, but none of those", the exclusions no
        candidate holds. A walk of an alternative of common words costs as much as the
        rest of the walk (100-400 ms at 1M posts), for nothing."""
        if not isinstance(node, Without):
            return node
        low, high = self.first, self.last
        positive, negative = node.positive, node.negative
        if isinstance(positive, Either):
            excluded = self.evaluate(negative, low, high, field)[0]
            kept = tuple(
                c for c in positive.children if self.evaluate(c, low, high, field)[1] - excluded
            )
            if kept and len(kept) < len(positive.children):
                positive = kept[0] if len(kept) == 1 else Either(kept)
        if isinstance(negative, Either):
            candidates = self.evaluate(positive, low, high, field)[1]
            kept = tuple(
                c for c in negative.children if self.evaluate(c, low, high, field)[1] & candidates
            )
            if len(kept) < len(negative.children):
                if not kept:
                    return positive
                negative = kept[0] if len(kept) == 1 else Either(kept)
        return Without(positive, negative)

    def split(self, node: Node, pks: list[int], field: int = ALL) -> tuple[set[int], list[int]]:
        """`pks` that surely match `node`, and those that may (to be checked)."""
        if not pks:
            return set(), []
        low, high = min(pks) >> CHUNK_SHIFT, max(pks) >> CHUNK_SHIFT
        sure, possible = self.evaluate(node, low, high, field)
        return {pk for pk in pks if pk in sure}, [
            pk for pk in pks if pk in possible and pk not in sure
        ]


def _checked(sure: BitMap, possible: BitMap, need: int, verify: Verify) -> list[int]:
    """The newest `need` matches among `possible`, checking the ones not `sure` in
    batches sized by the share of matches found so far."""
    found: list[int] = []
    end, share = len(possible), 1.0
    size = 0
    while end > 0 and len(found) < need:
        want = max(64, math.ceil((need - len(found)) / share * 1.25))
        size = min(end, want if not size else min(want, 8 * size))
        batch = possible[end - size : end] if size < end else possible
        maybe = batch - sure
        good = batch & sure
        if maybe:
            good |= BitMap(verify(list(maybe)))
        found += newest_of(good, need - len(found))
        share = max(len(good), 1) / size
        end -= size
    return found


def _words(node: Node, field: int) -> list[tuple[int, str]]:
    """The (field, word) bitmaps `node` reads, its words taken from `field`."""
    if isinstance(node, Term):
        return [(field, node.word)]
    if isinstance(node, Phrase):
        return [(field, w) for w in node.words]
    if isinstance(node, InTitle):
        return [(HEAD, w) for w in node.words]
    if isinstance(node, All | Either):
        return [pair for c in node.children for pair in _words(c, field)]
    return _words(node.positive, field) + _words(node.negative, field)

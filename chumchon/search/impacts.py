"""Impact levels: how much each word weighs in each document, as bitmaps beside the words'.

bm25 scores a document by summing, over the query's words, the word's IDF times its
term factor in that document, `f * (k1 + 1) / (f + k1 * (1 - b + b * dl / avgdl))`: f the
word's frequency weighted by column (title 10, tags 6, body 1.5, context 0.5; compound
parts are left out, see `_by_level`), dl the document's length in tokens. The factor
depends on the document alone, so it can be computed when the document is indexed. Here
it is quantised to a level of 1 to LEVELS, written as a code of SLICES bits (`CODE`) and
stored bit-sliced in `search_bits` (`bits.py`): the bitmap of field `LEVEL_FIELDS[j]` of a
word holds the documents whose code for that word has bit j set. The commonest level has
the code 0: a document in the word's own bitmap and in none of its level bitmaps.

A search then scores a group of any size approximately with a few bitmap operations
(`best`): IDF (from the exact document counts) times the level's value, summed over the
words scored, and only the best few are handed to the engine's own ranking (FTS5's
bm25, whose cost grows with the rows it is given). Meilisearch and "impact-ordered"
indexes rank the same way.

`AVGDL` is a fixed figure, not the index's running average: a document's levels then
depend on the document alone, so every write keeps them exact and a rebuild from the
stored words gives the same bitmaps. It only sets how much length counts; FTS5 ranks the
final candidates with its own average. Plain Python and the `search_bits` SQL: the same on
every engine.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from pyroaring import BitMap

from chumchon.search import bits

K1, B = 1.2, 0.75  # FTS5's bm25 constants
# Tokens a document holds on average over all columns (1M generated posts: 269.8 by
# FTS5's own count; a post of about 2 KB of Thai).
AVGDL = 270.0
SLICES = 4
LEVELS = (1 << SLICES) - 1
LEVEL_FIELDS = tuple(range(2, 2 + SLICES))  # `search_bits.field` of bit j of a level
STEP = (K1 + 1) / LEVELS  # the factor lies between 0 and k1 + 1
# Groups up to this size go to the engine's ranking whole; a bigger one only its best
# RANKED (or as many as asked for) by levels.
RANKED = 128

Key = bits.Key


def levels(columns: Sequence[Sequence[str]], weights: Sequence[float]) -> dict[str, int]:
    """word -> level (1..LEVELS) of one document given as its tokens per column (the
    last column, compound parts, is left out: see `_by_level`)."""
    return {word: level for level, words in _by_level(columns, weights).items() for word in words}


def _by_level(columns: Sequence[Sequence[str]], weights: Sequence[float]) -> dict[int, list[str]]:
    """level -> the words of one document at that level.

    The frequencies are counted in units of the body's weight: the body (most of a
    document's words) by one `Counter` in C, the few title, tag and context words one by
    one. The last column (`extra`: compound parts and Thai-digit forms, weight 0.5, a
    third of a document's words) is left out of the frequencies: a word found only there
    is stored at no level, which reads as the level of one such mention (`CODE`'s 0).
    Counting every column cost three times as much CPU, too much for the indexing target."""
    *named, _extra = columns
    body = max(range(len(named)), key=lambda i: len(named[i]))
    unit = weights[body]
    weighted: Counter[str] | dict[str, float] = Counter(named[body])
    for i, words in enumerate(named):
        if i != body and words:
            share = weights[i] / unit
            for word in words:
                weighted[word] = weighted.get(word, 0) + share
    norm = K1 * (1 - B + B * sum(map(len, columns)) / AVGDL) / unit  # in body units
    level = {n: min(LEVELS, int(n * LEVELS / (n + norm)) + 1) for n in set(weighted.values())}
    by_level: defaultdict[int, list[str]] = defaultdict(list)
    any(
        map(
            list.append,
            map(by_level.__getitem__, map(level.__getitem__, weighted.values())),
            weighted,
        )
    )
    return by_level


# How a level is stored: a code of SLICES bits, the document in the bitmap of each bit
# set. The commonest levels get the codes with fewest bits (1M generated posts: a word
# once in `extra` or `context`, 5; once in the body, 9; ...), and the commonest of all
# the code 0, stored nowhere: the word's own bitmap less its level bitmaps. About 0.8
# stored ids per word of a document instead of 2.2 with the level as its own code.
_BY_FREQUENCY = (5, 9, 11, 7, 8, 12, 10, 14, 13, 4, 6, 15, 3, 2, 1)
_CODES = sorted(range(1 << SLICES), key=lambda c: (bin(c).count("1"), c))
CODE = dict(zip(_BY_FREQUENCY, _CODES, strict=False))  # level -> code
# code -> level; the one code left over (all bits set) reads as the highest level
LEVEL_OF = {(1 << SLICES) - 1: LEVELS} | {code: level for level, code in CODE.items()}
# The level fields each level is stored in.
_SLICED = [
    tuple(f for j, f in enumerate(LEVEL_FIELDS) if CODE.get(level, 0) >> j & 1)
    for level in range(LEVELS + 1)
]


def collect(
    docs: Iterable[tuple[int, int, Sequence[Sequence[str]]]], weights: Sequence[float]
) -> dict[Key, BitMap]:
    """Level bitmaps of documents given as (kind, object id, tokens per column): each
    level's words go into the bitmap of every bit of its code (`_SLICED`)."""
    return bits.collect_fields(
        (
            kind,
            pk,
            (
                (field, words)
                for found, words in _by_level(columns, weights).items()
                for field in _SLICED[found]
            ),
        )
        for kind, pk, columns in docs
    )


def clear(cursor) -> None:  # type: ignore[no-untyped-def]
    """Delete every level bitmap (of every kind), before they are built again."""
    bits.clear_fields(cursor, LEVEL_FIELDS)


def idf(documents: int, found: int) -> float:
    """FTS5's IDF of a word found in `found` of `documents` documents."""
    return max(math.log((0.5 + documents - found) / (0.5 + found)), 1e-6)


def best(
    sets: bits.Sets, weights: dict[str, float], members: Sequence[int], n: int
) -> list[int] | None:
    """The `n` of `members` (object ids) with the highest approximate bm25 over the
    words of `weights` (word -> IDF): level values summed, weighted by IDF; ties to the
    lowest id, as the engines break them. Highest id first (the order of a group).
    None when the levels cannot tell (no member is in any level bitmap of the words:
    an index built before them, or members without these words)."""
    ids = BitMap(members)
    low, high = ids.min() >> bits.CHUNK_SHIFT, ids.max() >> bits.CHUNK_SHIFT
    sets.load_words([(f, w) for w in weights for f in LEVEL_FIELDS], low, high)
    sets.load_words([(bits.ALL, w) for w in weights], low, high)
    buckets: list[tuple[float, BitMap]] = []  # (value, members at that level of a word)
    coded = False
    for word, weight in weights.items():
        parts = [(0, ids & sets.word(bits.ALL, word, low, high))]
        for j, f in enumerate(LEVEL_FIELDS):
            part = sets.word(f, word, low, high)
            coded = coded or bool(part)
            parts = [
                piece
                for code, held in parts
                for piece in ((code | 1 << j, held & part), (code, held - part))
                if piece[1]
            ]
        buckets += [(weight * (LEVEL_OF[code] - 0.5) * STEP, held) for code, held in parts]
    if not coded:  # no level stored at all in these chunks: an index built before them
        return None
    if len(weights) == 1:  # one word: its best levels, no score per document
        chosen = BitMap()
        for _, held in sorted(buckets, key=lambda b: -b[0]):
            room = n - len(chosen)
            if room <= 0:
                break
            chosen |= held if len(held) <= room else BitMap(held[:room])
    else:
        scores: defaultdict[int, float] = defaultdict(float)
        for value, held in buckets:
            for pk in held:
                scores[pk] += value
        chosen = BitMap(pk for _, pk in heapq.nsmallest(n, ((-s, pk) for pk, s in scores.items())))
    if len(chosen) < n:  # members without any of the words score 0: the lowest ids
        rest = ids - chosen
        chosen |= BitMap(rest[: n - len(chosen)]) if len(rest) > n - len(chosen) else rest
    return list(reversed(chosen.to_array()))

"""Snippets: a short window of the original text around the first real match, with the
matching words marked whole (a Thai word is never cut in the middle by a mark).

A query's words are strong or weak. Weak ones are function words ("การ", "ที่") and the
words of another reading of what was typed ("ผู้|ป่วย" for "ผู้ป่วย"): on their own they
say little, and marking every "การ" or every "ผู้" in "ผู้รับ" is noise. So a weak word is
marked only beside another marked word ("ผู้|ป่วย|เบาหวาน", where the text reads the run
the other way), and a window opens at a strong word when the text has one.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterable
from html import escape
from itertools import accumulate

from django.utils.safestring import SafeString, mark_safe

from chumchon.core import thai

WIDTH = 180
BEFORE = 50
TRIES = 6
HEAD_MARGIN = 40  # characters cleaned after the end of the first window (`_from_head`)
NONE, WEAK, STRONG = 0, 1, 2


@functools.lru_cache(maxsize=64)
def _memo(
    terms: frozenset[str], strong: frozenset[str], _dictionary_version: int
) -> dict[str, int]:
    """What `_strength` said for these terms: the same few hundred words make up the
    snippets of one search (and of the next page of it)."""
    return {}


def _strength(piece: str, terms: frozenset[str], strong: frozenset[str]) -> int:
    """How the piece (already cleaned) matches: a strong word or a compound with one
    inside, a weak one, or none."""
    word = thai.to_arabic_digits(piece.lower())
    if word in terms:
        return STRONG if word in strong else WEAK
    if not any(term in word for term in terms):
        return NONE
    found = NONE
    for part in thai.words_of(word):
        for p in (part, *thai.compound_parts(part)):
            if p in strong:
                return STRONG
            if p in terms:
                found = WEAK
    return found


def _window_start(text: str, at: int) -> int:
    """Start a little before the match, at a space if there is one nearby."""
    start = max(0, at - BEFORE)
    space = text.rfind(" ", max(0, start - 30), at)
    return space + 1 if space >= 0 and at - space <= BEFORE + 30 else start


# Spaces between words, except before "ๆ": the dictionary holds words such as "ง่าย ๆ".
_CHUNK = re.compile(r"( +)(?!ๆ)")


def _lowered(text: str) -> str:
    """`text` as the searched words are written (Latin in lower case, Arabic digits),
    or `text` itself if a case mapping would change its length: positions must agree."""
    lowered = thai.to_arabic_digits(text.lower())
    return lowered if len(lowered) == len(text) else text


def _marks(strengths: dict[int, int]) -> list[int]:
    """Which pieces to mark, by index, in order: every strong one, and weak ones in a run
    of matching pieces with a strong one or at least two pieces. `strengths` holds the
    matching pieces (any other piece matches nothing)."""
    marked: list[int] = []
    run: list[int] = []
    for i in sorted(i for i, strength in strengths.items() if strength):
        if run and i != run[-1] + 1:
            if len(run) > 1 or strengths[run[0]] == STRONG:
                marked += run
            run = []
        run.append(i)
    if run and (len(run) > 1 or strengths[run[0]] == STRONG):
        marked += run
    return marked


def _unmarkable(
    text: str, start: int, end: int, terms: frozenset[str], strong: frozenset[str]
) -> bool:
    """Whether `text[start:end]` surely holds no mark, without segmenting it: no strong
    word inside, and one weak word at most (a weak piece holds a weak word, and is marked
    only beside another marked piece). Function words ("การ", "ใน") are in most chunks,
    and segmenting a chunk costs about 0.5 µs a character."""
    if any(text.find(term, start, end) >= 0 for term in strong):
        return False
    found = 0
    for term in terms - strong:
        found += text.count(term, start, end)
        if found > 1:
            return False
    return True


def _holding(
    lowered: str, bounds: list[int], start: int, end: int, terms: frozenset[str]
) -> dict[int, list[tuple[int, int]] | None]:
    """The chunks (even indexes of `bounds`, see `_render`) that hold a whole searched
    word, each with where its words are (None: anywhere, for an empty word). Each word's
    occurrences in the window are found by `str.find` and placed by bisection, instead of
    a test per chunk. (A regular expression of the words searched each chunk in one call,
    but compiling it cost about 0.3 ms a query.)"""
    if "" in terms:
        return {i: None for i in range(0, len(bounds) - 1, 2)}
    held: dict[int, list[tuple[int, int]] | None] = {}
    for term in terms:
        at = lowered.find(term, start, end)
        while at >= 0:
            i = bisect_right(bounds, at) - 1
            stop = at + len(term)
            if not i % 2 and stop <= bounds[i + 1]:
                held.setdefault(i, []).append((at, stop))  # type: ignore[union-attr]
            at = lowered.find(term, at + 1, end)
    return held


def _strengths(
    text: str,
    lowered: str,
    pieces: list[str],
    ends: list[int],
    found: list[tuple[int, int]] | None,
    terms: frozenset[str],
    strong: frozenset[str],
    memo: dict[str, int],
) -> dict[int, int]:
    """`_strength` of the pieces of a chunk (piece k is text[ends[k]:ends[k + 1]]) that
    can match: a piece matches only if a searched word is inside its lowered form, so
    when the lowered pieces are the slices of `lowered` (always, but for a Greek capital
    sigma, whose lower case depends on what follows, or text `_lowered` kept as it was),
    only the pieces holding one of the words `found` are looked at."""
    chunk_start, chunk_end = ends[0], ends[-1]
    chunk = text[chunk_start:chunk_end]
    if (
        found is None
        or "Σ" in chunk
        or (thai.to_arabic_digits(chunk.lower()) != lowered[chunk_start:chunk_end])
    ):
        candidates: Iterable[int] = range(len(pieces))
    else:
        candidates = set()
        for at, stop in found:
            k = bisect_right(ends, at) - 1
            if stop <= ends[k + 1]:
                candidates.add(k)
    strengths = {}
    for k in candidates:
        piece = pieces[k]
        strength = memo.get(piece)
        if strength is None:
            strength = memo[piece] = _strength(piece, terms, strong)
        strengths[k] = strength
    return strengths


def _render(
    text: str,
    lowered: str,
    start: int,
    terms: frozenset[str],
    strong: frozenset[str],
    width: int = WIDTH,
) -> tuple[str, bool]:
    end = min(len(text), start + width)
    space = text.find(" ", end, end + 30)
    end = space if space >= 0 else end
    # The window's chunks and the spaces between them alternate: part i is
    # text[bounds[i]:bounds[i + 1]], chunks at even i.
    bounds = list(accumulate(map(len, _CHUNK.split(text[start:end])), initial=start))
    out: list[str] = ["…"] if start > 0 else []
    found = False
    memo = _memo(terms, strong, thai.dictionary_version())
    if len(memo) > 20_000:
        memo.clear()
    done = start  # text[start:done] is in `out`; plain runs are escaped at once
    for i, words in sorted(_holding(lowered, bounds, start, end, terms).items()):
        # Only a chunk with a searched word inside can hold a mark: the others are
        # left unsegmented (newmm cuts at spaces, so the chunks segment as in the window).
        chunk_start, chunk_end = bounds[i], bounds[i + 1]
        chunk = text[chunk_start:chunk_end]
        if chunk.isspace() or _unmarkable(lowered, chunk_start, chunk_end, terms, strong):
            continue
        pieces = thai.segment_pieces(chunk)
        ends = list(accumulate(map(len, pieces), initial=chunk_start))
        strengths = _strengths(text, lowered, pieces, ends, words, terms, strong, memo)
        for k in _marks(strengths):
            found = True
            out.append(escape(text[done : ends[k]]))
            out.append(f"<mark>{escape(pieces[k])}</mark>")
            done = ends[k + 1]
    out.append(escape(text[done:end]))
    if end < len(text):
        out.append("…")
    return "".join(out), found


def _strong(terms: frozenset[str], strong: frozenset[str] | None) -> frozenset[str]:
    """The strong words among `terms`: all of them when none is named."""
    return terms if not strong else strong & terms


def snippet(text: str, terms: frozenset[str], strong: frozenset[str] | None = None) -> SafeString:
    """User text is escaped; only our own <mark> tags are markup. `strong`: the words
    that open a window and are marked on their own (all of `terms` if not given)."""
    return snippet_found(text, terms, strong)[0]


def snippet_found(
    text: str, terms: frozenset[str], strong: frozenset[str] | None = None
) -> tuple[SafeString, bool]:
    """`snippet`, and whether it marks anything (else it is the start of the text)."""
    strong = _strong(terms, strong)
    html = _from_head(text, terms, strong)
    if html is not None:
        return mark_safe(html), True  # noqa: S308 - every piece went through escape()
    text = " ".join(thai.clean(text).split())
    lowered = _lowered(text)
    weak = terms - strong
    candidates = sorted({i for term in strong for i in _occurrences(lowered, term)})[:TRIES]
    candidates += sorted({i for term in weak for i in _occurrences(lowered, term)})[:TRIES]
    for at in candidates:
        html, found = _render(text, lowered, _window_start(text, at), terms, strong)
        if found:
            return mark_safe(html), True  # noqa: S308 - every piece above went through escape()
    return mark_safe(_render(text, lowered, 0, terms, strong)[0]), False  # noqa: S308


def _from_head(text: str, terms: frozenset[str], strong: frozenset[str]) -> str | None:
    """The snippet `snippet_found` makes at its first window, made from the start of the
    text alone when that window lies there and marks a word; None when it cannot tell.

    Cleaning, lowering and searching a whole text of 600 to 2,000 characters cost a
    snippet about a third of its time, and the first window is nearly always near the
    start. The text is cut after a space: cleaning never joins anything across a space
    (no normal form composes with one, no doubled mark or lookalike holds one), so the
    head cleaned is the start of the whole text cleaned, at the same positions. The rest
    must keep its length when lowered, or `_lowered` of the whole text would keep its
    case (only "İ" does not: `test_it_knows_the_only_letter_lowered_to_two`). The first
    window opens at the first strong word (the first weak one if there is no strong
    word), which must end in the head, as must the window."""
    opening = strong or terms
    # Where the window probably is: the words as the raw text has them (a guess, which
    # only decides where to cut; what is made from the head is checked below).
    guess = [at for at in (text.find(term) for term in opening) if at >= 0]
    if not guess:
        return None
    cut = text.find(" ", min(guess) + max(map(len, opening)) + WIDTH + HEAD_MARGIN)
    if cut < 0:
        return None
    rest = text[cut:]
    # Only "İ" lowers to two characters; NFC makes it of "I" and U+0307.
    if "\u0130" in rest or "\u0307" in rest:
        return None
    head = " ".join(thai.clean(text[: cut + 1]).split())
    lowered = _lowered(head)
    found = [at for at in (lowered.find(term) for term in opening) if at >= 0]
    if not found:
        return None
    at = min(found)
    start = _window_start(head, at)
    if at + max(map(len, opening)) > len(head) or start + WIDTH + 30 > len(head):
        return None
    html, marks = _render(head, lowered, start, terms, strong)
    return html if marks else None


def marked(text: str, terms: frozenset[str], strong: frozenset[str] | None = None) -> SafeString:
    """The whole of a short text (a title, a name) escaped, with the searched words marked
    as in a snippet: a result whose words are only in its title shows why it was found."""
    strong = _strong(terms, strong)
    text = " ".join(thai.clean(text).split())
    return mark_safe(_render(text, _lowered(text), 0, terms, strong, width=len(text))[0])  # noqa: S308


def _occurrences(text: str, term: str, limit: int = TRIES) -> list[int]:
    found: list[int] = []
    at = text.find(term)
    while at >= 0 and len(found) < limit:
        found.append(at)
        at = text.find(term, at + 1)
    return found

"""Snippets: a short window of the original text around the first real match, with the
matching words marked whole (a Thai word is never cut in the middle by a mark)."""

from __future__ import annotations

import functools
from html import escape

from django.utils.safestring import SafeString, mark_safe

from chumchon.core import thai

WIDTH = 180
BEFORE = 50
TRIES = 6


def _matches(piece: str, terms: frozenset[str]) -> bool:
    return _matches_in(piece, terms, thai.dictionary_version())


@functools.lru_cache(maxsize=100_000)
def _matches_in(piece: str, terms: frozenset[str], _version: int) -> bool:
    """The piece (already cleaned) is a searched word, or a compound with one inside.

    Remembered (per dictionary): the same few hundred words make up the snippets of one
    search."""
    word = thai.to_arabic_digits(piece.lower())
    if word in terms:
        return True
    if not any(term in word for term in terms):
        return False
    for part in thai.words_of(word):
        if part in terms or any(p in terms for p in thai.compound_parts(part)):
            return True
    return False


def _window_start(text: str, at: int) -> int:
    """Start a little before the match, at a space if there is one nearby."""
    start = max(0, at - BEFORE)
    space = text.rfind(" ", max(0, start - 30), at)
    return space + 1 if space >= 0 and at - space <= BEFORE + 30 else start


def _render(text: str, start: int, terms: frozenset[str]) -> tuple[str, bool]:
    end = min(len(text), start + WIDTH)
    space = text.find(" ", end, end + 30)
    end = space if space >= 0 else end
    out: list[str] = ["…"] if start > 0 else []
    found = False
    for piece in thai.segment_pieces(text[start:end]):
        if _matches(piece, terms):
            found = True
            out.append(f"<mark>{escape(piece)}</mark>")
        else:
            out.append(escape(piece))
    if end < len(text):
        out.append("…")
    return "".join(out), found


def snippet(text: str, terms: frozenset[str]) -> SafeString:
    """User text is escaped; only our own <mark> tags are markup."""
    text = " ".join(thai.clean(text).split())
    lowered = thai.to_arabic_digits(text.lower())
    if len(lowered) != len(text):  # a case mapping changed the length: search the text itself
        lowered = text
    candidates = sorted(
        {i for term in terms for i in _occurrences(lowered, term)},
    )[:TRIES]
    for at in candidates:
        html, found = _render(text, _window_start(text, at), terms)
        if found:
            return mark_safe(html)  # noqa: S308 - every piece above went through escape()
    return mark_safe(_render(text, 0, terms)[0])  # noqa: S308


def _occurrences(text: str, term: str, limit: int = TRIES) -> list[int]:
    found: list[int] = []
    at = text.find(term)
    while at >= 0 and len(found) < limit:
        found.append(at)
        at = text.find(term, at + 1)
    return found

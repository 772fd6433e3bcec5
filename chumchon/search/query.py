"""Reading what someone typed into a search box: words, "phrases" and -exclusions.

Each run of text is segmented with the same function the index uses. A run of Thai is
also tried in its other dictionary readings, each as a phrase, because the same
characters segment differently in different contexts; a document matching any reading
is a full match. Documents matching only some of the words come after every full match
(the `loose` expression), so a query is never lost to a strict AND.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from chumchon.core import thai

QUERY_MAX = 200
TERMS_MAX = 24

# Words too common to make a partial match worth showing (the index keeps them).
FUNCTION_WORDS = frozenset(
    [
        "การ",
        "ความ",
        "ที่",
        "และ",
        "ของ",
        "ใน",
        "เป็น",
        "ได้",
        "มี",
        "ให้",
        "ว่า",
        "กับ",
        "จะ",
        "ไป",
        "มา",
        "นี้",
        "ก็",
        "แต่",
        "หรือ",
        "โดย",
        "ซึ่ง",
        "อยู่",
        "ไม่",
        "คือ",
        "เพื่อ",
        "จาก",
        "แล้ว",
        "ครับ",
        "ค่ะ",
        "นะ",
        "the",
        "a",
        "an",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "for",
        "is",
    ]
)

_PART = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


@dataclass(frozen=True)
class Term:
    word: str


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]


@dataclass(frozen=True)
class All:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Either:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Without:
    positive: Node
    negative: Node


@dataclass(frozen=True)
class InTitle:
    """Documents with one of these words in their title or tags (a backend's plan for
    very common queries; never produced by parsing)."""

    words: tuple[str, ...]


Node = Term | Phrase | All | Either | Without | InTitle


def positive_words(node: Node) -> list[str]:
    """The words a document must or may contain to match (not the excluded ones)."""
    if isinstance(node, Term):
        return [node.word]
    if isinstance(node, Phrase):
        return list(node.words)
    if isinstance(node, All | Either):
        return list(dict.fromkeys(w for c in node.children for w in positive_words(c)))
    if isinstance(node, Without):
        return positive_words(node.positive)
    return list(node.words)


def plain_words(node: Node) -> list[str] | None:
    """The words of a query that is only words that must all be present (no phrase,
    alternative or exclusion), else None."""
    if isinstance(node, Term):
        return [node.word]
    if isinstance(node, All):
        words: list[str] = []
        for child in node.children:
            found = plain_words(child)
            if found is None:
                return None
            words += found
        return list(dict.fromkeys(words))
    return None


@dataclass
class ParsedQuery:
    text: str
    strict: Node | None = None  # every part matches as typed: ranked first
    wider: Node | None = None  # every part matches in some other reading, and strict does not
    loose: Node | None = None  # some words match, and neither of the above does
    boost: Node | None = None  # runs of several words found as typed: ranked above the rest
    words: list[str] = field(default_factory=list)  # positive words, in order
    highlight: frozenset[str] = frozenset()  # words that snippets mark
    strong: frozenset[str] = frozenset()  # of them, the ones that say much on their own

    @property
    def is_empty(self) -> bool:
        return self.strict is None

    def tiers(self) -> list[tuple[Node, Node | None, bool]]:
        """(expression, boost, full match) in the order results are shown."""
        tiers = [
            (self.strict, self.boost, True),
            (self.wider, None, True),
            (self.loose, None, False),
        ]
        return [(node, boost, full) for node, boost, full in tiers if node is not None]


def _phrase(words: list[str]) -> Node:
    return Term(words[0]) if len(words) == 1 else Phrase(tuple(words))


def _all(nodes: list[Node]) -> Node:
    return nodes[0] if len(nodes) == 1 else All(tuple(nodes))


def _either(nodes: list[Node]) -> Node:
    unique = list(dict.fromkeys(nodes))
    return unique[0] if len(unique) == 1 else Either(tuple(unique))


def _run(text: str, highlight: set[str]) -> tuple[list[str], list[Node]]:
    """A run typed without spaces: its words, and the other readings of it as phrases."""
    words = thai.tokens(text)
    readings: list[Node] = []
    pieces = thai.words_of(thai.normalise(text))
    if words and len(pieces) == 1:
        for reading in thai.alternatives(pieces[0]):
            if reading != words:
                readings.append(_phrase(reading))
                highlight.update(reading)
    return words, readings


def parse(text: str) -> ParsedQuery:
    """Raise ValidationError (in the user's language) for a query that is too long."""
    if len(text) > QUERY_MAX:
        raise ValidationError(
            _("A search can be at most %(max)d characters long.") % {"max": QUERY_MAX}
        )
    query = ParsedQuery(text=text)
    plain: list[Node] = []  # each part as typed: all its words
    full: list[Node] = []  # each part in any of its readings
    together: list[Node] = []  # each part with its words side by side
    negative: list[Node] = []
    words: list[str] = []
    highlight: set[str] = set()
    for m in _PART.finditer(thai.clean(text)):
        minus, quoted = (m.group(1), m.group(2)) if m.group(2) is not None else (m.group(3), None)
        readings: list[Node] = []
        if quoted is not None:
            found = thai.tokens(quoted)
            node = _phrase(found) if found else None
        elif minus:
            found = thai.tokens(m.group(4))
            node = _phrase(found) if found else None
        else:
            found, readings = _run(m.group(4), highlight)
            node = _all([Term(w) for w in dict.fromkeys(found)]) if found else None
        if node is None:
            continue
        if minus:
            negative.append(node)
            continue
        plain.append(node)
        full.append(_either([node, *readings]))
        together.append(_phrase(found))
        words.extend(found)
    if len(words) > TERMS_MAX:
        raise ValidationError(_("Please search with at most %(max)d words.") % {"max": TERMS_MAX})
    if not plain:
        return query
    excluded = [_either(negative)] if negative else []
    strict, every_reading = _all(plain), _all(full)
    query.strict = Without(strict, excluded[0]) if excluded else strict
    if every_reading != strict:
        query.wider = Without(every_reading, _either([strict, *excluded]))
    if any(isinstance(n, Phrase) for n in together):
        query.boost = _all(together)
    significant = [w for w in dict.fromkeys(words) if w not in FUNCTION_WORDS and len(w) > 1]
    if len(significant) > 1:
        loose = _either([Term(w) for w in significant])
        query.loose = Without(loose, _either([every_reading, *excluded]))
    query.words = words
    query.highlight = frozenset(highlight | set(words))
    query.strong = frozenset(significant)
    return query

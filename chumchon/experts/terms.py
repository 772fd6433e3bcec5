"""What a document says about each word: w(d, t) in [0, 1), and the words of a query.

Words are the ones search indexes (`thai.index_tokens`: segmented, normalised, with the
dictionary parts of compounds), so "ความรู้" finds writing about "องค์ความรู้" in the
finder as it does in search. The weight is BM25's saturated term frequency with fixed
constants instead of corpus statistics, so that one document's weights never change
when others are written and the table can be updated one person at a time:

    w(d, t) = tf / (tf + K1 · (1 − B + B · length / AVERAGE_LENGTH))

where tf counts a title word `TITLE` times, a tag `TAG` times, a body word once and a
compound part `PART` times. The first mention matters most, the tenth little more.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from chumchon.core import thai

TITLE = 5.0
TAG = 3.0
BODY = 1.0
PART = 0.5
K1 = 3.0
B = 0.75
AVERAGE_LENGTH = 300  # words; a 2 KB Thai post has about 350
WORD_MAX = 100


def _function_words() -> frozenset[str]:
    from chumchon.search.query import FUNCTION_WORDS

    return FUNCTION_WORDS


def _kept(word: str, stop: frozenset[str]) -> bool:
    """Words no query ever asks about carry no evidence: single characters, function words."""
    return 1 < len(word) <= WORD_MAX and word not in stop


def term_weights(title: str = "", tags: Iterable[str] = (), body: str = "") -> dict[str, float]:
    stop = _function_words()
    tf: Counter[str] = Counter()
    length = 0
    for text, weight in ((title, TITLE), ("\n".join(tags), TAG), (body, BODY)):
        if not text:
            continue
        words, parts = thai.index_tokens(text)
        length += len(words)
        for w in words:
            tf[w] += weight
        for p in parts:
            tf[p] += PART
    norm = K1 * (1 - B + B * length / AVERAGE_LENGTH)
    return {t: f / (f + norm) for t, f in tf.items() if _kept(t, stop)}


def merged(*weights: dict[str, float]) -> dict[str, float]:
    """The stronger weight of each word (an accepted answer speaks for its question too)."""
    out: dict[str, float] = {}
    for w in weights:
        for t, x in w.items():
            if x > out.get(t, 0.0):
                out[t] = x
    return out


def query_terms(query: str, known: Callable[[list[str]], set[str]] | None = None) -> list[str]:
    """The query's words as documents are weighed by; function words only if nothing else.

    A part of the query typed without spaces that `known` says is a word of the documents
    (a tag the segmenter kept whole there, such as "งานห้องสมุด") stays whole, whatever
    this process's dictionary would make of it.
    """
    chunks = [thai.to_arabic_digits(thai.normalise(c)) for c in query.split()]
    whole = known(chunks) if known is not None and chunks else set()
    words: list[str] = []
    for chunk in chunks:
        words += [chunk] if chunk in whole else thai.tokens(chunk)
    words = list(dict.fromkeys(words))
    stop = _function_words()
    kept = [w for w in words if _kept(w, stop)]
    return kept or [w for w in words if len(w) <= WORD_MAX]

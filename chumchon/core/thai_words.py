"""Thai word segmentation for search: the dictionary, newmm, compounds and query readings.

Reached through `chumchon.core.thai` (`thai.tokens`, `thai.index_tokens`, …). Segmentation
is newmm (nlpo3, the Rust implementation) over PyThaiNLP's CC0 word list, extended with
KM vocabulary and with every tag in use.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

from chumchon.core.thai import THAI_DIGITS, is_thai, normalise, to_arabic_digits, words_of

# ---- dictionary ---------------------------------------------------------------------------

# KM vocabulary that must stay one word (plain newmm splits "ลปรร." into "ลป|รร.").
_KM_WORDS_TEXT = """
    การจัดการ การจัดการความรู้ จัดการความรู้ ลปรร. ลปรร แลกเปลี่ยนเรียนรู้ ชุมชนแนวปฏิบัติ ชุมชนนักปฏิบัติ
    คุณอำนวย คุณกิจ คุณเอื้อ คุณลิขิต คุณประสาน ขุมความรู้ แก่นความรู้ คลังความรู้ องค์ความรู้
    เรื่องเล่าเร้าพลัง เล่าเรื่อง อนุทิน บันทึก ความรู้ฝังลึก ความรู้ชัดแจ้ง ปลาทู ตารางอิสรภาพ
    บันไดการเรียนรู้ ธารปัญญา สุนทรียสนทนา เวทีลปรร. ถอดบทเรียน ทบทวนหลังปฏิบัติ
    องค์กรแห่งการเรียนรู้ เครือข่าย แม่ข่าย ข้ามสายงาน พฤติกรรมบ่งชี้ สมรรถนะ เบาหวาน
    ความดันโลหิตสูง ไข้เลือดออก ระบาดวิทยา ยุทธศาสตร์ ตัวชี้วัด พัฒนาคุณภาพ งานประจำ
    สคร ปลัดกระทรวง สาธารณสุข อสม. อสม รพ.สต. รพสต จัดซื้อจัดจ้าง พัสดุ ผู้ป่วยใน
"""
KM_WORDS = frozenset(_KM_WORDS_TEXT.split())
_dictionary_lock = threading.Lock()
# name: nlpo3's dictionary; words: every known word; extra: tags loaded into nlpo3;
# pending: tags learnt since, which segmentation joins back together (see _join_pending).
_dictionary: dict[str, object] = {
    "name": "", "words": frozenset(), "extra": frozenset(), "pending": frozenset()
}  # fmt: skip
# nlpo3 keeps every dictionary it ever loaded, so new tags are joined after segmentation
# and folded into a reloaded dictionary only once this many have gathered.
RELOAD_AFTER = 500
_dictionary_serial = itertools.count(1)  # nlpo3 never replaces a loaded name


@functools.cache
def base_words() -> frozenset[str]:
    from pythainlp.corpus.common import thai_words

    return frozenset(normalise(w) for w in thai_words()) | KM_WORDS


def dictionary_words() -> frozenset[str]:
    _ensure_dictionary()
    return _dictionary["words"]  # type: ignore[return-value]


def dictionary_version() -> int:
    """Changes whenever the dictionary does (for caches of word-level results)."""
    return int(_dictionary.get("version", 0))  # type: ignore[call-overload]


def add_words(words: Iterable[str], *, reload: bool = False) -> bool:
    """Make the segmenter keep these words (tags in use) whole; True if any was new.

    `reload` puts them into nlpo3's dictionary at once (a rebuild of the whole index
    does); otherwise they are joined after segmentation until enough have gathered.
    """
    new = {w for w in (_dictionary_form(w) for w in words) if w} - dictionary_words()
    with _dictionary_lock:
        pending: frozenset[str] = _dictionary["pending"] | new  # type: ignore[operator]
        if pending and (reload or len(pending) > RELOAD_AFTER):
            _load_dictionary(_dictionary["extra"] | pending)  # type: ignore[operator]
        elif new:
            words: frozenset[str] = _dictionary["words"] | new  # type: ignore[operator]
            _dictionary.update(words=words, pending=pending, version=next(_dictionary_serial))
            _decompose.cache_clear()
            _parts_cache.clear()
    return bool(new)


def _dictionary_form(word: str) -> str:
    """A Thai word without spaces can go into the dictionary; anything else cannot."""
    word = normalise(word).strip()
    return word if word and is_thai(word) and not any(c.isspace() for c in word) else ""


def _ensure_dictionary() -> None:
    if not _dictionary["name"]:
        with _dictionary_lock:
            if not _dictionary["name"]:
                _load_dictionary(frozenset())


def _load_dictionary(extra: frozenset[str]) -> None:
    import nlpo3

    words = base_words() | extra
    # A dictionary word ending in "." (abbreviations) is also known without its dot.
    words |= {w.rstrip(".") for w in words if w.endswith(".") and len(w) > 2}
    name = f"chumchon-{next(_dictionary_serial)}"
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write("\n".join(sorted(words)))
    try:
        nlpo3.load_dict(f.name, name)
    finally:
        Path(f.name).unlink(missing_ok=True)
    _dictionary.update(
        name=name, words=frozenset(words), extra=extra, pending=frozenset(), trie=None,
        version=next(_dictionary_serial),
    )  # fmt: skip
    _decompose.cache_clear()
    _parts_cache.clear()


# ---- segmentation -------------------------------------------------------------------------

# nlpo3's fast mode can take very long on a long run of ambiguous Thai with no space in
# it; such runs go to PyThaiNLP's newmm in safe mode instead (slower, bounded).
LONG_RUN = 1_000


def _newmm(text: str) -> list[str]:
    """Newmm pieces that together are exactly `text`.

    nlpo3 1.4.0's `safe=True` mode returns broken pieces (characters repeated, words cut
    apart) on most texts longer than a sentence, so it runs in its normal mode; whatever
    it returns is checked to add up to the input, and PyThaiNLP's own newmm takes over
    if it does not.
    """
    if not text:
        return []
    pieces = _nlpo3(text)
    if pieces is None:
        pieces = _pythainlp_newmm(text)
    return _join_pending(pieces, text)


def _nlpo3(text: str) -> list[str] | None:
    """nlpo3's pieces of `text`, or None when they cannot be trusted (see `_newmm`)."""
    import nlpo3

    _ensure_dictionary()
    if max(map(len, text.split()), default=0) > LONG_RUN:
        return None
    pieces = nlpo3.segment(text, _dictionary["name"], safe=False)
    return pieces if "".join(pieces) == text else None


def _join_pending(pieces: list[str], text: str) -> list[str]:
    """Join consecutive pieces that spell a newly learnt tag ("ตากลม|เย็น" → "ตากลมเย็น")."""
    pending: frozenset[str] = _dictionary["pending"]  # type: ignore[assignment]
    present = [w for w in pending if w in text.lower()]
    if not present:
        return pieces
    out: list[str] = []
    i, n = 0, len(pieces)
    while i < n:
        joined, end = pieces[i], 0
        for j in range(i + 1, min(n, i + 12) + 1):
            if j > i + 1:
                joined += pieces[j - 1]
            low = joined.lower()
            if low in present:
                end = j
            if not any(w.startswith(low) for w in present):
                break
        if end:
            out.append("".join(pieces[i:end]))
            i = end
        else:
            out.append(pieces[i])
            i += 1
    return out


def _pythainlp_newmm(text: str) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    trie = _dictionary.get("trie")
    if trie is None:
        from pythainlp.util import Trie

        trie = _dictionary["trie"] = Trie(_dictionary["words"])  # type: ignore[arg-type]
    return word_tokenize(text, custom_dict=trie, engine="newmm-safe", keep_whitespace=True)


def segment(text: str) -> list[str]:
    """Newmm word segmentation of normalised text, whitespace and punctuation left out.

    Latin and digit runs stay whole ("r2r", "pmqa"); a word with inner punctuation
    ("ลปรร.", "e-mail") becomes its word-character pieces, the same pieces FTS5 makes.
    """
    return _words(_newmm(text))


_ASCII_WORD = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")
_piece_words: dict[str, list[str]] = {}


def _words(pieces: list[str]) -> list[str]:
    """The words of newmm's pieces (`words_of` each), consecutive Latin/digit pieces glued
    back together (nlpo3 cuts "r2r" into r|2|r). Pieces are mostly words seen before, so
    what each one holds is remembered: faster than `words_of` over the whole text."""
    out: list[str] = []
    cache = _piece_words
    glue = False
    for piece in pieces:
        found = cache.get(piece)
        if found is None:
            if len(cache) > 500_000:
                cache.clear()
            found = cache[piece] = words_of(piece)
        if glue and found and piece[0] in _ASCII_WORD:
            out[-1] += found[0]
            out.extend(found[1:])
        else:
            out.extend(found)
        glue = piece[-1] in _ASCII_WORD
    return out


def _split_pieces(pieces: list[str], lengths: list[int]) -> list[list[str]]:
    """Pieces of texts segmented together (joined by one line break each) cut back into
    each text's pieces, by the texts' lengths; the line breaks between them left out."""
    ends = list(itertools.accumulate(map(len, pieces)))
    out: list[list[str]] = []
    first = offset = 0
    for length in lengths[:-1]:
        at = offset + length  # where the line break between two texts is
        j = bisect.bisect_right(ends, at)
        if pieces[j] != "\n" or ends[j] != at + 1:  # not a piece of its own
            return _split_pieces_slowly(pieces, lengths)
        out.append(pieces[first:j])
        first, offset = j + 1, at + 1
    out.append(pieces[first:])
    return out


def _split_pieces_slowly(pieces: list[str], lengths: list[int]) -> list[list[str]]:
    out: list[list[str]] = [[] for _ in lengths]
    index, left = 0, lengths[0]  # characters of text `index` still to come
    for piece in pieces:
        while piece:
            if left == 0:  # the line break
                piece = piece[1:]
                index += 1
                left = lengths[index]
                continue
            take = piece[:left]
            out[index].append(take)
            piece = piece[len(take) :]
            left -= len(take)
    return out


# Texts are segmented together up to about this many characters a call: nlpo3 costs about
# 40 µs a call besides its work, but slows down on long inputs (a whole batch of 1,000
# posts, 750,000 characters, in one call: 1.5-1.9M characters/s; in calls of a few
# thousand: 3.0-3.3M; the same pieces).
SEGMENT_CHARS = 4_000


def segment_many(texts: list[str]) -> list[list[str]]:
    """`segment` of each normalised text, segmented a few thousand characters a call: a
    line break always ends a word, so texts joined by line breaks segment as each would
    alone, and nlpo3's cost per call is shared. If nlpo3 cannot be trusted with a group,
    each of its texts is segmented on its own."""
    if len(texts) == 1:
        return [segment(texts[0])]
    out: list[list[str]] = []
    start = 0
    while start < len(texts):
        end, size = start, 0
        while end < len(texts) and (size < SEGMENT_CHARS or end == start):
            size += len(texts[end]) + 1
            end += 1
        group = texts[start:end]
        start = end
        joined = "\n".join(group)
        pieces = _nlpo3(joined) if joined else []
        if pieces is None:
            out.extend(segment(t) for t in group)
            continue
        pieces = _join_pending(pieces, joined)
        out.extend(_words(p) for p in _split_pieces(pieces, [len(t) for t in group]))
    return out


def segment_pieces(text: str) -> list[str]:
    """Newmm pieces that together are exactly `text` (spaces included), for highlighting."""
    return _newmm(text)


@functools.lru_cache(maxsize=200_000)
def _decompose(word: str) -> tuple[str, ...]:
    """The dictionary words a compound is made of, recursively; () if it is not one.

    Every exact cover of the word by dictionary words of two or more characters with the
    fewest parts counts ("การจัดการ|ความรู้" and "การ|จัดการความรู้"), so each real part
    is found; a substring that leaves an unmatched remainder ("เ|กิน") is not a part.
    """
    if len(word) < 4 or not is_thai(word):
        return ()
    covers = _covers(word, _dictionary["words"])  # type: ignore[arg-type]
    covers = [c for c in covers if len(c) > 1]
    if not covers:
        return ()
    fewest = min(len(c) for c in covers)
    parts: dict[str, None] = {}
    for cover in covers:
        if len(cover) == fewest:
            for part in cover:
                parts[part] = None
                parts.update(dict.fromkeys(_decompose(part)))
    parts.pop(word, None)
    return tuple(parts)


def _covers(word: str, words: frozenset[str], limit: int = 12) -> list[tuple[str, ...]]:
    n = len(word)

    @functools.cache
    def from_(i: int) -> list[tuple[str, ...]]:
        if i == n:
            return [()]
        found: list[tuple[str, ...]] = []
        for j in range(n, i + 1, -1):
            if (i, j) != (0, n) and word[i:j] in words:
                found.extend((word[i:j], *rest) for rest in from_(j))
        return sorted(found, key=len)[:limit]

    return from_(0)


def compound_parts(word: str) -> tuple[str, ...]:
    """ "องค์ความรู้" → ("องค์", "ความรู้", "ความ", "รู้"); "เกิน" → () (no false "กิน")."""
    _ensure_dictionary()
    return _decompose(word)


def tokens(text: str) -> list[str]:
    """The words of a text as search sees them: normalised, segmented, digits in Arabic."""
    return segment(to_arabic_digits(normalise(text)))


_parts_cache: dict[str, tuple[str, ...]] = {}


def _parts(word: str) -> tuple[str, ...]:
    found = _parts_cache.get(word)
    if found is None:
        if len(_parts_cache) > 500_000:
            _parts_cache.clear()
        found = _parts_cache[word] = _decompose(word) if len(word) >= 4 else ()
    return found


_THAI_NUMBER = re.compile("[^\x1f]*[\u0e50-\u0e59][^\x1f]*")


def index_tokens(text: str) -> tuple[list[str], list[str]]:
    """Words in order (for ranking and phrases) and the extra forms that also find them.

    Extra forms are the dictionary parts of compounds and the Thai-digit spelling of
    numbers, so "ความรู้" finds "องค์ความรู้" and "๒๕๔๙" finds "2549" and back. Each
    extra form is listed once per text.
    """
    return index_tokens_many([text])[0]


def index_tokens_many(texts: list[str]) -> list[tuple[list[str], list[str]]]:
    """`index_tokens` of each text, segmented together (see `segment_many`)."""
    return [
        _with_extra(text, words)
        for text, words in zip(texts, segment_many([normalise(t) for t in texts]), strict=True)
    ]


def _with_extra(text: str, words: list[str]) -> tuple[list[str], list[str]]:
    extra: list[str] = []
    if any(d in text for d in THAI_DIGITS):
        joined = "\x1f".join(words)
        extra.extend(dict.fromkeys(_THAI_NUMBER.findall(joined)))
        words = to_arabic_digits(joined).split("\x1f")
    cache = _parts_cache
    for word in dict.fromkeys(words):
        parts = cache.get(word)
        if parts is None:
            parts = _parts(word)
        if parts:
            extra.extend(parts)
    return words, extra


def alternatives(chunk: str, *, limit: int = 4) -> list[list[str]]:
    """Other ways a run of Thai could be split into dictionary words, fewest words first.

    The same characters segment differently in different contexts ("ตากลม" as
    "ตา|กลม" or "ตาก|ลม"); a query tries each reading as a phrase.
    """
    text = normalise(chunk)
    if not is_thai(text) or len(text) > 40 or words_of(text) != [text]:
        return []
    words = dictionary_words()
    n = len(text)

    @functools.cache
    def readings(i: int) -> list[tuple[str, ...]]:
        if i == n:
            return [()]
        found: list[tuple[str, ...]] = []
        for j in range(min(n, i + 30), i + 1, -1):
            if text[i:j] in words:
                found.extend((text[i:j], *rest) for rest in readings(j))
                if len(found) > 4 * limit:
                    break
        return sorted(found, key=len)[: 4 * limit]

    return [list(r) for r in readings(0)[:limit]]

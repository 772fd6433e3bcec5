"""Thai language helpers: Buddhist-era dates, Thai digits, normalisation and word segmentation.

Search uses the same `tokens()` for documents and queries, so both sides always agree on
what a word is. Segmentation is newmm (nlpo3, the Rust implementation) over PyThaiNLP's
CC0 word list, extended with KM vocabulary and with every tag in use.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
import tempfile
import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from django.utils import timezone

BE_OFFSET = 543
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")

MONTHS_SHORT_TH = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
MONTHS_LONG_TH = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
MONTHS_SHORT_EN = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip


def to_thai_digits(text: object) -> str:
    return str(text).translate(_TO_THAI)


def to_arabic_digits(text: str) -> str:
    return text.translate(_TO_ARABIC)


def be_year(year: int) -> int:
    return year + BE_OFFSET


def format_date(
    value: dt.date | dt.datetime | None,
    *,
    calendar: str = "be",
    language: str = "th",
    long: bool = False,
    with_time: bool = False,
) -> str:
    """ "19 พ.ย. 2549" (BE, Thai), "19 Nov 2006" (CE, English); times in local time."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        time_part = value.strftime("%H:%M")
    else:
        time_part = ""
    year = be_year(value.year) if calendar == "be" else value.year
    if language == "th":
        months = MONTHS_LONG_TH if long else MONTHS_SHORT_TH
        text = f"{value.day} {months[value.month - 1]} {year}"
        if with_time and time_part:
            text += f" {time_part} น."
    else:
        era = " BE" if calendar == "be" else ""
        text = f"{value.day} {MONTHS_SHORT_EN[value.month - 1]} {year}{era}"
        if with_time and time_part:
            text += f" {time_part}"
    return text


def fiscal_year_be(value: dt.date) -> int:
    """Thai government fiscal year (October to September), in the Buddhist Era."""
    return be_year(value.year + 1 if value.month >= 10 else value.year)


# ---- normalisation ------------------------------------------------------------------

# Zero-width and invisible formatting characters that people paste from word processors;
# control characters go too (C0/C1 except tab and newlines).
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\ufeff\ufff9-\ufffb\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)
# A Thai vowel sign or tone mark typed twice in a row ("ก่่", "กีี") counts once.
_REPEATED_MARK = re.compile("([\u0e30-\u0e3a\u0e40-\u0e44\u0e47-\u0e4e])\\1+")
# Two sara e typed for sara ae, and nikhahit + sara aa typed for sara am.
_LOOKALIKES = (("เเ", "แ"), ("\u0e4d\u0e32", "\u0e33"))


def clean(text: str) -> str:
    """NFC, no invisible characters, no doubled marks; keeps case (for display)."""
    text = unicodedata.normalize("NFC", text or "")
    text = _INVISIBLE.sub("", text)
    for wrong, right in _LOOKALIKES:
        text = text.replace(wrong, right)
    return _REPEATED_MARK.sub(r"\1", text)


def normalise(text: str) -> str:
    """The form every searched and indexed text takes: `clean` and Latin in lower case."""
    return clean(text).lower()


# ---- what a word character is -----------------------------------------------------------

# The same rule as SQLite FTS5's `unicode61 categories 'L* N* Co M*'`: letters, numbers,
# private-use characters and marks make words; everything else separates them.
_CHECKED_PLANES = (range(0x0000, 0x20000), range(0xE0000, 0xE1000))


@functools.cache
def _separators() -> dict[int, str]:
    """A str.translate table turning every separator into a space (faster than a regex)."""
    table = {ord("_"): " "}
    for plane in _CHECKED_PLANES:
        for cp in plane:
            category = unicodedata.category(chr(cp))
            if category[0] not in "LNM" and category != "Co":
                table[cp] = " "
    return table


def words_of(text: str) -> list[str]:
    """Split on everything that is not a word character (no segmentation of Thai)."""
    return text.translate(_separators()).split()


def is_thai(word: str) -> bool:
    return any("\u0e01" <= ch <= "\u0e2e" for ch in word)


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
            _dictionary.update(words=words, pending=pending)
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
        name=name, words=frozenset(words), extra=extra, pending=frozenset(), trie=None
    )
    _decompose.cache_clear()
    _parts_cache.clear()


# ---- segmentation -------------------------------------------------------------------------

# nlpo3 cuts Latin/digit runs apart ("R2R" → "R|2|R"); a run written together stays one word.
_ASCII_GLUE = re.compile("(?<=[0-9a-z])\x1f(?=[0-9a-z])")


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
    import nlpo3

    if not text:
        return []
    _ensure_dictionary()
    pieces: list[str] = []
    if max(map(len, text.split()), default=0) <= LONG_RUN:
        pieces = nlpo3.segment(text, _dictionary["name"], safe=False)
    if "".join(pieces) != text:
        pieces = _pythainlp_newmm(text)
    return _join_pending(pieces, text)


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
    return words_of(_ASCII_GLUE.sub("", "\x1f".join(_newmm(text))))


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
    words = segment(normalise(text))
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

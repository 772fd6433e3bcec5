"""Thai language helpers: Buddhist-era dates, Thai digits, normalisation and word segmentation.

Search uses the same `tokens()` for documents and queries, so both sides always agree on
what a word is. Segmentation (dictionary, newmm, compounds) is in `thai_words.py` and is
reached from here: `thai.tokens`, `thai.index_tokens`, `thai.add_words`, ….
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

from django.utils import timezone

BE_OFFSET = 543
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
_DIGIT_PAIRS = tuple(zip(THAI_DIGITS, "0123456789", strict=True))

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
    # str.translate walks a dict per character (about 0.3 µs each on Thai text); a
    # replace per digit that occurs is a fast C search: 70 to 300 times faster.
    for thai_digit, digit in _DIGIT_PAIRS:
        if thai_digit in text:
            text = text.replace(thai_digit, digit)
    return text


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
# Whether there is one at all: a search without "+" is about 2.5 times faster than the
# substitution on Thai text (a group is captured at every mark), and most texts have none.
_DOUBLED_MARK = re.compile("([\u0e30-\u0e3a\u0e40-\u0e44\u0e47-\u0e4e])\\1")
# Two sara e typed for sara ae, and nikhahit + sara aa typed for sara am.
_LOOKALIKES = (("เเ", "แ"), ("\u0e4d\u0e32", "\u0e33"))


def clean(text: str) -> str:
    """NFC, no invisible characters, no doubled marks; keeps case (for display)."""
    text = unicodedata.normalize("NFC", text or "")
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    for wrong, right in _LOOKALIKES:
        if wrong in text:
            text = text.replace(wrong, right)
    return _REPEATED_MARK.sub(r"\1", text) if _DOUBLED_MARK.search(text) else text


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


# ---- segmentation (chumchon/core/thai_words.py) -------------------------------------------

_WORDS_API = frozenset(
    (
        "KM_WORDS", "add_words", "alternatives", "compound_parts", "dictionary_version",
        "dictionary_words", "index_tokens", "index_tokens_many", "segment", "segment_many",
        "segment_pieces", "tokens",
    )
)  # fmt: skip


def __getattr__(name: str) -> object:
    """`thai.tokens`, `thai.segment`…: the segmenter lives in its own module, loaded on
    first use (it imports this one)."""
    if name not in _WORDS_API:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from chumchon.core import thai_words

    value = getattr(thai_words, name)
    globals()[name] = value
    return value

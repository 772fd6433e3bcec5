"""Thai language helpers: Buddhist-era dates and Thai digits.

Search adds normalisation and word segmentation here (see the search app).
"""

from __future__ import annotations

import datetime as dt

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

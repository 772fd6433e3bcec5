"""Reporting periods: a calendar month, a fiscal quarter, a Thai fiscal year (Oct–Sep).

A period has a key that travels in URLs (`m-2025-03`, `q-2568-2`, `fy-2568`), a Thai and
an English label, the previous period of the same kind, and the buckets its charts use.
Quarters are fiscal quarters, as Thai government reports count them: Q1 is Oct–Dec.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from chumchon.core.thai import BE_OFFSET, MONTHS_LONG_TH, MONTHS_SHORT_EN, MONTHS_SHORT_TH
from chumchon.core.thai import fiscal_year_be as fiscal_year_be

MONTH, QUARTER, FISCAL_YEAR = "m", "q", "fy"
KINDS = (MONTH, QUARTER, FISCAL_YEAR)
_KEY_RE = re.compile(r"^(?:m-(\d{4})-(\d{1,2})|q-(\d{4})-([1-4])|fy-(\d{4}))$")


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date  # first day, inclusive
    end: dt.date  # day after the last, exclusive

    # ---- naming ----------------------------------------------------------------

    @property
    def key(self) -> str:
        if self.kind == MONTH:
            return f"m-{self.start.year}-{self.start.month:02d}"
        fy = fiscal_year_be(self.start)
        if self.kind == QUARTER:
            return f"q-{fy}-{self.quarter}"
        return f"fy-{fy}"

    @property
    def quarter(self) -> int:
        return ((self.start.month - 10) % 12) // 3 + 1

    def label(self, language: str = "th") -> str:
        """ "มีนาคม 2568", "ไตรมาส 2 ปีงบประมาณ 2568", "ปีงบประมาณ 2568"."""
        fy = fiscal_year_be(self.start)
        if language != "th":
            if self.kind == MONTH:
                return f"{MONTHS_SHORT_EN[self.start.month - 1]} {self.start.year}"
            if self.kind == QUARTER:
                return f"Q{self.quarter} fiscal year {fy - BE_OFFSET}"
            return f"fiscal year {fy - BE_OFFSET} (Oct {self.start.year} – Sep {fy - BE_OFFSET})"
        if self.kind == MONTH:
            return f"{MONTHS_LONG_TH[self.start.month - 1]} {self.start.year + BE_OFFSET}"
        last = self.end - dt.timedelta(days=1)
        span = (
            f"{MONTHS_SHORT_TH[self.start.month - 1]} {self.start.year + BE_OFFSET} – "
            f"{MONTHS_SHORT_TH[last.month - 1]} {last.year + BE_OFFSET}"
        )
        if self.kind == QUARTER:
            return f"ไตรมาส {self.quarter} ปีงบประมาณ {fy} ({span})"
        return f"ปีงบประมาณ {fy} ({span})"

    @property
    def noun(self) -> str:
        """What the findings call this period: "this month", "this quarter", "this year"."""
        return {MONTH: _("this month"), QUARTER: _("this quarter"), FISCAL_YEAR: _("this year")}[
            self.kind
        ]

    # ---- arithmetic --------------------------------------------------------------

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def contains(self, day: dt.date) -> bool:
        return self.start <= day < self.end

    def elapsed(self, today: dt.date) -> float:
        """How much of the period has passed by the end of `today`: 1.0 once it is over."""
        if today >= self.end - dt.timedelta(days=1):
            return 1.0
        return max(0.0, ((today - self.start).days + 1) / self.days)

    def previous(self) -> Period:
        months = {MONTH: 1, QUARTER: 3, FISCAL_YEAR: 12}[self.kind]
        return Period(self.kind, _add_months(self.start, -months), self.start)

    def next(self) -> Period:
        months = {MONTH: 1, QUARTER: 3, FISCAL_YEAR: 12}[self.kind]
        return Period(self.kind, self.end, _add_months(self.end, months))

    def buckets(self) -> list[tuple[dt.date, dt.date]]:
        """Chart buckets: days of a month, weeks of a quarter, months of a year."""
        if self.kind == FISCAL_YEAR:
            return [(_add_months(self.start, i), _add_months(self.start, i + 1)) for i in range(12)]
        step = dt.timedelta(days=1 if self.kind == MONTH else 7)
        out: list[tuple[dt.date, dt.date]] = []
        day = self.start
        while day < self.end:
            out.append((day, min(day + step, self.end)))
            day += step
        return out


def period_containing(kind: str, day: dt.date) -> Period:
    if kind == MONTH:
        start = day.replace(day=1)
        return Period(MONTH, start, _add_months(start, 1))
    fy_start = dt.date(day.year if day.month >= 10 else day.year - 1, 10, 1)
    if kind == QUARTER:
        months = ((day.year - fy_start.year) * 12 + day.month - 10) // 3 * 3
        start = _add_months(fy_start, months)
        return Period(QUARTER, start, _add_months(start, 3))
    if kind == FISCAL_YEAR:
        return Period(FISCAL_YEAR, fy_start, _add_months(fy_start, 12))
    raise ValueError(kind)


def period_from_key(key: str) -> Period:
    """Parse a period key; ValueError for anything else."""
    match = _KEY_RE.match(key or "")
    if not match:
        raise ValueError(key)
    year, month, q_year, quarter, fy = match.groups()
    if year:
        if not 1 <= int(month) <= 12:
            raise ValueError(key)
        return period_containing(MONTH, dt.date(int(year), int(month), 1))
    if q_year:
        fy_start = dt.date(int(q_year) - BE_OFFSET - 1, 10, 1)
        start = _add_months(fy_start, (int(quarter) - 1) * 3)
        return Period(QUARTER, start, _add_months(start, 3))
    return period_containing(FISCAL_YEAR, dt.date(int(fy) - BE_OFFSET - 1, 10, 1))


def periods_touching(first: dt.date, last: dt.date) -> set[Period]:
    """Every month, quarter and fiscal year that holds a day of [first, last]."""
    found: set[Period] = set()
    day = first.replace(day=1)
    while day <= last:
        for kind in KINDS:
            found.add(period_containing(kind, max(day, first)))
        day = _add_months(day, 1)
    return found


def recent_periods(today: dt.date) -> list[Period]:
    """What the period menu offers: three fiscal years, their quarters, twelve months."""
    years = [period_containing(FISCAL_YEAR, today)]
    years += [years[-1].previous(), years[-1].previous().previous()]
    quarters = [period_containing(QUARTER, today)]
    for _i in range(7):
        quarters.append(quarters[-1].previous())
    months = [period_containing(MONTH, today)]
    for _i in range(11):
        months.append(months[-1].previous())
    return years + quarters + months

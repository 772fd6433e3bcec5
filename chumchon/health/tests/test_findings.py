"""Findings: a period still running is not judged by totals it has not finished making."""

import datetime as dt

from django.utils import translation

from chumchon.health.findings import INFO, findings
from chumchon.health.periods import FISCAL_YEAR, period_containing
from chumchon.health.present import rows

NOW = {"contributors": 27, "posts": 23, "comments": 40, "units": 15, "reply_rate": 0.43}
BEFORE = {"contributors": 38, "posts": 60, "comments": 79, "units": 20, "reply_rate": 0.77}
YEAR = period_containing(FISCAL_YEAR, dt.date(2026, 11, 21))  # Oct 2026 – Sep 2027


def test_it_measures_how_much_of_a_period_has_passed() -> None:
    assert YEAR.elapsed(dt.date(2026, 10, 1)) == 1 / 365
    assert YEAR.elapsed(dt.date(2026, 11, 21)) == 52 / 365
    assert YEAR.elapsed(dt.date(2027, 9, 30)) == 1.0
    assert YEAR.elapsed(dt.date(2028, 1, 1)) == 1.0


def test_it_compares_totals_only_once_the_period_is_over() -> None:
    with translation.override("th"):
        running = findings(NOW, BEFORE, YEAR, today=dt.date(2026, 11, 21))
        over = findings(NOW, BEFORE, YEAR, today=dt.date(2027, 10, 2))
    running_metrics = {f.metric for f in running}
    assert {"contributors", "posts", "units"} <= {f.metric for f in over}
    assert not {"contributors", "posts", "units"} & running_metrics
    assert "reply_rate" in running_metrics  # a rate is compared at once
    notes = [f.text for f in running if f.tone == INFO]
    assert "ปีนี้ยังไม่จบ (ผ่านไป 52 จาก 365 วัน)" in " ".join(notes)
    assert not [f for f in over if f.tone == INFO and "ยังไม่จบ" in f.text]


def test_it_shows_no_trend_for_a_running_total_but_keeps_it_for_a_rate() -> None:
    data = {"metrics": NOW, "previous": BEFORE}
    shown = {r.metric.key: r for _g, group in rows(data, running=True) for r in group}
    assert shown["contributors"].trend == ""
    assert shown["reply_rate"].trend == "worse"
    finished = {r.metric.key: r for _g, group in rows(data) for r in group}
    assert finished["contributors"].trend == "worse"

"""Turning a snapshot into what the pages show."""

import datetime as dt

from chumchon.health.present import _elapsed


def test_it_charts_only_the_buckets_that_have_begun() -> None:
    series = {
        "starts": ["2026-10-01", "2026-11-01", "2026-12-01"],
        "posts": [4, 2, 0],
        "reply_hours": [3.0, None, None],
    }
    shown = _elapsed(series, dt.date(2026, 11, 21))
    assert shown == {
        "starts": ["2026-10-01", "2026-11-01"],
        "posts": [4, 2],
        "reply_hours": [3.0, None],
    }


def test_it_keeps_one_bucket_for_a_period_that_has_not_begun() -> None:
    series = {"starts": ["2027-10-01", "2027-11-01"], "posts": [0, 0]}
    assert _elapsed(series, dt.date(2026, 11, 21)) == {"starts": ["2027-10-01"], "posts": [0]}

"""The arithmetic of health on numbers small enough to check by hand."""

import datetime as dt

import pytest

from chumchon.health import calc, counts
from chumchon.health.models import ThreadFact

DAY = 86400


def test_it_counts_a_reply_within_seven_days_and_not_after() -> None:
    # answered in 1 h: yes; in 8 days: no; never: no; in exactly 7 days: yes -> 2 of 4
    assert calc.reply_rate([3600, 8 * DAY, None, 7 * DAY]) == 0.5


def test_it_has_no_reply_rate_without_posts() -> None:
    assert calc.reply_rate([]) is None


def test_it_takes_the_median_of_odd_and_even_counts() -> None:
    assert calc.median([5, 1, 3]) == 3
    assert calc.median([1, 2, 3, 10]) == 2.5
    assert calc.median([]) is None


def test_it_counts_reciprocity_by_pairs_of_people() -> None:
    pairs = {(1, 2): 3, (2, 1): 1, (1, 3): 2, (3, 4): 1, (4, 3): 2, (5, 5): 4}
    # pairs talking: {1,2} {1,3} {3,4}; both ways: {1,2} {3,4}; talking to oneself is no pair
    assert calc.reciprocity(pairs) == pytest.approx(2 / 3)


def test_it_computes_gini_by_hand() -> None:
    # 1,2,3,4: mean 2.5, sum of |xi - xj| over ordered pairs 20, G = 20 / (2 * 16 * 2.5)
    assert calc.gini([1, 2, 3, 4]) == pytest.approx(0.25)
    assert calc.gini([3, 3, 3]) == pytest.approx(0.0)
    assert calc.gini([0, 0]) is None


def test_it_gives_the_share_of_the_top_ten_percent() -> None:
    # ten contributors: the top one wrote 10 of 19
    assert calc.top_share([10] + [1] * 9) == pytest.approx(10 / 19)
    # eleven contributors: the top 10% rounds up to two people: (10 + 5) / 24
    assert calc.top_share([10, 5] + [1] * 9) == pytest.approx(15 / 24)


def test_it_finds_the_core_that_made_half_of_everything() -> None:
    assert calc.core_members({1: 10, 2: 5, 3: 3, 4: 2}) == [1]
    assert calc.core_members({4: 5, 3: 5, 2: 5, 1: 5}) == [1, 2]
    assert calc.core_members({}) == []


def test_it_retains_newcomers_who_come_back_within_sixty_days() -> None:
    jan1 = dt.date(2025, 1, 1)
    first = {1: jan1, 2: jan1, 3: jan1}
    active = {
        1: [jan1, dt.date(2025, 2, 15)],  # 45 days later: retained
        2: [dt.date(2025, 3, 5)],  # 63 days later: too late
        3: [jan1],  # only the same day: not "again"
    }
    assert calc.newcomer_retention(first, active) == (3, 1)


def test_it_flags_core_members_whose_activity_halved() -> None:
    previous = {1: 10, 2: 8, 3: 1}
    current = {1: 6, 2: 3}
    # 1: 6 of 10 is more than half; 2: 3 of 8 is less than half
    assert calc.at_risk(previous, current, core=[1, 2]) == [2]


@pytest.mark.parametrize("day", [5, 18, 20, 31])
def test_it_counts_the_conversation_in_the_database_as_in_python(db, day) -> None:
    """Threads of March: waits of 2 h, 8 days, 30 min and none; depths 3, 1, 1, 0. Each case
    drops the threads from `day` on, so the median is taken of odd and even counts."""
    rows = [(3, 7200, 3), (10, 8 * 86400, 1), (20, 1800, 1), (25, None, 0)]
    for post, (d, wait, depth) in enumerate(rows, start=1):
        ThreadFact.objects.create(
            scope=0, post_id=post, day=dt.date(2025, 3, d), author_id=1,
            first_reply_seconds=wait, comments=depth, depth=depth,
        )  # fmt: skip
    start, end = dt.date(2025, 3, 1), dt.date(2025, 3, day)
    threads = counts.threads(0, start, end)
    assert counts.conversation_in_db(0, start, end) == counts.conversation(threads)

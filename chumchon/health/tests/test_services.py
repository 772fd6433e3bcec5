"""Filling the count tables and computing a period's metrics, on a hand-made organisation."""

import datetime as dt
import json

import pytest
from django.core.management import call_command

from chumchon.comments.services import comment_create, comment_remove
from chumchon.core.testing import make_post
from chumchon.health import report
from chumchon.health.fill import TZ
from chumchon.health.models import (
    MemberDay,
    MemberFirst,
    PairDay,
    PairFirst,
    PeriodFacts,
    ScopeDay,
    Snapshot,
    TagUnitDay,
    ThreadFact,
)
from chumchon.health.periods import period_from_key
from chumchon.health.services import health_refresh, snapshot_get

MARCH = period_from_key("m-2025-03")
TODAY = dt.date(2025, 3, 31)


def at(day: int, hour: int = 9, month: int = 3) -> dt.datetime:
    return dt.datetime(2025, month, day, hour, tzinfo=TZ)


@pytest.fixture
def march(cast):
    """Two posts by somchai and one by somying in March 2025, with this conversation:

    post A (somchai, 3 Mar 09:00): somying comments at 11:00 (2 h), somchai answers her
        at 12:00, malee answers somchai's answer on 5 Mar (depth 3).
    post B (somchai, 10 Mar): only malee, 8 days later (not within 7 days).
    post C (somying, 20 Mar): somchai comments after 30 minutes.
    """
    a = make_post(cast.somchai_blog, title="A", written_at=at(3))
    b = make_post(cast.somchai_blog, title="B", kind="question", written_at=at(10))
    c = make_post(cast.somying_blog, title="C", kind="story", written_at=at(20))
    first = comment_create(post=a, author=cast.somying, body="ดีมาก", created_at=at(3, 11))
    answer = comment_create(
        post=a, author=cast.somchai, body="ขอบคุณ", parent=first, created_at=at(3, 12)
    )
    comment_create(post=a, author=cast.malee, body="เห็นด้วย", parent=answer, created_at=at(5))
    comment_create(post=b, author=cast.malee, body="ตอบช้า", created_at=at(18))
    comment_create(
        post=c, author=cast.somchai, body="เยี่ยม", created_at=at(20, 9) + dt.timedelta(minutes=30)
    )
    return cast, (a, b, c)


def test_it_fills_daily_counts(march) -> None:
    cast, (a, b, c) = march
    health_refresh(full=True, today=TODAY, snapshots=False)
    counts = dict(ScopeDay.objects.filter(scope=0, day__month=3).values_list("stat", "value"))
    assert ScopeDay.objects.get(scope=0, day=dt.date(2025, 3, 3), stat="comments").value == 2
    assert {counts.get("posts_article"), counts.get("posts_question")} == {1}
    somchai = MemberDay.objects.get(scope=0, member_id=cast.somchai.pk, day=dt.date(2025, 3, 3))
    assert (somchai.posts, somchai.comments) == (1, 1)
    # somying -> somchai (on his post), somchai -> somying (her comment), malee -> somchai
    pairs = set(
        PairDay.objects.filter(day=dt.date(2025, 3, 3)).values_list("source_id", "target_id")
    )
    assert pairs == {(cast.somying.pk, cast.somchai.pk), (cast.somchai.pk, cast.somying.pk)}


def test_it_records_the_shape_of_each_thread(march) -> None:
    cast, (a, b, c) = march
    health_refresh(full=True, today=TODAY, snapshots=False)
    facts = {f.post_id: f for f in ThreadFact.objects.filter(scope=0)}
    assert (facts[a.pk].first_reply_seconds, facts[a.pk].comments, facts[a.pk].depth) == (
        7200,
        3,
        3,
    )
    assert facts[b.pk].first_reply_seconds == 8 * 86400
    assert facts[c.pk].first_reply_seconds == 1800


def test_it_computes_the_months_metrics_by_hand(march) -> None:
    cast, posts = march
    health_refresh(full=True, today=TODAY, snapshots=False)
    m = snapshot_get(scope=0, period=MARCH, today=TODAY)["metrics"]
    assert (m["posts"], m["comments"], m["contributors"]) == (3, 5, 3)
    # A (2 h) and C (30 min) answered within 7 days, B after 8 days: 2 of 3
    assert m["reply_rate"] == pytest.approx(2 / 3)
    assert m["unanswered"] == 1
    # waits 0.5 h, 2 h, 192 h: the median is 2 h
    assert m["median_first_reply_hours"] == pytest.approx(2.0)
    # somying<->somchai both ways; malee->somchai one way: 1 of 2 pairs
    assert m["reciprocity"] == pytest.approx(0.5)
    # contributions: somchai 2 posts + 2 comments = 4, somying 1 + 1 = 2, malee 2
    assert m["gini"] == pytest.approx(2 * (1 * 2 + 2 * 2 + 3 * 4) / (3 * 8) - 4 / 3)
    assert m["core"] == 1  # somchai alone made half
    # medicine, nursing, epidemiology; the university and the health office
    assert (m["units"], m["organisations"]) == (3, 2)
    # A: somying->somchai, somchai->somying, malee->somchai; B: malee->somchai;
    # C: somchai->somying. Five interactions, all between different units
    assert m["interactions"] == 5
    assert m["cross_unit_share"] == 1.0
    assert m["cross_org_share"] == pytest.approx(2 / 5)  # malee's two replies cross organisations


def test_it_updates_one_day_incrementally(march) -> None:
    cast, (a, b, c) = march
    health_refresh(full=True, today=TODAY, snapshots=False)
    snapshot_get(scope=0, period=MARCH, today=TODAY)
    comment_create(post=b, author=cast.somying, body="มาช่วยตอบ", created_at=at(31, 10))
    health_refresh(since=dt.date(2025, 3, 31), today=TODAY, snapshots=False)
    assert not Snapshot.objects.filter(period=MARCH.key).exists()
    assert ThreadFact.objects.get(scope=0, post_id=b.pk).comments == 2
    m = snapshot_get(scope=0, period=MARCH, today=TODAY)["metrics"]
    assert m["comments"] == 6
    assert ScopeDay.objects.filter(scope=0, day=dt.date(2025, 3, 3), stat="comments").count() == 1


def test_it_runs_as_a_command(march) -> None:
    call_command("health-refresh", "--full", "--no-progress")
    assert ThreadFact.objects.filter(scope=0).count() == 3
    assert Snapshot.objects.filter(scope=0).count() == 3


def test_it_counts_the_small_hours_of_a_day_incrementally(march) -> None:
    """Bangkok is UTC+7: a comment at 02:00 on 31 March is stored on 30 March in UTC."""
    cast, (a, b, c) = march
    health_refresh(full=True, today=TODAY, snapshots=False)
    comment_create(post=c, author=cast.malee, body="ตื่นเช้า", created_at=at(31, 2))
    comment_create(post=c, author=cast.malee, body="ดึกแล้ว", created_at=at(30, 23))
    health_refresh(since=dt.date(2025, 3, 31), today=TODAY, snapshots=False)
    day = ScopeDay.objects.get(scope=0, day=dt.date(2025, 3, 31), stat="comments")
    assert day.value == 1
    malee = MemberDay.objects.get(scope=0, member_id=cast.malee.pk, day=dt.date(2025, 3, 31))
    assert (malee.posts, malee.comments) == (0, 1)
    # the thread of C is recounted whole, with the comment of the 30th too
    assert ThreadFact.objects.get(scope=0, post_id=c.pk).comments == 3


def rows() -> dict:
    """Every count table's rows without their ids."""
    return {
        model.__name__: sorted(
            model.objects.values_list(*[f.attname for f in model._meta.fields][1:])
        )
        for model in (
            ScopeDay, MemberDay, MemberFirst, PairDay, PairFirst, ThreadFact, TagUnitDay
        )
    }  # fmt: skip


def test_it_gives_the_same_counts_incrementally_as_a_full_refill(march) -> None:
    cast, (a, b, c) = march
    comment_create(post=a, author=cast.somying, body="อีกครั้ง", created_at=at(30, 23))
    health_refresh(full=True, today=TODAY, snapshots=False)
    comment_create(post=b, author=cast.somchai, body="ขอบคุณครับ", created_at=at(31, 1))
    make_post(cast.somying_blog, title="D", written_at=at(31, 6))
    health_refresh(since=dt.date(2025, 3, 31), today=TODAY, snapshots=False)

    incremental = rows()
    metrics = snapshot_get(scope=0, period=MARCH, today=TODAY)["metrics"]
    health_refresh(full=True, today=TODAY, snapshots=False)
    assert incremental == rows()
    assert snapshot_get(scope=0, period=MARCH, today=TODAY, refresh=True)["metrics"] == metrics
    assert metrics["posts"] == 4 and metrics["comments"] == 7
    assert ScopeDay.objects.get(scope=0, day=dt.date(2025, 3, 31), stat="posts_article").value == 1


def test_it_keeps_first_and_second_days_as_a_full_refill_would(march) -> None:
    """Recounting from the 18th: somchai's two first days (3rd, 10th) precede it and stay;
    malee's first day (5th) stays and her second (18th) is recounted; somying's second day
    (20th) is recounted; prasert is new, with both days in the range; the admin's only
    comment is removed, so the admin is no contributor any more."""
    cast, (a, b, c) = march
    gone = comment_create(post=c, author=cast.admin, body="แวะมา", created_at=at(25))
    health_refresh(full=True, today=TODAY, snapshots=False)
    assert MemberFirst.objects.filter(scope=0, member_id=cast.admin.pk).exists()
    comment_remove(comment=gone, member=cast.admin)
    comment_create(post=a, author=cast.prasert, body="ผมด้วย", created_at=at(29))
    comment_create(post=b, author=cast.prasert, body="ลองดู", created_at=at(30))
    comment_create(post=b, author=cast.malee, body="อีกที", created_at=at(30, 10))
    health_refresh(since=dt.date(2025, 3, 18), today=TODAY, snapshots=False)
    firsts = {
        m: (f, s)
        for m, f, s in MemberFirst.objects.filter(scope=0).values_list(
            "member_id", "first_day", "second_day"
        )
    }
    assert firsts == {
        cast.somchai.pk: (dt.date(2025, 3, 3), dt.date(2025, 3, 10)),
        cast.malee.pk: (dt.date(2025, 3, 5), dt.date(2025, 3, 18)),
        cast.somying.pk: (dt.date(2025, 3, 3), dt.date(2025, 3, 20)),
        cast.prasert.pk: (dt.date(2025, 3, 29), dt.date(2025, 3, 30)),
    }
    incremental = rows()
    health_refresh(full=True, today=TODAY, snapshots=False)
    assert incremental == rows()


def test_it_compares_with_kept_facts_of_the_previous_period_as_if_counted_again(march) -> None:
    cast, (a, b, c) = march
    today = dt.date(2025, 4, 10)
    health_refresh(full=True, today=today, snapshots=False)
    april = period_from_key("m-2025-04")
    kept = snapshot_get(scope=0, period=april, today=today)  # keeps March's facts
    assert PeriodFacts.objects.filter(scope=0, period="m-2025-03").exists()
    again = json.loads(json.dumps(report.build(0, april, today=today)))
    assert snapshot_get(scope=0, period=april, today=today, refresh=True) == kept == again
    assert kept["previous"]["comments"] == 5 and kept["previous"]["reply_rate"] == 2 / 3


def test_it_shares_work_between_periods_as_if_each_were_computed_alone(march) -> None:
    """In October the fiscal quarter so far is the fiscal year so far: a refresh computes
    their metrics and network once, yet each snapshot equals one computed on its own, with
    its own comparison (somchai, the core of the previous year, is at risk this year; the
    previous quarter had no core)."""
    cast, (a, b, c) = march
    today = dt.date(2025, 10, 20)
    d = make_post(cast.somying_blog, title="D", written_at=at(6, month=10))
    comment_create(post=d, author=cast.malee, body="น่าสนใจ", created_at=at(7, month=10))
    health_refresh(full=True, today=today)
    shared = report.shared_for(today)
    periods = [period_from_key(k) for k in ("q-2569-1", "fy-2569")]
    assert shared.key(0, periods[0]) == shared.key(0, periods[1])
    for key in ("m-2025-10", "q-2569-1", "fy-2569"):
        kept = Snapshot.objects.get(scope=0, period=key).data
        alone = json.loads(json.dumps(report.build(0, period_from_key(key), today=today)))
        assert kept == alone
    quarter, year = (
        Snapshot.objects.get(scope=0, period=key).data["metrics"] for key in ("q-2569-1", "fy-2569")
    )
    assert quarter["posts"] == year["posts"] == 1 and quarter["comments"] == year["comments"] == 1
    assert (quarter["at_risk"], year["at_risk"]) == (0, 1)


def test_it_follows_replies_through_removed_and_guest_comments(march) -> None:
    """On C: malee comments on the 21st, somchai answers her on the 22nd, prasert answers
    somchai on the 23rd, then malee removes her comment. somchai's answer still counts as
    a reply to malee (level 2, as if her comment were at the top) and prasert's is at
    level 3. On A a guest's comment waits for approval; malee's answer to it counts as a
    reply to A's author. Counting from the 21st gives the rows of a full refill."""
    cast, (a, b, c) = march
    health_refresh(full=True, today=TODAY, snapshots=False)
    hers = comment_create(post=c, author=cast.malee, body="ลองแบบนี้", created_at=at(21))
    his = comment_create(post=c, author=cast.somchai, body="ได้ผล", parent=hers, created_at=at(22))
    comment_create(post=c, author=cast.prasert, body="จริง", parent=his, created_at=at(23))
    comment_remove(comment=hers, member=cast.malee)
    guest = comment_create(post=a, guest_name="ผู้มาเยือน", body="สวัสดี", created_at=at(24))
    comment_create(post=a, author=cast.malee, body="ยินดี", parent=guest, created_at=at(25))
    health_refresh(since=dt.date(2025, 3, 21), today=TODAY, snapshots=False)

    thread = ThreadFact.objects.get(scope=0, post_id=c.pk)
    assert (thread.comments, thread.depth, thread.first_reply_seconds) == (3, 3, 1800)
    assert ThreadFact.objects.get(scope=0, post_id=a.pk).comments == 4
    replies = set(PairDay.objects.filter(scope=0, day__gte=dt.date(2025, 3, 21)).values_list(
        "day", "source_id", "target_id"
    ))  # fmt: skip
    assert replies == {
        (dt.date(2025, 3, 22), cast.somchai.pk, cast.malee.pk),
        (dt.date(2025, 3, 23), cast.prasert.pk, cast.somchai.pk),
        (dt.date(2025, 3, 25), cast.malee.pk, cast.somchai.pk),
    }
    incremental = rows()
    health_refresh(full=True, today=TODAY, snapshots=False)
    assert incremental == rows()


def test_it_recounts_threads_the_same_when_it_reads_the_whole_table(march, monkeypatch) -> None:
    """With many posts to recount, their old threads are found by reading ThreadFact whole
    instead of one lookup per post and scope: the rows are the same."""
    from chumchon.health import fill

    cast, (a, b, c) = march
    monkeypatch.setattr(fill, "SCAN_ABOVE", 0)
    health_refresh(full=True, today=TODAY, snapshots=False)
    comment_create(post=b, author=cast.somying, body="ตามมาตอบ", created_at=at(31, 8))
    health_refresh(since=dt.date(2025, 3, 31), today=TODAY, snapshots=False)
    assert ThreadFact.objects.get(scope=0, post_id=b.pk).comments == 2
    incremental = rows()
    health_refresh(full=True, today=TODAY, snapshots=False)
    assert incremental == rows()

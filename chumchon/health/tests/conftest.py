"""A small community of practice with a month of conversation, for the health tests."""

import datetime as dt

import pytest

from chumchon.comments.services import comment_create
from chumchon.communities.services import (
    community_create,
    community_post_share,
    membership_join,
)
from chumchon.core.testing import make_post
from chumchon.health.fill import TZ
from chumchon.health.periods import MONTH, period_containing


@pytest.fixture
def last_month() -> tuple:
    """The previous calendar month: fully in the past, so a refresh counts all of it."""
    today = dt.date.today()
    period = period_containing(MONTH, today).previous()
    return period, today


def at(period, day: int, hour: int = 9) -> dt.datetime:
    start = period.start
    return dt.datetime(start.year, start.month, day, hour, tzinfo=TZ)


@pytest.fixture
def cop(cast, last_month):
    """ชุมชน "km-nurses": malee facilitates; somchai and somying are members, prasert reads.

    Last month: somchai's post got a reply from somying after 3 hours, which somchai
    answered; somying's story got malee's reply after 1 day; a third post got none.
    """
    period, _today = last_month
    community = community_create(
        creator=cast.malee, name="ชุมชนพยาบาลนักจัดการความรู้", slug="km-nurses",
        purpose="แลกเปลี่ยนวิธีดูแลผู้ป่วยเบาหวานระหว่างหน่วยงาน", home_unit=cast.university,
    )  # fmt: skip
    for member in (cast.somchai, cast.somying, cast.prasert):
        membership_join(community=community, member=member)
    a = make_post(cast.somchai_blog, title="เล่าเรื่องคลินิกเบาหวาน", written_at=at(period, 2))
    b = make_post(cast.somying_blog, title="เรื่องเล่าเร้าพลัง", kind="story", written_at=at(period, 5))
    c = make_post(cast.somchai_blog, title="ถามเรื่อง AAR", kind="question", written_at=at(period, 9))
    make_post(cast.somchai_blog, title="บันทึกส่วนตัว", written_at=at(period, 9))  # not shared
    for post in (a, b, c):
        community_post_share(community=community, post=post, member=post.author)
    first = comment_create(
        post=a, author=cast.somying, body="ขอบคุณค่ะ", created_at=at(period, 2, 12)
    )
    comment_create(
        post=a, author=cast.somchai, body="ยินดีครับ", parent=first, created_at=at(period, 3)
    )
    comment_create(post=b, author=cast.malee, body="ชื่นชมค่ะ", created_at=at(period, 6))
    return community

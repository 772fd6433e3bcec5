"""Members joined and left per period, worked out by hand, with leaving recorded."""

import datetime as dt

import pytest

from chumchon.communities.models import MembershipEnded
from chumchon.communities.services import community_create, membership_join, membership_leave
from chumchon.health.fill import TZ
from chumchon.health.models import ScopeDay
from chumchon.health.periods import period_from_key
from chumchon.health.services import health_refresh, snapshot_get

FEBRUARY, MARCH = period_from_key("m-2025-02"), period_from_key("m-2025-03")
TODAY = dt.date(2025, 3, 31)


def at(month: int, day: int) -> dt.datetime:
    return dt.datetime(2025, month, day, 10, tzinfo=TZ)


@pytest.fixture
def comings_and_goings(cast):
    """prasert joins on 20 Feb and leaves on 10 Mar; somchai joins on 2 Mar; somying joins
    on 5 Mar, leaves on 20 Mar and comes back on 25 Mar. malee started the community in
    January, so she is counted then."""
    community = community_create(
        creator=cast.malee, name="ชุมชนคนเข้าออก", slug="comings", purpose="ทดสอบการนับสมาชิก",
        created_at=at(1, 10),
    )  # fmt: skip
    membership_join(community=community, member=cast.prasert, joined_at=at(2, 20))
    membership_join(community=community, member=cast.somchai, joined_at=at(3, 2))
    membership_join(community=community, member=cast.somying, joined_at=at(3, 5))
    membership_leave(community=community, member=cast.prasert, left_at=at(3, 10))
    membership_leave(community=community, member=cast.somying, left_at=at(3, 20))
    membership_join(community=community, member=cast.somying, joined_at=at(3, 25))
    return community


def members(community, period) -> tuple[int, int, int]:
    m = snapshot_get(scope=community.pk, period=period, today=TODAY)["metrics"]
    return m["members_joined"], m["members_left"], m["members"]


def test_it_keeps_a_record_when_a_member_leaves(cast, comings_and_goings) -> None:
    ended = MembershipEnded.objects.filter(community=comings_and_goings).order_by("left_at")
    assert [(e.member, e.joined_at, e.left_at) for e in ended] == [
        (cast.prasert, at(2, 20), at(3, 10)),
        (cast.somying, at(3, 5), at(3, 20)),
    ]


def test_it_counts_members_who_joined_and_left_by_hand(comings_and_goings) -> None:
    health_refresh(full=True, today=TODAY, snapshots=False)
    # February: prasert joined (malee in January) -> 2 members at its end
    assert members(comings_and_goings, FEBRUARY) == (1, 0, 2)
    # March: somchai, somying, somying again joined; prasert and somying left
    # -> 2 + 3 - 2 = 3 members (malee, somchai, somying)
    assert members(comings_and_goings, MARCH) == (3, 2, 3)


def test_it_counts_a_leaving_today_incrementally_as_a_refill_would(
    cast, comings_and_goings
) -> None:
    health_refresh(full=True, today=TODAY, snapshots=False)
    membership_leave(community=comings_and_goings, member=cast.somchai, left_at=at(3, 31))
    health_refresh(since=TODAY, today=TODAY, snapshots=False)
    assert members(comings_and_goings, MARCH) == (3, 3, 2)
    incremental = sorted(ScopeDay.objects.values_list("scope", "day", "stat", "value"))
    health_refresh(full=True, today=TODAY, snapshots=False)
    assert sorted(ScopeDay.objects.values_list("scope", "day", "stat", "value")) == incremental

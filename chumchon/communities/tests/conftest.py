from __future__ import annotations

from dataclasses import dataclass

import pytest

from chumchon.communities.models import Community
from chumchon.communities.services import community_create, membership_invite, membership_join
from chumchon.core.testing import Cast


@dataclass
class Cop:
    """Three communities facilitated by malee, one of each visibility; somchai is in all."""

    public: Community
    closed: Community
    secret: Community


def start(cast: Cast, slug: str, visibility: str = "public", join_policy: str = "open", **kw):  # type: ignore[no-untyped-def]
    return community_create(
        creator=kw.pop("creator", cast.malee), name=kw.pop("name", f"ชุมชน {slug}"), slug=slug,
        purpose=kw.pop("purpose", "ทำงานสอบสวนโรคให้ดีขึ้นด้วยกัน"), visibility=visibility,
        join_policy=join_policy, **kw,
    )  # fmt: skip


def invite_in(community: Community, inviter, member) -> None:  # type: ignore[no-untyped-def]
    membership_invite(community=community, inviter=inviter, member=member)
    membership_join(community=community, member=member)


@pytest.fixture
def cop(cast: Cast) -> Cop:
    public = start(cast, "epi-public", reach="area", home_unit=cast.health_office)
    closed = start(cast, "epi-closed", "closed", "request", reach="unit")
    secret = start(cast, "epi-secret", "secret", "invitation", reach="unit")
    for community in (public, closed, secret):
        invite_in(community, cast.malee, cast.somchai)
    return Cop(public=public, closed=closed, secret=secret)

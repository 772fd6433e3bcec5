"""Evidence from communities: assets, sessions, facilitating, and the closed-community privacy."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils import timezone

from chumchon.accounts.models import Member
from chumchon.blogs.models import Post
from chumchon.communities.models import Community
from chumchon.communities.services import (
    asset_propose,
    community_create,
    community_post_share,
    membership_invite,
    membership_join,
    session_create,
)
from chumchon.core.testing import PASSWORD, Cast
from chumchon.experts.queries import FinderFilters, experts_for, experts_hydrate
from chumchon.experts.ranking import Kind
from chumchon.experts.relevance import Hit
from chumchon.experts.tests.helpers import write


def community(cast: Cast, slug: str, visibility: str = "public", tags=(), **kw) -> Community:  # type: ignore[no-untyped-def]
    return community_create(
        creator=kw.pop("creator", cast.malee), name=f"ชุมชน {slug}", slug=slug,
        purpose="ทำงานให้ดีขึ้นด้วยกัน", visibility=visibility, tags=list(tags),
        join_policy="invitation" if visibility != "public" else "open",
    )  # fmt: skip


def bring_in(c: Community, inviter: Member, member: Member) -> None:
    membership_invite(community=c, inviter=inviter, member=member)
    membership_join(community=c, member=member)


def handles(scores: list) -> list[str]:
    by_id = dict(Member.objects.values_list("pk", "handle"))
    return [by_id[p.person_id] for p in scores]


@pytest.fixture
def closed(cast: Cast, index) -> Community:  # type: ignore[no-untyped-def]
    """A closed community of the epidemiology group where malee writes members-only posts."""
    c = community(cast, "epi-closed", "closed", creator=cast.malee)
    bring_in(c, cast.malee, cast.prasert)
    for i in range(3):
        post = write(cast.malee, f"สอบสวนโรคไข้เลือดออก ภายใน {i}", "ไข้เลือดออก " * 5)
        community_post_share(community=c, post=post, member=cast.malee, members_only=True)
    write(cast.somying, "ไข้เลือดออกในหอผู้ป่วยเด็ก", "ไข้เลือดออก ไข้เลือดออก")
    write(cast.somchai, "ไข้เลือดออก", "ไข้เลือดออก")
    index()
    return c


def test_it_ranks_differently_for_a_member_and_an_outsider_of_a_closed_community(
    cast: Cast, closed: Community
) -> None:
    now = timezone.now()
    insider = experts_for("ไข้เลือดออก", viewer=cast.prasert, now=now)
    outsider = experts_for("ไข้เลือดออก", viewer=cast.somchai, now=now)
    assert handles(insider)[0] == "malee"
    assert "malee" not in handles(outsider)
    assert handles(outsider) == [h for h in handles(insider) if h != "malee"]
    # What the outsider gets is exactly what a world without the closed posts gives.
    seen = [(h, round(p.score, 9)) for h, p in zip(handles(outsider), outsider, strict=True)]
    Post.objects.filter(community_shares__community=closed).delete()
    world = experts_for("ไข้เลือดออก", viewer=cast.somchai, now=now)
    assert seen == [(h, round(p.score, 9)) for h, p in zip(handles(world), world, strict=True)]


def test_it_leaks_no_closed_snippet_or_title_through_the_page_or_the_api(
    cast: Cast, closed: Community
) -> None:
    client = Client()
    client.login(handle="somchai", password=PASSWORD)
    page = client.get("/experts", {"q": "ไข้เลือดออก"}).content.decode()
    api = json.dumps(client.get("/api/v1/experts", {"q": "ไข้เลือดออก"}).json(), ensure_ascii=False)
    assert "สมหญิง" in page and "สมหญิง" in api
    for text in (page, api):
        assert "ภายใน" not in text
        assert "มาลี" not in text
    insider = Client()
    insider.login(handle="prasert", password=PASSWORD)
    body = insider.get("/api/v1/experts", {"q": "ไข้เลือดออก"}).json()
    assert "ภายใน" in json.dumps(body, ensure_ascii=False)


def test_it_counts_assets_for_their_author_and_the_writers_they_cite(cast: Cast) -> None:
    c = community(cast, "km", creator=cast.malee)
    bring_in(c, cast.malee, cast.somying)
    source = write(cast.somying, "เรื่องเล่าการเยี่ยมบ้าน", "เยี่ยมบ้าน")
    asset = asset_propose(
        community=c, author=cast.malee, title="แนวทางเยี่ยมบ้านผู้ป่วยติดเตียง",
        summary="เยี่ยมบ้าน ให้ครบทุกสัปดาห์", posts=[source], publish=True,
    )  # fmt: skip

    def only_the_asset(query: str, *, viewer: object, limit: int) -> list[Hit]:
        return [Hit("asset", asset.pk, 1.0, "…เยี่ยมบ้าน…")]

    ranked = experts_for("เยี่ยมบ้าน", viewer=cast.somchai, source=only_the_asset)
    assert handles(ranked) == ["malee", "somying"]
    assert ranked[0].counts[Kind.ASSET] == 1
    assert ranked[1].counts[Kind.CITED] == 1
    (expert, _cited) = experts_hydrate(ranked, viewer=cast.somchai)
    assert expert.evidence[0].url == asset.get_absolute_url()


def test_it_counts_sessions_for_who_led_them_only_where_the_viewer_may_see(
    cast: Cast, index
) -> None:  # type: ignore[no-untyped-def]
    public = community(cast, "open-cop", creator=cast.malee)
    secret = community(cast, "secret-cop", "secret", creator=cast.somying)
    when = dt.datetime(2026, 1, 10, 9, tzinfo=dt.UTC)
    session_create(
        community=public, organiser=cast.malee, title="เวที ลปรร. การคัดกรองวัณโรค", starts_at=when
    )
    session_create(
        community=secret, organiser=cast.somying, title="วัณโรค: ทบทวนภายใน", starts_at=when
    )
    index()
    assert handles(experts_for("วัณโรค", viewer=cast.somchai)) == ["malee"]
    assert sorted(handles(experts_for("วัณโรค", viewer=cast.somying))) == ["malee", "somying"]
    (malee,) = experts_hydrate(
        experts_for("วัณโรค", viewer=AnonymousUser()), viewer=AnonymousUser(), query="วัณโรค"
    )
    assert [e.kind for e in malee.evidence] == [Kind.SESSION]
    assert "1" in malee.reason


def test_it_adds_facilitating_a_community_with_matching_tags_if_the_viewer_may_see_it(
    cast: Cast,
) -> None:
    community(cast, "diabetes", tags=["เบาหวาน"], creator=cast.somying)
    community(cast, "diabetes-closed", "closed", tags=["เบาหวาน"], creator=cast.malee)
    ranked = experts_for("เบาหวาน", viewer=cast.prasert)
    assert handles(ranked) == ["somying"]
    assert ranked[0].facilitates == ("ชุมชน diabetes",)
    assert sorted(handles(experts_for("เบาหวาน", viewer=cast.malee))) == ["malee", "somying"]


def test_it_filters_by_community_members_the_viewer_may_see(cast: Cast, closed: Community) -> None:
    for_insider = experts_for(
        "ไข้เลือดออก", viewer=cast.prasert, filters=FinderFilters(community=closed)
    )
    assert handles(for_insider) == ["malee"]
    for_outsider = experts_for(
        "ไข้เลือดออก", viewer=cast.somchai, filters=FinderFilters(community=closed)
    )
    assert for_outsider == []
    form = Client().get("/experts", {"q": "ไข้เลือดออก", "community": "epi-closed"})
    assert form.status_code == 200 and 'role="alert"' in form.content.decode()
    assert (
        Client().get("/api/v1/experts", {"q": "x", "community": "epi-closed"}).json()["total"] == 0
    )

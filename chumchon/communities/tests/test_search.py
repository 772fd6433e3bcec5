"""Communities and knowledge assets in search: Thai words, the page and the API, privacy,
and an index that follows every write once it commits."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from chumchon.communities.models import Community
from chumchon.communities.services import (
    asset_propose,
    asset_publish,
    asset_remove,
    asset_update,
    community_update,
    membership_join,
)
from chumchon.communities.tests.conftest import Cop, invite_in, start
from chumchon.core.testing import Cast
from chumchon.search.backends import backend
from chumchon.search.indexing import reindex
from chumchon.search.searching import SearchResults, search

Write = Callable[..., Any]


@pytest.fixture
def write(django_capture_on_commit_callbacks: Any) -> Write:
    """Run a service, then its after-commit effects (the search index), as in production."""

    def run(service: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return service(*args, **kwargs)

    return run


@pytest.fixture
def indexed(write: Write, cast: Cast) -> Cop:
    """The three communities of `cop`, each with a published asset, all indexed on commit."""
    public = write(
        start, cast, "wound-care", name="ขุมความรู้การดูแลแผลกดทับ", reach="area",
        purpose="พยาบาลแลกเปลี่ยนวิธีป้องกันแผลกดทับในหอผู้ป่วย", tags=["แผลกดทับ"],
        home_unit=cast.nursing,
    )  # fmt: skip
    closed = write(
        start, cast, "epi-closed", "closed", "request", name="ชุมชนนักระบาดวิทยาภาคเหนือ",
        purpose="สอบสวนโรคไข้เลือดออกร่วมกัน",
    )  # fmt: skip
    secret = write(
        start, cast, "epi-secret", "secret", "invitation", name="ชุมชนลับทีมเฝ้าระวัง",
        purpose="ทบทวนเหตุการณ์ไข้เลือดออกที่ยังไม่เปิดเผย", tags=["ความลับทีม"],
    )  # fmt: skip
    for community in (public, closed, secret):
        write(invite_in, community, cast.malee, cast.somchai)
    for community, what in ((public, "ที่นอนลม"), (closed, "กับดักยุง"), (secret, "ทรายอะเบท")):
        write(
            asset_propose, community=community, author=cast.malee, publish=True,
            title=f"วิธีใช้{what}ให้ได้ผล", summary=f"สรุปบทเรียนเรื่อง{what}จากเวที ลปรร.",
            steps=f"1. เตรียม{what}\n2. ทำ **AAR** หลังใช้", tags=["ไข้เลือดออก"],
        )  # fmt: skip
    return Cop(public=public, closed=closed, secret=secret)


def _keys(user: Any, q: str, type: str) -> list[str]:
    return [h.key for h in search(user=user, q=q, type=type).hits]


def _titles(user: Any, q: str, type: str) -> list[str]:
    return [h.title for h in search(user=user, q=q, type=type).hits]


def _everything_shown(results: SearchResults) -> str:
    """Every piece of text a results page or the API would show a viewer."""
    parts = [f"{h.key} {h.title} {h.url} {h.snippet}" for h in results.hits]
    parts += [f"{v.value} {v.label}" for f in results.facets for v in f.values]
    return " ".join(parts)


# ---- Thai words ------------------------------------------------------------------------


def test_it_finds_a_community_by_a_word_inside_its_thai_name(indexed: Cop) -> None:
    assert _keys(AnonymousUser(), "ความรู้", "communities") == ["wound-care"]
    assert _keys(AnonymousUser(), "แผลกดทับ", "communities") == ["wound-care"]
    # A false substring finds nothing: "ดูแล" is a word of the name, "แล" alone is not.
    assert _keys(AnonymousUser(), "ทับทิม", "communities") == []


def test_it_ranks_a_community_named_by_the_words_above_one_that_mentions_them(
    write: Write, cast: Cast
) -> None:
    write(start, cast, "ward", name="ชุมชนหอผู้ป่วยใน", purpose="ใช้ข้อมูลระบาดวิทยาในหอผู้ป่วย")
    write(start, cast, "epi", name="ชุมชนนักระบาดวิทยา", purpose="ทำงานสอบสวนโรคด้วยกัน")
    write(start, cast, "tagged", name="ชุมชนสุขศึกษา", purpose="สอนสุขศึกษา", tags=["ระบาดวิทยา"])
    assert _keys(AnonymousUser(), "ระบาดวิทยา", "communities") == ["epi", "tagged", "ward"]


def test_it_finds_assets_by_title_summary_steps_and_tags(indexed: Cop) -> None:
    anyone = AnonymousUser()
    assert _titles(anyone, "ที่นอนลม", "assets") == ["วิธีใช้ที่นอนลมให้ได้ผล"]
    assert _titles(anyone, "บทเรียน ลปรร.", "assets") == ["วิธีใช้ที่นอนลมให้ได้ผล"]
    assert _titles(anyone, "เตรียม AAR", "assets") == ["วิธีใช้ที่นอนลมให้ได้ผล"]  # the steps
    assert _titles(anyone, "ไข้เลือดออก", "assets") == ["วิธีใช้ที่นอนลมให้ได้ผล"]  # a tag
    hit = search(user=anyone, q="ที่นอนลม", type="assets").hits[0]
    assert "<mark>ที่นอน</mark><mark>ลม</mark>" in hit.snippet and "**" not in hit.snippet


# ---- privacy ---------------------------------------------------------------------------------


def test_it_never_shows_a_secret_community_or_its_assets_to_outsiders(
    indexed: Cop, cast: Cast
) -> None:
    for outsider in (AnonymousUser(), cast.prasert):
        for q in ("ไข้เลือดออก", "ชุมชนลับ", "ความลับทีม", "เฝ้าระวัง"):
            found = search(user=outsider, q=q, type="communities", with_details=True)
            shown = _everything_shown(found)
            assert "epi-secret" not in shown and "ลับ" not in shown and "เปิดเผย" not in shown
            assert found.total == len(found.hits)  # nothing counted that is not shown
        assets = search(user=outsider, q="ไข้เลือดออก", type="assets", with_details=True)
        assert [h.title for h in assets.hits] == ["วิธีใช้ที่นอนลมให้ได้ผล"]
        assert assets.total == 1
        assert "epi-secret" not in _everything_shown(assets)
        assert _titles(outsider, "ทรายอะเบท", "assets") == []
    member = cast.somchai
    assert _keys(member, "ความลับทีม", "communities") == ["epi-secret"]
    assert _titles(member, "ทรายอะเบท", "assets") == ["วิธีใช้ทรายอะเบทให้ได้ผล"]
    assert _keys(cast.admin, "เฝ้าระวัง", "communities") == ["epi-secret"]


def test_it_lets_anyone_find_a_closed_community_but_not_its_assets(
    indexed: Cop, cast: Cast
) -> None:
    for outsider in (AnonymousUser(), cast.prasert):
        assert _keys(outsider, "ระบาดวิทยา", "communities") == ["epi-closed"]
        assert _keys(outsider, "สอบสวนโรค", "communities") == ["epi-closed"]  # its purpose
        assert _titles(outsider, "กับดักยุง", "assets") == []
        facets = search(user=outsider, q="ไข้เลือดออก", type="assets", with_details=True).facets
        communities = {v.value for f in facets if f.key == "community" for v in f.values}
        assert communities == {"wound-care"}
    assert _titles(cast.somchai, "กับดักยุง", "assets") == ["วิธีใช้กับดักยุงให้ได้ผล"]
    counted = search(user=cast.somchai, q="ไข้เลือดออก", type="assets", with_details=True)
    assert counted.total == 3


def test_it_hides_a_community_made_secret_at_once(indexed: Cop, cast: Cast, write: Write) -> None:
    public = indexed.public
    assert _keys(cast.prasert, "แผลกดทับ", "communities") == ["wound-care"]
    write(
        community_update, community=public, editor=cast.malee, name=public.name,
        purpose=public.purpose, goals="", tags=["แผลกดทับ"], home_unit=None, reach=public.reach,
        visibility=Community.Visibility.SECRET, join_policy=Community.JoinPolicy.INVITATION,
    )  # fmt: skip
    assert _keys(cast.prasert, "แผลกดทับ", "communities") == []
    assert _titles(cast.prasert, "ที่นอนลม", "assets") == []
    assert _keys(cast.somchai, "แผลกดทับ", "communities") == ["wound-care"]


def test_it_hides_the_assets_of_a_community_made_closed_at_once(
    indexed: Cop, cast: Cast, write: Write
) -> None:
    public = indexed.public
    write(
        community_update, community=public, editor=cast.malee, name="ชุมชนพยาบาลแผลเรื้อรัง",
        purpose=public.purpose, goals="ลดแผลกดทับให้เป็นศูนย์", tags=[], home_unit=None,
        reach=public.reach, visibility=Community.Visibility.CLOSED,
        join_policy=Community.JoinPolicy.REQUEST,
    )  # fmt: skip
    assert _titles(cast.prasert, "ที่นอนลม", "assets") == []
    assert _titles(cast.somchai, "ที่นอนลม", "assets") == ["วิธีใช้ที่นอนลมให้ได้ผล"]
    # Still known to exist: found by its new name and goals, no longer by its old name.
    assert _keys(cast.prasert, "แผลเรื้อรัง", "communities") == ["wound-care"]
    assert _keys(cast.prasert, "ศูนย์", "communities") == ["wound-care"]
    assert _keys(cast.prasert, "ขุมความรู้", "communities") == []


def test_it_follows_an_asset_from_proposal_to_removal(
    indexed: Cop, cast: Cast, write: Write
) -> None:
    community = indexed.public
    write(membership_join, community=community, member=cast.somying)
    asset = write(
        asset_propose, community=community, author=cast.somying, title="การพลิกตัวผู้ป่วย",
        summary="พลิกตัวทุกสองชั่วโมง",
    )  # fmt: skip
    for viewer in (AnonymousUser(), cast.somying, cast.malee, cast.admin):
        assert _titles(viewer, "พลิกตัว", "assets") == []  # a proposal is not yet knowledge
    write(asset_publish, asset=asset, member=cast.malee)
    assert _titles(AnonymousUser(), "พลิกตัว", "assets") == ["การพลิกตัวผู้ป่วย"]
    write(
        asset_update, asset=asset, editor=cast.malee, title="การจัดท่านอน",
        summary="จัดท่านอนตะแคงทุกสองชั่วโมง", steps="", tags=[],
    )  # fmt: skip
    assert _titles(AnonymousUser(), "พลิกตัว", "assets") == []
    assert _titles(AnonymousUser(), "ตะแคง", "assets") == ["การจัดท่านอน"]
    write(asset_remove, asset=asset, member=cast.malee)
    for viewer in (AnonymousUser(), cast.malee, cast.admin):
        assert _titles(viewer, "ตะแคง", "assets") == []


def test_it_rebuilds_communities_and_assets_with_reindex(indexed: Cop, cast: Cast) -> None:
    backend().clear(None)
    assert _keys(cast.somchai, "ไข้เลือดออก", "communities") == []
    counts = reindex(workers=1)
    assert counts["communities"] == 3 and counts["assets"] == 3
    assert set(_keys(cast.somchai, "ไข้เลือดออก", "communities")) == {"epi-closed", "epi-secret"}
    assert len(_titles(cast.somchai, "ไข้เลือดออก", "assets")) == 3


# ---- the page and the API ---------------------------------------------------------------------


def test_it_shows_communities_and_assets_in_their_tabs(
    client, indexed: Cop, cast: Cast, django_assert_max_num_queries
) -> None:
    for n in range(6):
        start(cast, f"more-{n}", name=f"ชุมชนดูแลแผล {n}", purpose="ป้องกันแผลกดทับ", tags=["แผล"])
    reindex(["communities"], workers=1)
    # The index counts its matches before ranking them (search.backends.top), for the
    # words as typed and for their other reading (แผล กด ทับ).
    with django_assert_max_num_queries(14):
        page = client.get("/search", {"q": "แผลกดทับ", "type": "communities"}).content.decode()
    assert 'href="/c/wound-care"' in page and "ขุมความรู้การดูแล<mark>แผลกดทับ</mark>" in page
    assert re.search(r'href="[^"]*type=communities" aria-current="page"', page)
    assert "<mark>" in page and "epi-secret" not in page
    with django_assert_max_num_queries(14):
        page = client.get("/search", {"q": "ไข้เลือดออก", "type": "assets"}).content.decode()
    assert indexed.public.assets.get().get_absolute_url() in page
    assert re.search(r'href="[^"]*type=assets" aria-current="page"', page)
    assert "วิธีใช้ที่นอนลมให้ได้ผล" in page and "ทรายอะเบท" not in page and "กับดักยุง" not in page


def test_it_answers_the_api_with_slug_title_url_score_and_snippet(
    client, indexed: Cop, cast: Cast
) -> None:
    data = client.get("/api/v1/search", {"q": "ความรู้", "type": "communities"}).json()
    assert data["total"] == 1
    (hit,) = data["results"]
    assert hit["slug"] == "wound-care" and hit["title"] == "ขุมความรู้การดูแลแผลกดทับ"
    assert hit["url"] == "/c/wound-care" and hit["score"] > 0
    assert (
        "<mark>แผลกดทับ</mark>"
        in client.get("/api/v1/search", {"q": "แผลกดทับ", "type": "communities"}).json()["results"][
            0
        ]["snippet"]
    )
    asset = indexed.public.assets.get()
    data = client.get("/api/v1/search", {"q": "ไข้เลือดออก", "type": "assets"}).json()
    assert data["total"] == 1
    assert data["results"][0]["slug"] == str(asset.pk)
    assert data["results"][0]["url"] == asset.get_absolute_url()
    client.force_login(cast.somchai)
    data = client.get("/api/v1/search", {"q": "ไข้เลือดออก", "type": "assets"}).json()
    assert data["total"] == 3

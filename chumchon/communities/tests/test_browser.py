"""The issue's "Done when", in a real Chromium: communities from start to knowledge asset."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from chumchon.browser import screenshot_path
from chumchon.comments.services import comment_create
from chumchon.communities.services import community_post_share
from chumchon.communities.tests.conftest import start
from chumchon.core.testing import PASSWORD, Cast, make_post


def _sign_in(page: Any, handle: str) -> None:
    page.goto(f"{page.base_url}/accounts/login/")
    page.fill("input[name=username]", handle)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button")


@pytest.fixture
def others(page: Any) -> Iterator[list[Any]]:
    """Other people's browser contexts, closed before the live server stops."""
    contexts: list[Any] = []
    yield contexts
    for context in contexts:
        context.close()


def _as(page: Any, others: list[Any], handle: str) -> Any:
    """Another person's browser: a fresh context on the same browser and server."""
    context = page.context.browser.new_context(locale="th-TH", timezone_id="Asia/Bangkok")
    others.append(context)
    other = context.new_page()
    other.base_url = page.base_url
    if handle:
        _sign_in(other, handle)
    return other


@pytest.mark.browser
def test_it_runs_a_community_from_start_to_knowledge_asset(
    page: Any, others: list[Any], cast: Cast
) -> None:
    # A member starts a community, joins her blog, and a new post appears in its feed.
    _sign_in(page, "somying")
    page.goto(f"{page.base_url}/c/new")
    page.fill("input[name=name]", "ชุมชนพยาบาลเล่าเรื่อง")
    page.fill("input[name=slug]", "nurse-stories")
    page.fill("textarea[name=purpose]", "เล่าเรื่องการดูแลผู้ป่วยที่ได้ผล เพื่อให้หอผู้ป่วยอื่นเอาไปใช้")
    page.select_option("select[name=reach]", "cross_functional")
    page.check("input[name=visibility][value=public]")
    page.check("input[name=join_policy][value=open]")
    page.click("form button[type=submit]")
    assert page.locator("h1").inner_text() == "ชุมชนพยาบาลเล่าเรื่อง"
    page.select_option("select[name=blog]", label="เรื่องเล่าจากหอผู้ป่วย")
    page.click("form[action$='/blogs'] button")
    make_post(cast.somying_blog, title="พลิกตัวผู้ป่วยทุกสองชั่วโมงด้วยนาฬิกาบนผนัง")
    page.reload()
    assert page.locator("#body .post-list").get_by_text("พลิกตัวผู้ป่วยทุกสองชั่วโมง").is_visible()
    page.screenshot(path=screenshot_path("community-page"), full_page=True)

    # A second member asks to join a closed community, is approved, then reads its posts.
    closed = start(cast, "epi-closed", "closed", "request", name="ชุมชนสอบสวนโรค (ปิด)")
    inside = make_post(_malee_blog(cast), title="บทเรียนจากการสอบสวนอาหารเป็นพิษ")
    community_post_share(community=closed, post=inside, member=cast.malee, members_only=True)
    comment = comment_create(post=inside, author=cast.malee, body="ส่งรายงานฉบับแรกก่อนผลแล็บ")
    somchai = _as(page, others, "somchai")
    somchai.goto(f"{page.base_url}/c/epi-closed")
    assert somchai.get_by_text(inside.title).count() == 0
    somchai.get_by_role("button", name="ขอเข้าร่วม").click()
    malee = _as(page, others, "malee")
    malee.goto(f"{page.base_url}/c/epi-closed/members")
    malee.click("button[value=approve]")
    somchai.goto(f"{page.base_url}/c/epi-closed")
    assert somchai.get_by_text(inside.title).is_visible()

    # An anonymous visitor sees none of the closed posts and a 404 for a secret community.
    start(cast, "secret-review", "secret", "invitation")
    anonymous = _as(page, others, "")
    anonymous.goto(f"{page.base_url}/c/epi-closed")
    assert "ชุมชนสอบสวนโรค (ปิด)" in anonymous.locator("h1").inner_text()
    assert anonymous.get_by_text(inside.title).count() == 0
    assert anonymous.goto(f"{page.base_url}/posts/{inside.number}").status == 404
    assert anonymous.goto(f"{page.base_url}/c/secret-review").status == 404

    # The facilitator harvests a knowledge asset from the thread; it links back to its sources.
    malee.goto(f"{page.base_url}/c/epi-closed")
    malee.click("a.harvest")
    malee.fill("input[name=title]", "รายงานสอบสวนสองจังหวะ")
    malee.check(f"input[name=comments][value='{comment.pk}']")
    malee.check("input[name=publish]")
    malee.click("form button[type=submit]")
    assert malee.locator("h1").inner_text() == "รายงานสอบสวนสองจังหวะ"
    provenance = malee.locator(".provenance")
    assert provenance.get_by_text("ส่งรายงานฉบับแรกก่อนผลแล็บ").is_visible()
    malee.screenshot(path=screenshot_path("community-asset-provenance"), full_page=True)
    provenance.get_by_role("link", name=f"#{inside.number} {inside.title}").click()
    assert malee.url.endswith(f"/posts/{inside.number}")


def _malee_blog(cast: Cast):  # type: ignore[no-untyped-def]
    from chumchon.blogs.services import blog_create

    return blog_create(owner=cast.malee, slug="epi", title="บันทึกระบาดวิทยา")

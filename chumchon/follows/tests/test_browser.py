from __future__ import annotations

import pytest

from chumchon.core.testing import Cast, browser_sign_in, make_post


@pytest.mark.browser
def test_it_follows_a_member_and_shows_their_posts_in_the_feed(page, cast: Cast) -> None:  # type: ignore[no-untyped-def]
    make_post(cast.somchai_blog, title="บทเรียนจากการทำ AAR")
    make_post(cast.somying_blog, title="เรื่องที่ไม่ได้ติดตาม")
    browser_sign_in(page, cast.malee)
    page.goto(f"{page.base_url}/following")
    assert page.locator(".post-item").count() == 0
    page.goto(f"{page.base_url}/@somchai")
    page.get_by_role("button", name="ติดตาม").click()  # htmx swaps the button in place
    page.get_by_role("button", name="กำลังติดตาม ✓").wait_for()
    assert "ผู้ติดตาม 1 คน" in page.locator("form.follow").inner_text()
    page.goto(f"{page.base_url}/following")
    titles = page.locator(".post-item-title").all_inner_texts()
    assert titles == ["บทเรียนจากการทำ AAR"]

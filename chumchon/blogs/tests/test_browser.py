from __future__ import annotations

import pytest

from chumchon.browser import screenshot_path
from chumchon.comments.services import comment_create
from chumchon.core.testing import Cast, browser_other_visitor, browser_sign_in, make_post
from chumchon.follows.services import follow_create


def _reads(page, number: int) -> str:  # type: ignore[no-untyped-def]
    page.goto(f"{page.base_url}/posts/{number}")
    return page.locator(".read-count").inner_text()


@pytest.mark.browser
def test_it_counts_a_read_once_per_visitor_and_never_the_author(page, cast: Cast) -> None:  # type: ignore[no-untyped-def]
    post = make_post(cast.somchai_blog)
    assert _reads(page, post.number) == "1"
    assert _reads(page, post.number) == "1"  # the same visitor again
    other = browser_other_visitor(page)
    assert _reads(other, post.number) == "2"
    browser_sign_in(other, cast.somchai)
    assert _reads(other, post.number) == "2"  # the author reads their own post


@pytest.mark.browser
def test_it_shows_a_home_page_that_fits_a_phone(page, cast: Cast) -> None:  # type: ignore[no-untyped-def]
    kinds = ["article", "story", "aar", "journal", "question"]
    for n, kind in enumerate(kinds * 2):
        post = make_post(
            cast.somying_blog if n % 2 else cast.somchai_blog, kind=kind,
            title="" if kind == "journal" else f"การถอดบทเรียนหลังเวที ลปรร. ครั้งที่ {n + 1}",
            body="วันนี้ทีมงานได้แลกเปลี่ยนเรียนรู้เรื่องการเฝ้าระวังโรคในชุมชน " * 4,
            tags=["การจัดการความรู้", "AAR"],
        )  # fmt: skip
    comment_create(post=post, author=cast.malee, body="ขอบคุณที่แบ่งปันค่ะ")
    follow_create(follower=cast.malee, blog=cast.somying_blog)
    page.goto(page.base_url)
    assert page.locator(".post-item").count() == 10
    page.screenshot(path=screenshot_path("home-page"), full_page=True)
    page.set_viewport_size({"width": 375, "height": 812})
    page.reload()
    page.screenshot(path=screenshot_path("home-page-375"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"

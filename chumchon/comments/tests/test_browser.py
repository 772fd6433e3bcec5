from __future__ import annotations

import pytest

from chumchon.core.testing import Cast, browser_other_visitor, browser_sign_in, make_post


@pytest.mark.browser
def test_it_holds_a_guest_comment_until_the_owner_approves_it(page, cast: Cast) -> None:  # type: ignore[no-untyped-def]
    post = make_post(cast.somchai_blog, title="ชุมชนแนวปฏิบัติต้องมีหรือไม่")
    guest = browser_other_visitor(page)
    guest.goto(f"{guest.base_url}/posts/{post.number}")
    guest.fill("#id_guest_name", "ศรีสุนทร")
    guest.fill("#id_body", "ขอบคุณอาจารย์ที่กรุณาให้แนวทางค่ะ")
    guest.click("#comment-form button[type=submit]")
    guest.locator(".messages").wait_for()
    assert "เจ้าของบล็อกอนุมัติ" in guest.locator(".messages").inner_text()
    assert guest.locator(".comment").count() == 0  # held, so not shown yet

    browser_sign_in(page, cast.somchai)
    page.goto(f"{page.base_url}/moderation")
    held = page.locator(".queue-item", has_text="ขอบคุณอาจารย์")
    assert "รอคุณตรวจ" in held.inner_text()
    held.get_by_role("button", name="อนุมัติ").click()
    page.locator(".messages").wait_for()
    assert page.locator(".queue-item").count() == 0

    guest.goto(f"{guest.base_url}/posts/{post.number}")
    comment = guest.locator(".comment", has_text="ขอบคุณอาจารย์")
    assert "ศรีสุนทร" in comment.inner_text()
    assert comment.locator(".comment-ip").inner_text() == "IP: xxx.0.0.1"

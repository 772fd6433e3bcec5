from __future__ import annotations

import re

import pytest

from chumchon.blogs.models import Post
from chumchon.browser import screenshot_path


@pytest.mark.browser
def test_it_signs_up_and_publishes_a_thai_post_in_markdown(page, db: None) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{page.base_url}/accounts/signup")
    page.fill("#id_handle", "wanna")
    page.fill("#id_display_name", "วรรณา ขยันเขียน")
    page.fill("#id_email", "wanna@example.org")
    page.fill("#id_password", "ลปรร-2549-ยาวพอ")
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"{page.base_url}/write")

    page.select_option("#id_kind", "story")
    page.fill("#id_title", "เรื่องเล่าจากเวที ลปรร. ครั้งแรก")
    page.fill(
        "#id_body",
        "## สิ่งที่คาดหวัง\n\nทีมงาน **สคร ๖** อยากรู้ว่า *ชุมชนแนวปฏิบัติ* เริ่มอย่างไร\n\n"
        "- ชวนคนที่สนใจเรื่องเดียวกัน\n- นัดคุยทุกเดือน",
    )
    page.click("button[name=preview]")  # htmx fills the preview pane in place
    page.locator("#preview strong", has_text="สคร ๖").wait_for()
    assert page.url == f"{page.base_url}/write"
    page.fill("#id_tags", "เรื่องเล่า, ชุมชนแนวปฏิบัติ")
    page.click("button[name=publish]")

    page.wait_for_url(re.compile(r"/posts/\d+$"))
    post = Post.objects.get()
    assert page.url == f"{page.base_url}/posts/{post.number}"
    assert page.locator("h1").inner_text() == "เรื่องเล่าจากเวที ลปรร. ครั้งแรก"
    assert page.locator(".post-body strong").inner_text() == "สคร ๖"
    assert page.locator(".post-body li").count() == 2
    assert re.search(r"\d+ [ก-๙.]+ 25\d\d", page.locator(".post-meta").inner_text())
    page.screenshot(path=screenshot_path("post-page"), full_page=True)
    page.set_viewport_size({"width": 375, "height": 812})
    page.screenshot(path=screenshot_path("post-page-375"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

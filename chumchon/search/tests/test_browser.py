from __future__ import annotations

import pytest

from chumchon.browser import screenshot_path
from chumchon.core.testing import Cast, make_post


@pytest.mark.browser
def test_it_searches_in_thai_filters_by_a_facet_and_opens_a_result(  # type: ignore[no-untyped-def]
    page, cast: Cast, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        make_post(
            cast.somchai_blog,
            title="ตรวจเท้าผู้ป่วยเบาหวานที่คลินิก",
            body="เราตรวจเท้าผู้ป่วยเบาหวานทุกครั้งที่มาตามนัด",
            tags=["เบาหวาน"],
        )
        make_post(cast.somying_blog, title="ดูแลผู้ป่วยเบาหวานในหอผู้ป่วย",
                  body="พยาบาลวัดระดับน้ำตาลก่อนอาหารทุกมื้อ", tags=["การพยาบาล"])  # fmt: skip

    page.goto(f"{page.base_url}/search")
    page.locator("#search-q").fill("ผู้ป่วยเบาหวาน")
    page.keyboard.press("Enter")
    hits = page.locator("li.search-hit")
    hits.first.wait_for()
    assert hits.count() == 2
    assert page.locator("li.search-hit mark").first.inner_text() in {"ผู้ป่วย", "เบาหวาน"}
    page.screenshot(path=screenshot_path("search-results"), full_page=True)

    page.locator(".search-facets a", has_text="การพยาบาล").click()
    page.wait_for_url("**tag=*")
    assert hits.count() == 1
    assert page.locator(".search-filters").inner_text().count("การพยาบาล") == 1

    page.locator("li.search-hit h3 a").click()
    page.wait_for_url("**/posts/*")
    assert page.locator("h1").inner_text() == "ดูแลผู้ป่วยเบาหวานในหอผู้ป่วย"

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


@pytest.mark.browser
def test_it_folds_the_facets_below_the_first_result_on_a_phone(  # type: ignore[no-untyped-def]
    page, cast: Cast, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            make_post(cast.somchai_blog, title=f"ตรวจเท้าผู้ป่วยเบาหวาน ครั้งที่ {n + 1}",
                      body="เราตรวจเท้าผู้ป่วยเบาหวานทุกครั้งที่มาตามนัด", tags=["เบาหวาน"])  # fmt: skip
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{page.base_url}/search?q=เบาหวาน")
    first_hit = page.locator("li.search-hit").first
    first_hit.wait_for()
    panel = page.locator("details.facet-panel")
    assert panel.evaluate("p => p.open") is False
    assert not page.locator(".search-facets a", has_text="เบาหวาน").is_visible()
    assert first_hit.bounding_box()["y"] < 800  # the first result is on the first screen
    page.screenshot(path=screenshot_path("search-phone"), full_page=True)

    page.locator("details.facet-panel > summary").focus()
    page.keyboard.press("Enter")  # the panel opens from the keyboard
    page.locator(".search-facets a", has_text="เบาหวาน").click()
    page.wait_for_url("**tag=*")
    assert page.locator("details.facet-panel > summary").inner_text().endswith("(1)")

    page.set_viewport_size({"width": 1100, "height": 800})  # wide: open beside the results
    page.wait_for_function("document.querySelector('details.facet-panel').open")

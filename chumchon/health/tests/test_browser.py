"""A facilitator reads the health page in a real browser: Thai findings and the network map."""

import pytest

from chumchon.browser import screenshot_path
from chumchon.core.testing import PASSWORD
from chumchon.health.services import health_refresh


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_shows_a_facilitator_findings_and_the_network_map(cast, cop, last_month, page) -> None:
    period, _today = last_month
    health_refresh(full=True)
    page.goto(f"{page.base_url}/accounts/login/")
    page.fill("input[name=username]", cast.malee.handle)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_load_state("networkidle")
    page.goto(f"{page.base_url}/c/{cop.slug}/health?period={period.key}")
    good = page.locator(".finding-column.good")
    assert "เพิ่มขึ้น 3 คนจากช่วงก่อน (0 คน)" in good.inner_text()
    assert "ยังไม่มีใครตอบภายใน 7 วัน" in page.locator(".finding-column.attention").inner_text()
    page.wait_for_selector("#network-map[data-ready=true] canvas")
    page.locator("#network-title").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_path("health-network-map")), full_page=False)
    page.locator("h1").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_path("health-community")), full_page=True)

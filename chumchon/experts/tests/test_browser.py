from __future__ import annotations

import pytest

from chumchon.browser import screenshot_path
from chumchon.core.testing import Cast, browser_sign_in
from chumchon.experts.models import Endorsement
from chumchon.experts.tests.helpers import write
from chumchon.follows.models import Message


@pytest.mark.browser
def test_it_finds_who_knows_shows_evidence_endorses_and_contacts(page, cast: Cast) -> None:  # type: ignore[no-untyped-def]
    write(cast.somying, "ดูแลเท้าผู้ป่วยเบาหวาน", "ตรวจเท้าผู้ป่วยเบาหวานทุกครั้งที่มาคลินิก", tags=["เบาหวาน"])
    write(cast.somying, "เบาหวานกับการเยี่ยมบ้าน", "สอนญาติดูแลผู้ป่วยเบาหวานที่บ้าน", tags=["เบาหวาน"])
    write(cast.somchai, "ประชุมประจำเดือน", "วาระหนึ่งพูดถึงคลินิกเบาหวานสั้น ๆ")
    browser_sign_in(page, cast.malee)

    # Ask "who knows…?" from the finder's own search box.
    page.goto(f"{page.base_url}/experts")
    page.get_by_label("ใครรู้เรื่อง…").fill("เบาหวาน")
    page.keyboard.press("Enter")
    first = page.locator(".expert-card").first
    first.wait_for()
    assert first.locator(".expert-name").inner_text() == "สมหญิง รักงาน"
    assert "เขียนเรื่องนี้ 2 บันทึก ล่าสุดเมื่อ" in first.locator(".expert-reason").inner_text()
    evidence = first.locator(".expert-evidence li")
    assert evidence.count() == 2
    assert first.locator(".evidence-snippet mark").first.inner_text() == "เบาหวาน"
    page.screenshot(path=screenshot_path("experts-list"), full_page=True)

    # Endorse her on her profile; the section answers in place.
    first.locator(".expert-name").click()
    page.locator("#endorse-tag").fill("เบาหวาน")
    page.get_by_role("button", name="รับรอง", exact=True).click()
    page.get_by_role("button", name="ถอนการรับรอง").wait_for()
    assert "รับรอง สมหญิง รักงาน แล้ว" in page.locator("#expertise").inner_text()
    assert Endorsement.objects.filter(endorser=cast.malee, member=cast.somying).count() == 1
    page.screenshot(path=screenshot_path("experts-profile"), full_page=True)

    # The finder now says so, and the contact button opens a private message.
    page.goto(f"{page.base_url}/experts?q=เบาหวาน")
    first = page.locator(".expert-card").first
    assert "ได้รับการรับรองจาก 1 คน" in first.locator(".expert-reason").inner_text()
    first.get_by_role("link", name="ติดต่อ สมหญิง รักงาน").click()
    page.get_by_label("เรื่อง").fill("ขอคำแนะนำเรื่องคลินิกเบาหวาน")
    page.get_by_label("ข้อความ").fill("อยากขอเรียนรู้วิธีตรวจเท้าค่ะ")
    page.get_by_role("button", name="ส่ง").click()
    page.wait_for_url(f"{page.base_url}/@somying")
    assert Message.objects.get(sender=cast.malee, recipient=cast.somying).subject == (
        "ขอคำแนะนำเรื่องคลินิกเบาหวาน"
    )

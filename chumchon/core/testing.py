"""The fixed test cast: Thai-named members in two organisations, built through services.

Use it through the `cast` fixture (chumchon/conftest.py), or call `build_cast()`.
"""

from __future__ import annotations

from dataclasses import dataclass

from chumchon.accounts.models import Member, OrgUnit
from chumchon.accounts.services import member_create, orgunit_create
from chumchon.blogs.models import Blog, Post
from chumchon.blogs.services import blog_create, post_create

PASSWORD = "ลปรร-test-2549"


@dataclass
class Cast:
    university: OrgUnit
    medicine: OrgUnit
    nursing: OrgUnit
    health_office: OrgUnit
    epidemiology: OrgUnit
    somchai: Member  # practitioner in medicine; writes and asks
    somying: Member  # practitioner in nursing
    malee: Member  # the health office; a facilitator by temperament
    prasert: Member  # quiet reader at the health office
    admin: Member  # staff
    somchai_blog: Blog
    somying_blog: Blog


def build_cast() -> Cast:
    uni = orgunit_create(name="มหาวิทยาลัยตัวอย่าง", short_name="มตย.", kind="organisation", slug="uni")
    medicine = orgunit_create(name="คณะแพทยศาสตร์", kind="faculty", slug="uni-med", parent=uni)
    nursing = orgunit_create(name="คณะพยาบาลศาสตร์", kind="faculty", slug="uni-nurse", parent=uni)
    office = orgunit_create(
        name="สำนักงานป้องกันควบคุมโรคที่ ๖", short_name="สคร ๖", kind="organisation",
        slug="dpc6",
    )  # fmt: skip
    epi = orgunit_create(name="กลุ่มระบาดวิทยา", kind="group", slug="dpc6-epi", parent=office)
    somchai = member_create(
        handle="somchai", display_name="สมชาย ใจดี", email="somchai@example.org",
        password=PASSWORD, unit=medicine, tags=["การจัดการความรู้"],
    )  # fmt: skip
    somying = member_create(
        handle="somying", display_name="สมหญิง รักงาน", email="somying@example.org",
        password=PASSWORD, unit=nursing,
    )  # fmt: skip
    malee = member_create(
        handle="malee", display_name="มาลี ศรีสุข", email="malee@example.org",
        password=PASSWORD, unit=epi,
    )  # fmt: skip
    prasert = member_create(
        handle="prasert", display_name="ประเสริฐ อ่านมาก", email="prasert@example.org",
        password=PASSWORD, unit=epi,
    )  # fmt: skip
    admin = member_create(
        handle="admin", display_name="ผู้ดูแลระบบ", email="admin@example.org",
        password=PASSWORD, is_staff=True,
    )  # fmt: skip
    somchai_blog = blog_create(owner=somchai, slug="km-notes", title="บันทึก KM ของสมชาย")
    somying_blog = blog_create(owner=somying, slug="ward", title="เรื่องเล่าจากหอผู้ป่วย")
    return Cast(
        university=uni, medicine=medicine, nursing=nursing, health_office=office,
        epidemiology=epi, somchai=somchai, somying=somying, malee=malee, prasert=prasert,
        admin=admin, somchai_blog=somchai_blog, somying_blog=somying_blog,
    )  # fmt: skip


def make_post(
    blog: Blog,
    *,
    title: str = "ลปรร. เรื่องการเขียน AAR",
    body: str = "เล่าเรื่องการทำ AAR หลังเวที ลปรร. ของทีมงาน",
    **kwargs: object,
) -> Post:
    return post_create(blog=blog, author=blog.owner, title=title, body=body, **kwargs)  # type: ignore[arg-type]


# ---- browser helpers ------------------------------------------------------------------


def browser_sign_in(page, member: Member, password: str = PASSWORD) -> None:  # type: ignore[no-untyped-def]
    """Sign in through the real sign-in form."""
    page.goto(f"{page.base_url}/accounts/login/")
    page.fill("#id_username", member.handle)
    page.fill("#id_password", password)
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"{page.base_url}/")


def browser_other_visitor(page, user_agent: str = "another-visitor"):  # type: ignore[no-untyped-def]
    """A second visitor with its own cookies, whose console errors fail the test too."""
    context = page.context.browser.new_context(
        locale="th-TH", timezone_id="Asia/Bangkok", user_agent=user_agent
    )
    other = context.new_page()
    other.set_default_timeout(15_000)
    other.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    other.on("pageerror", lambda e: page.console_errors.append(str(e)))
    other.base_url = page.base_url
    other.console_errors = page.console_errors
    return other

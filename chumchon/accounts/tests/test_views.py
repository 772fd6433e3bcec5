from __future__ import annotations

from django.core import mail
from django.test import Client

from chumchon.accounts.models import Member
from chumchon.blogs.models import Blog
from chumchon.core.testing import PASSWORD, Cast, make_post
from chumchon.follows.services import follow_create

SIGN_UP = {
    "handle": "wanna",
    "display_name": "วรรณา ขยันเขียน",
    "email": "wanna@example.org",
    "password": "ลปรร-2549-ยาวพอ",
}


def _login(member) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(member)
    return client


def test_it_signs_up_a_member_with_a_first_blog(client: Client, db: None) -> None:
    response = client.post("/accounts/signup", SIGN_UP)
    assert response.status_code == 302 and response["Location"] == "/write"
    member = Member.objects.get(handle="wanna")
    assert Blog.objects.get(owner=member).title == "บล็อกของ วรรณา ขยันเขียน"
    assert "เขียนบันทึก" in client.get("/write").content.decode()


def test_it_refuses_a_taken_handle_and_keeps_the_form(client: Client, cast: Cast) -> None:
    response = client.post("/accounts/signup", {**SIGN_UP, "handle": "SomChai"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "ชื่อผู้ใช้นี้มีผู้ใช้แล้ว" in html and "วรรณา ขยันเขียน" in html
    assert not Member.objects.filter(email="wanna@example.org").exists()


def test_it_refuses_a_weak_password_in_thai(client: Client, db: None) -> None:
    response = client.post("/accounts/signup", {**SIGN_UP, "password": "123"})
    assert response.status_code == 200 and "รหัสผ่าน" in response.content.decode()
    assert not Member.objects.exists()


def test_it_signs_in_with_a_handle_and_out(client: Client, cast: Cast) -> None:
    response = client.post("/accounts/login/", {"username": "@SomChai", "password": PASSWORD})
    assert response.status_code == 302
    assert "สมชาย ใจดี" in client.get("/").content.decode()
    client.post("/accounts/logout/")
    assert "เข้าสู่ระบบ" in client.get("/").content.decode()


def test_it_sends_a_password_reset_link_by_e_mail(client: Client, cast: Cast) -> None:
    client.post("/accounts/password-reset/", {"email": "somchai@example.org"})
    assert len(mail.outbox) == 1
    link = next(w for w in mail.outbox[0].body.split() if "/accounts/reset/" in w)
    form = client.get(link, follow=True)
    assert "ตั้งรหัสผ่านใหม่" in form.content.decode()
    path = form.redirect_chain[-1][0]
    response = client.post(
        path, {"new_password1": "ใหม่-2549-ยาวพอ", "new_password2": "ใหม่-2549-ยาวพอ"}
    )
    assert response.status_code == 302
    assert Client().login(username="somchai", password="ใหม่-2549-ยาวพอ")


def test_it_shows_a_profile(client: Client, cast: Cast, django_assert_max_num_queries) -> None:
    for n in range(21):
        make_post(cast.somchai_blog, title=f"เรื่องที่ {n}", tags=["KM"])
    follow_create(follower=cast.malee, member=cast.somchai)
    with django_assert_max_num_queries(10):
        html = client.get("/@somchai").content.decode()
    assert "สมชาย ใจดี" in html and "@somchai" in html
    assert "มหาวิทยาลัยตัวอย่าง › คณะแพทยศาสตร์" in html
    assert "การจัดการความรู้" in html and "ผู้ติดตาม 1 คน" in html
    assert cast.somchai_blog.title in html and "เรื่องที่ 20" in html
    assert 'property="og:type" content="profile"' in html
    assert "เรื่องที่ 0<" in client.get("/@somchai?page=2").content.decode()


def test_it_shows_follow_and_contact_to_other_members(cast: Cast) -> None:
    html = _login(cast.malee).get("/@somchai").content.decode()
    assert "/follow/@somchai" in html and "/contact/@somchai" in html
    own = _login(cast.somchai).get("/@somchai").content.decode()
    assert "/contact/@somchai" not in own and "แก้ไขโปรไฟล์" in own


def test_it_hides_deactivated_members(client: Client, cast: Cast) -> None:
    Member.objects.filter(pk=cast.prasert.pk).update(is_active=False)
    assert client.get("/@prasert").status_code == 404
    assert _login(cast.admin).get("/@prasert").status_code == 200


def test_it_edits_a_profile(cast: Cast) -> None:
    client = _login(cast.somying)
    response = client.post(
        "/accounts/profile",
        {"display_name": "สมหญิง รักงานมาก", "bio": "พยาบาลหอผู้ป่วยใน", "unit": cast.nursing.pk,
         "tags": "การพยาบาล, KM", "calendar": "ce"},
    )  # fmt: skip
    assert response.status_code == 302
    member = Member.objects.get(pk=cast.somying.pk)
    assert member.display_name == "สมหญิง รักงานมาก" and member.calendar == "ce"
    assert sorted(t.name for t in member.tags.all()) == ["km", "การพยาบาล"]


def test_it_refuses_a_broken_picture(cast: Cast) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = _login(cast.somying)
    fake = SimpleUploadedFile("me.png", b"not a picture", content_type="image/png")
    response = client.post(
        "/accounts/profile",
        {"display_name": "ใหม่", "calendar": "be", "avatar": fake},
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert Member.objects.get(pk=cast.somying.pk).display_name == "สมหญิง รักงาน"

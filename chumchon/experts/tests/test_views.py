from __future__ import annotations

from django.test import Client
from django.urls import reverse

from chumchon.core.testing import PASSWORD, Cast
from chumchon.experts.models import Endorsement, FinderPreference
from chumchon.experts.services import endorsement_create
from chumchon.experts.tests.helpers import write


def signed_in(member: object) -> Client:
    client = Client()
    assert client.login(handle=member.handle, password=PASSWORD)  # type: ignore[attr-defined]
    return client


def test_it_lists_people_with_unit_reason_evidence_and_snippet(cast: Cast, index) -> None:  # type: ignore[no-untyped-def]
    post = write(cast.somying, "AAR หลังเวรดึก", "เราทำ AAR ทุกเช้าหลังส่งเวร")
    endorsement_create(endorser=cast.malee, member=cast.somying, tag="AAR")
    index()
    page = Client().get("/experts", {"q": "AAR"}).content.decode()
    assert "สมหญิง รักงาน" in page
    assert "คณะพยาบาลศาสตร์" in page
    assert "เขียนเรื่องนี้ 1 บันทึก ล่าสุดเมื่อ" in page
    assert "ได้รับการรับรองจาก 1 คน" in page
    assert f'href="/posts/{post.number}"' in page
    assert "ส่งเวร" in page  # the snippet


def test_it_keeps_its_query_count_flat_as_results_grow(
    cast: Cast, django_assert_max_num_queries: object, index
) -> None:  # type: ignore[no-untyped-def]
    for member in (cast.somchai, cast.somying, cast.malee, cast.prasert):
        for i in range(5):
            write(member, f"งานพัสดุ {i}", "งานพัสดุ จัดซื้อจัดจ้าง")
        endorsement_create(endorser=cast.admin, member=member, tag="งานพัสดุ")
    index()
    client = signed_in(cast.somchai)
    with django_assert_max_num_queries(21):  # type: ignore[operator]
        response = client.get("/experts", {"q": "งานพัสดุ"})
    assert response.content.decode().count('class="expert-card"') == 4


def test_it_shows_a_helpful_empty_state(cast: Cast) -> None:
    page = Client().get("/experts", {"q": "ดาราศาสตร์"}).content.decode()
    assert "ยังไม่มีใครเขียนเรื่อง “ดาราศาสตร์”" in page
    assert "พิมพ์เรื่อง" in Client().get("/experts").content.decode()


def test_it_refuses_bad_input_with_a_message_and_keeps_the_form(cast: Cast) -> None:
    response = Client().get("/experts", {"q": "ก" * 201, "unit": "not-a-unit"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "ก" * 201 in page  # kept as typed
    assert page.count('role="alert"') == 2
    assert Client().get("/experts", {"q": "x", "page": "99"}).status_code == 200


def test_it_endorses_and_withdraws_from_a_profile(cast: Cast) -> None:
    client = signed_in(cast.malee)
    url = reverse("experts:endorse", args=["somchai"])
    response = client.post(url, {"tag": "การจัดการความรู้"}, follow=True)
    assert response.redirect_chain[-1][0] == "/@somchai"
    assert "รับรอง สมชาย ใจดี แล้ว" in response.content.decode()
    assert Endorsement.objects.of(cast.somchai).count() == 1
    client.post(reverse("experts:withdraw", args=["somchai"]), {"tag": "การจัดการความรู้"})
    assert not Endorsement.objects.exists()


def test_it_explains_why_an_endorsement_was_refused(cast: Cast) -> None:
    client = signed_in(cast.malee)
    response = client.post(reverse("experts:endorse", args=["malee"]), {"tag": "AAR"}, follow=True)
    assert "รับรองตัวเองไม่ได้" in response.content.decode()
    response = client.post(
        reverse("experts:endorse", args=["somchai"]), {"tag": "ก" * 65}, follow=True
    )
    assert response.status_code == 200
    assert not Endorsement.objects.exists()


def test_it_asks_guests_to_sign_in_before_endorsing(cast: Cast) -> None:
    response = Client().post(reverse("experts:endorse", args=["somchai"]), {"tag": "AAR"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert Client().get(reverse("experts:endorse", args=["nobody"])).status_code in (302, 405)


def test_it_lets_a_member_hide_from_the_finder(cast: Cast, index) -> None:  # type: ignore[no-untyped-def]
    write(cast.somchai, "PMQA หมวด 4")
    index()
    client = signed_in(cast.somchai)
    assert "ไม่แสดงฉันในการค้นหาผู้รู้" in client.get("/experts/settings").content.decode()
    client.post("/experts/settings", {"hidden": "on"})
    assert FinderPreference.objects.get(member=cast.somchai).hidden
    assert "สมชาย" not in Client().get("/experts", {"q": "PMQA"}).content.decode()
    assert "ขณะนี้คุณไม่แสดงในการค้นหาผู้รู้" in client.get("/experts/@somchai").content.decode()
    assert "ขณะนี้คุณไม่แสดง" not in signed_in(cast.malee).get("/experts/@somchai").content.decode()


def test_it_shows_expertise_endorsements_and_topics_of_a_member(
    cast: Cast, django_assert_max_num_queries: object
) -> None:
    write(cast.somchai, "เรื่องเล่า", tags=["เรื่องเล่าเร้าพลัง"])
    endorsement_create(endorser=cast.somying, member=cast.somchai, tag="AAR")
    client = signed_in(cast.malee)
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        page = client.get("/experts/@somchai").content.decode()
    assert "การจัดการความรู้" in page  # declared in the cast
    assert "aar" in page and "1 คน" in page and "รับรองด้วย" in page
    assert "เรื่องเล่าเร้าพลัง" in page
    mine = signed_in(cast.somying).get("/experts/@somchai").content.decode()
    assert "ถอนการรับรอง" in mine


def test_it_loads_the_expertise_into_the_profile(cast: Cast) -> None:
    profile = Client().get("/@somchai").content.decode()
    assert 'hx-get="/experts/@somchai"' in profile
    fragment = Client().get("/experts/@somchai", headers={"HX-Request": "true"})
    assert fragment.content.decode().startswith("<section")
    client = signed_in(cast.malee)
    answer = client.post(
        "/experts/@somchai/endorse", {"tag": "AAR"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert answer.startswith("<section") and "รับรอง สมชาย ใจดี แล้ว" in answer
    assert "ถอนการรับรอง" in answer

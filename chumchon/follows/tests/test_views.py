from __future__ import annotations

from django.test import Client

from chumchon.core.testing import Cast, make_post
from chumchon.follows.models import Follow, Message
from chumchon.follows.services import follow_create, message_send


def _login(member) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(member)
    return client


def test_it_follows_and_unfollows_a_member(cast: Cast) -> None:
    malee = _login(cast.malee)
    partial = malee.post("/follow/@somchai", {"action": "follow"}, HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert "กำลังติดตาม" in html and "ผู้ติดตาม 1 คน" in html and "<html" not in html
    assert Follow.objects.filter(follower=cast.malee, member=cast.somchai).exists()
    response = malee.post("/follow/@somchai", {"action": "unfollow"})
    assert response.status_code == 302 and response["Location"] == "/@somchai"
    assert not Follow.objects.exists()


def test_it_follows_a_blog(cast: Cast) -> None:
    _login(cast.malee).post("/follow/@somying/ward", {"action": "follow"})
    assert Follow.objects.filter(follower=cast.malee, blog=cast.somying_blog).exists()
    assert "ผู้ติดตาม 1 คน" in Client().get("/@somying/ward").content.decode()


def test_it_will_not_follow_oneself_or_let_guests_follow(client: Client, cast: Cast) -> None:
    _login(cast.malee).post("/follow/@malee", {"action": "follow"})
    assert client.post("/follow/@somchai").status_code == 302
    assert not Follow.objects.exists()


def test_it_gathers_followed_posts_in_the_feed(cast: Cast, django_assert_max_num_queries) -> None:
    follow_create(follower=cast.malee, member=cast.somchai)
    follow_create(follower=cast.malee, blog=cast.somying_blog)
    for n in range(12):
        make_post(cast.somchai_blog, title=f"ของสมชาย {n}")
        make_post(cast.somying_blog, title=f"ของสมหญิง {n}")
    make_post(cast.somchai_blog, title="ร่างของสมชาย", publish=False)
    malee = _login(cast.malee)
    with django_assert_max_num_queries(6):
        html = malee.get("/following").content.decode()
    assert "ของสมชาย 11" in html and "ของสมหญิง 11" in html and "ร่างของสมชาย" not in html
    assert "ของสมชาย 0<" in malee.get("/following?page=2").content.decode()


def test_it_shows_an_empty_feed_with_a_hint(cast: Cast) -> None:
    assert "ติดตามสมาชิกหรือบล็อก" in _login(cast.prasert).get("/following").content.decode()


def test_it_sends_a_private_message_to_the_inbox(cast: Cast) -> None:
    malee = _login(cast.malee)
    assert "ติดต่อ สมชาย ใจดี" in malee.get("/contact/@somchai").content.decode()
    response = malee.post(
        "/contact/@somchai", {"subject": "ขอคำปรึกษาเรื่อง CoP", "body": "รบกวนอาจารย์ค่ะ"}
    )
    assert response.status_code == 302
    somchai = _login(cast.somchai)
    inbox = somchai.get("/inbox").content.decode()
    assert "ขอคำปรึกษาเรื่อง CoP" in inbox and "ใหม่" in inbox
    message = Message.objects.get()
    assert "รบกวนอาจารย์ค่ะ" in somchai.get(f"/inbox/{message.pk}").content.decode()
    message.refresh_from_db()
    assert message.read_at is not None
    assert "ขอคำปรึกษาเรื่อง CoP" in malee.get("/inbox/sent").content.decode()


def test_it_keeps_messages_private(cast: Cast) -> None:
    message = message_send(sender=cast.malee, recipient=cast.somchai, subject="ลับ", body="ลับ")
    assert _login(cast.somying).get(f"/inbox/{message.pk}").status_code == 404
    assert Client().get("/inbox").status_code == 302


def test_it_refuses_a_message_to_oneself_and_keeps_the_text(cast: Cast) -> None:
    response = _login(cast.malee).post("/contact/@malee", {"subject": "ถึงตัวเอง", "body": "x"})
    assert response.status_code == 200 and "ถึงตัวเอง" in response.content.decode()
    assert not Message.objects.exists()


def test_it_lists_the_inbox_in_few_queries(cast: Cast, django_assert_max_num_queries) -> None:
    for n in range(25):
        message_send(sender=cast.malee, recipient=cast.somchai, subject=f"เรื่อง {n}", body="x")
    somchai = _login(cast.somchai)
    with django_assert_max_num_queries(5):
        html = somchai.get("/inbox").content.decode()
    assert "เรื่อง 24" in html and "เรื่อง 4<" not in html


def test_it_lists_sent_messages_in_few_queries(cast: Cast, django_assert_max_num_queries) -> None:
    for n in range(22):
        message_send(sender=cast.malee, recipient=cast.somchai, subject=f"ส่ง {n}", body="x")
    malee = _login(cast.malee)
    with django_assert_max_num_queries(5):
        html = malee.get("/inbox/sent").content.decode()
    assert "ส่ง 21" in html and "ส่ง 1<" not in html

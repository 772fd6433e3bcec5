from __future__ import annotations

from django.test import Client

from chumchon.comments.models import Comment, Flag, Flower
from chumchon.comments.services import comment_create, flag_create
from chumchon.core.testing import Cast, make_post


def _login(member) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(member)
    return client


def _guest_comment(client: Client, number: int, **extra: str):  # type: ignore[no-untyped-def]
    data = {"guest_name": "ศรีสุนทร", "guest_email": "", "body": "ขอบคุณอาจารย์ค่ะ", **extra}
    return client.post(f"/posts/{number}/comments", data, REMOTE_ADDR="203.157.44.226")


def test_it_holds_a_guests_comment_for_the_owner(client: Client, cast: Cast) -> None:
    post = make_post(cast.somchai_blog)
    response = _guest_comment(client, post.number)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING and comment.ip == "203.157.44.226"
    page = client.get(response["Location"]).content.decode()
    assert "เจ้าของบล็อกอนุมัติ" in page  # the guest is told it waits
    assert "ขอบคุณอาจารย์ค่ะ" not in page
    assert "ขอบคุณอาจารย์ค่ะ" not in _login(cast.somying).get(f"/posts/{post.number}").content.decode()
    owner = _login(cast.somchai)
    assert "ขอบคุณอาจารย์ค่ะ" in owner.get(f"/posts/{post.number}").content.decode()
    assert "ขอบคุณอาจารย์ค่ะ" in owner.get("/moderation").content.decode()


def test_it_publishes_an_approved_comment_with_a_masked_ip(client: Client, cast: Cast) -> None:
    post = make_post(cast.somchai_blog)
    _guest_comment(client, post.number)
    comment = Comment.objects.get()
    assert _login(cast.somying).post(f"/comments/{comment.pk}/approve").status_code == 404
    response = _login(cast.somchai).post(f"/comments/{comment.pk}/approve")
    assert response.status_code == 302
    page = client.get(f"/posts/{post.number}").content.decode()
    assert "ขอบคุณอาจารย์ค่ะ" in page and "IP: xxx.157.44.226" in page
    assert "203.157.44.226" not in page
    assert "IP: 203.157.44.226" in _login(cast.admin).get(f"/posts/{post.number}").content.decode()


def test_it_shows_a_members_comment_at_once(cast: Cast) -> None:
    post = make_post(cast.somchai_blog)
    somying = _login(cast.somying)
    response = somying.post(f"/posts/{post.number}/comments", {"body": "เห็นด้วยค่ะ"})
    comment = Comment.objects.get()
    assert response["Location"] == f"/posts/{post.number}#comment-{comment.pk}"
    page = Client().get(f"/posts/{post.number}").content.decode()
    assert "เห็นด้วยค่ะ" in page and "IP:" not in page


def test_it_keeps_a_bad_comment_as_typed_and_writes_nothing(client: Client, cast: Cast) -> None:
    post = make_post(cast.somchai_blog)
    response = _guest_comment(client, post.number, guest_name="", body="ข้อความที่พิมพ์ไว้")
    html = response.content.decode()
    assert response.status_code == 200 and "ข้อความที่พิมพ์ไว้" in html
    assert "errorlist" in html and not Comment.objects.exists()


def test_it_threads_replies_under_their_comment(cast: Cast) -> None:
    post = make_post(cast.somchai_blog)
    first = comment_create(post=post, author=cast.somying, body="ความเห็นแรก")
    somchai = _login(cast.somchai)
    somchai.post(f"/posts/{post.number}/comments", {"body": "ตอบกลับ", "parent": first.pk})
    reply = Comment.objects.get(body="ตอบกลับ")
    assert reply.parent == first
    _login(cast.malee).post(f"/posts/{post.number}/comments", {"body": "ตอบต่อ", "parent": reply.pk})
    assert Comment.objects.get(body="ตอบต่อ").parent == first  # one level of threads
    page = somchai.get(f"/posts/{post.number}").content.decode()
    assert page.index("ความเห็นแรก") < page.index('class="comment-replies"') < page.index("ตอบต่อ")


def test_it_lets_only_the_asker_accept_an_answer(cast: Cast) -> None:
    question = make_post(cast.somchai_blog, kind="question", title="CoP จำเป็นไหม")
    answer = comment_create(post=question, author=cast.malee, body="จำเป็นถ้ามีคนสนใจร่วมกัน")
    assert (
        "ยอมรับคำตอบนี้" not in _login(cast.somying).get(f"/posts/{question.number}").content.decode()
    )
    assert _login(cast.somying).post(f"/comments/{answer.pk}/accept").status_code == 403
    asker = _login(cast.somchai)
    assert "ยอมรับคำตอบนี้" in asker.get(f"/posts/{question.number}").content.decode()
    asker.post(f"/comments/{answer.pk}/accept")
    answer.refresh_from_db()
    assert answer.is_accepted
    assert "คำตอบที่ยอมรับ" in Client().get(f"/posts/{question.number}").content.decode()


def test_it_gives_and_withdraws_a_flower(cast: Cast) -> None:
    post = make_post(cast.somchai_blog)
    somying = _login(cast.somying)
    partial = somying.post(
        f"/posts/{post.number}/flower", {"action": "give"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "ดอกไม้ 1 ดอก" in partial and "ถอนดอกไม้" in partial and "<html" not in partial
    somying.post(f"/posts/{post.number}/flower", {"action": "give"})
    post.refresh_from_db()
    assert post.flower_count == 1
    response = somying.post(f"/posts/{post.number}/flower", {"action": "withdraw"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.flower_count == 0 and not Flower.objects.exists()


def test_it_refuses_flowers_from_the_author_and_guests(client: Client, cast: Cast) -> None:
    post = make_post(cast.somchai_blog)
    _login(cast.somchai).post(f"/posts/{post.number}/flower", {"action": "give"})
    assert client.post(f"/posts/{post.number}/flower").status_code == 302  # to sign in
    assert not Flower.objects.exists()


def test_it_shows_each_owner_only_their_own_held_comments(
    cast: Cast, django_assert_max_num_queries
) -> None:
    mine = make_post(cast.somchai_blog)
    theirs = make_post(cast.somying_blog)
    for n in range(25):
        comment_create(post=mine, guest_name=f"แขก {n}", body=f"ถึงสมชาย {n}", ip="192.0.2.1")
    comment_create(post=theirs, guest_name="แขก", body="ถึงสมหญิง", ip="192.0.2.1")
    somchai = _login(cast.somchai)
    with django_assert_max_num_queries(6):
        page = somchai.get("/moderation").content.decode()
    assert "ถึงสมชาย 0" in page and "ถึงสมหญิง" not in page and "xxx.0.2.1" in page
    assert "ถึงสมชาย 24" in somchai.get("/moderation?page=2").content.decode()
    assert Client().get("/moderation").status_code == 302


def test_it_brings_flags_to_staff_only(cast: Cast, django_assert_max_num_queries) -> None:
    post = make_post(cast.somchai_blog)
    comment = comment_create(post=post, author=cast.somying, body="ข้อความไม่เหมาะสม")
    response = _login(cast.malee).post(f"/comments/{comment.pk}/flag", {"reason": "ไม่สุภาพ"})
    assert response.status_code == 302
    flag_create(reporter=cast.prasert, reason="สแปม", post=post)
    assert _login(cast.somchai).get("/moderation/flags").status_code == 403
    admin = _login(cast.admin)
    with django_assert_max_num_queries(6):
        page = admin.get("/moderation/flags").content.decode()
    assert "ไม่สุภาพ" in page and "สแปม" in page
    flag = Flag.objects.get(comment=comment)
    assert (
        _login(cast.somchai).post(f"/moderation/flags/{flag.pk}", {"action": "remove"}).status_code
        == 403
    )
    admin.post(f"/moderation/flags/{flag.pk}", {"action": "remove"})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REMOVED
    assert "ข้อความไม่เหมาะสม" not in Client().get(f"/posts/{post.number}").content.decode()


def test_it_asks_why_when_flagging(cast: Cast) -> None:
    post = make_post(cast.somchai_blog)
    malee = _login(cast.malee)
    assert "มีปัญหาอะไร" in malee.get(f"/posts/{post.number}/flag").content.decode()
    response = malee.post(f"/posts/{post.number}/flag", {"reason": "   "})
    assert response.status_code == 200 and not Flag.objects.exists()

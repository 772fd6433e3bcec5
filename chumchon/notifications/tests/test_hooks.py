from __future__ import annotations

from chumchon.blogs.services import post_publish
from chumchon.comments.services import (
    comment_accept,
    comment_approve,
    comment_create,
    flower_give,
)
from chumchon.core.testing import Cast, make_post
from chumchon.follows.services import follow_create
from chumchon.notifications.models import Notification
from chumchon.notifications.services import notification_create

Kind = Notification.Kind


def kinds_for(member) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(Notification.objects.filter(recipient=member).values_list("kind", flat=True))


def test_it_tells_the_author_of_a_comment_and_the_commenter_of_a_reply(
    cast: Cast, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    post = make_post(cast.somchai_blog)
    with django_capture_on_commit_callbacks(execute=True):
        first = comment_create(post=post, author=cast.somying, body="น่าสนใจค่ะ")
    with django_capture_on_commit_callbacks(execute=True):
        comment_create(post=post, author=cast.malee, body="เห็นด้วย", parent=first)
    assert kinds_for(cast.somchai) == [Kind.COMMENT, Kind.COMMENT]
    assert kinds_for(cast.somying) == [Kind.REPLY]
    reply = Notification.objects.get(recipient=cast.somying)
    assert reply.message.startswith("มาลี ศรีสุข") and reply.url.endswith(
        f"#comment-{reply.comment_id}"
    )


def test_it_waits_for_a_held_guest_comment_to_be_approved(
    cast: Cast, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    post = make_post(cast.somchai_blog)
    with django_capture_on_commit_callbacks(execute=True):
        held = comment_create(post=post, body="สวัสดีครับ", guest_name="แขก")
    assert kinds_for(cast.somchai) == []
    with django_capture_on_commit_callbacks(execute=True):
        comment_approve(comment=held, member=cast.somchai)
    assert Notification.objects.get(recipient=cast.somchai).who == "แขก"


def test_it_notifies_mentions_only_people_who_can_read_the_post(
    cast: Cast, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        make_post(cast.somchai_blog, body="ขอบคุณ @somying และ @malee กับ @nobody ครับ")
        make_post(cast.somchai_blog, title="ร่าง", body="ถาม @prasert", publish=False)
    assert kinds_for(cast.somying) == [Kind.MENTION] and kinds_for(cast.malee) == [Kind.MENTION]
    assert kinds_for(cast.prasert) == []


def test_it_notifies_a_mention_in_a_draft_once_it_is_published(
    cast: Cast, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        draft = make_post(cast.somchai_blog, body="ถาม @prasert", publish=False)
    with django_capture_on_commit_callbacks(execute=True):
        post_publish(post=draft, member=cast.somchai)
    with django_capture_on_commit_callbacks(execute=True):
        post_publish(post=draft, member=cast.somchai)
    assert kinds_for(cast.prasert) == [Kind.MENTION]


def test_it_notifies_flowers_followers_and_accepted_answers(
    cast: Cast, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    question = make_post(cast.somchai_blog, title="ใครรู้เรื่อง AAR", kind="question")
    with django_capture_on_commit_callbacks(execute=True):
        flower_give(post=question, member=cast.malee)
        follow_create(follower=cast.somying, member=cast.somchai)
        follow_create(follower=cast.somying, member=cast.somchai)  # again: nothing new
        answer = comment_create(post=question, author=cast.somying, body="ลองแบบนี้ค่ะ")
    with django_capture_on_commit_callbacks(execute=True):
        comment_accept(comment=answer, member=cast.somchai)
    assert kinds_for(cast.somchai) == [Kind.COMMENT, Kind.FLOWER, Kind.FOLLOWER]
    assert kinds_for(cast.somying) == [Kind.ACCEPTED]


def test_it_never_notifies_people_of_their_own_doing(
    cast: Cast, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    post = make_post(cast.somchai_blog, body="@somchai เตือนตัวเอง")
    with django_capture_on_commit_callbacks(execute=True):
        comment_create(post=post, author=cast.somchai, body="ตอบเอง")
    assert kinds_for(cast.somchai) == []


def test_it_offers_communities_a_service_for_join_requests(cast: Cast) -> None:
    sent = notification_create(
        recipient=cast.malee, kind=Kind.JOIN_REQUEST, url="/c/km-nurses/members",
        key="join:1", actor=cast.somying, text="ชุมชนพยาบาลนักจัดการความรู้",
    )  # fmt: skip
    twice = notification_create(
        recipient=cast.malee, kind=Kind.JOIN_REQUEST, url="/c/km-nurses/members", key="join:1"
    )
    assert sent is not None and twice is None
    assert sent.message == "ชุมชนพยาบาลนักจัดการความรู้"

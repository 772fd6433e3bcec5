from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from chumchon.core.testing import Cast, make_post
from chumchon.notifications.digests import members_due, unsubscribe_token
from chumchon.notifications.models import DigestPreference, Notification
from chumchon.notifications.services import digest_preference_set, notification_create


def flower(cast: Cast, recipient, key: str) -> None:  # type: ignore[no-untyped-def]
    post = make_post(recipient.blogs.first() or cast.somchai_blog)
    notification_create(
        recipient=recipient, kind=Notification.Kind.FLOWER, url=post.get_absolute_url(),
        key=key, actor=cast.malee, post=post,
    )  # fmt: skip


def send_digests() -> str:
    out = StringIO()
    call_command("send-digests", "--no-progress", stdout=out)
    return out.getvalue()


def test_it_emails_a_digest_once_with_a_one_click_unsubscribe(cast: Cast) -> None:
    flower(cast, cast.somchai, "a")
    assert "Digests queued: 1" in send_digests()
    [message] = mail.outbox
    assert message.to == ["somchai@example.org"]
    assert "มาลี ศรีสุข" in message.body
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Digests queued: 0" in send_digests()  # nothing new, and not due yet
    assert len(mail.outbox) == 1


def test_it_sends_daily_and_weekly_when_due(cast: Cast) -> None:
    digest_preference_set(member=cast.somchai, frequency="daily")
    digest_preference_set(member=cast.somying, frequency="weekly")
    flower(cast, cast.somchai, "a")
    flower(cast, cast.somying, "b")
    send_digests()
    flower(cast, cast.somchai, "c")
    flower(cast, cast.somying, "d")
    tomorrow = timezone.now() + dt.timedelta(days=1)
    assert members_due(tomorrow) == [cast.somchai.pk]
    assert set(members_due(tomorrow + dt.timedelta(days=6))) == {cast.somchai.pk, cast.somying.pk}


def test_it_sends_nothing_to_members_who_turned_it_off(cast: Cast) -> None:
    digest_preference_set(member=cast.somchai, frequency="off")
    flower(cast, cast.somchai, "a")
    assert members_due() == []


def test_it_unsubscribes_with_one_click_and_refuses_forged_links(
    client: Client, cast: Cast
) -> None:
    token = unsubscribe_token(cast.somchai)
    assert client.get(f"/unsubscribe/{token}").status_code == 200
    assert DigestPreference.objects.get(member=cast.somchai).frequency == "off"
    client.post(f"/unsubscribe/{token}", {"resubscribe": "1"})
    assert DigestPreference.objects.get(member=cast.somchai).frequency == "weekly"
    client.post(f"/unsubscribe/{token}", {"List-Unsubscribe": "One-Click"})
    assert DigestPreference.objects.get(member=cast.somchai).frequency == "off"
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    assert client.get(f"/unsubscribe/{forged}").status_code == 400

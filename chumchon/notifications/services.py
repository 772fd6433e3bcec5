"""Writes for notifications and digest preferences."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import IntegrityError, transaction
from django.utils import timezone

from chumchon.accounts.models import Member
from chumchon.blogs.models import Post
from chumchon.comments.models import Comment
from chumchon.notifications.models import DigestPreference, Notification

_muted: ContextVar[bool] = ContextVar("notifications_muted", default=False)


@contextmanager
def notifications_muted() -> Iterator[None]:
    """Nobody is notified of what happens inside (an import replays years of old comments)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def notifications_are_muted() -> bool:
    return _muted.get()


def notification_create(
    *,
    recipient: Member,
    kind: str,
    url: str,
    key: str,
    actor: Member | None = None,
    actor_name: str = "",
    post: Post | None = None,
    comment: Comment | None = None,
    text: str = "",
) -> Notification | None:
    """Notify a member once per (kind, key); never of their own doing, never when muted.

    The communities app calls this for join requests (kind "join_request", the request's
    page as url) and session reminders (kind "session_reminder").
    """
    if _muted.get() or not recipient.is_active:
        return None
    if actor is not None and actor.pk == recipient.pk:
        return None
    notification = Notification(
        recipient=recipient, kind=kind, url=url, key=key, actor=actor,
        actor_name=actor_name[:100], post=post, comment=comment, text=text,
    )  # fmt: skip
    notification.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            notification.save()
    except IntegrityError:
        return None  # already notified of this
    return notification


@transaction.atomic
def notifications_mark_read(*, member: Member, ids: list[int] | None = None) -> int:
    unread = Notification.objects.filter(recipient=member, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())


def digest_preference_of(member: Member) -> DigestPreference:
    """The member's preference as stored, or the default (weekly) if never chosen."""
    found = DigestPreference.objects.filter(member=member).first()
    return found or DigestPreference(member=member)


@transaction.atomic
def digest_preference_set(*, member: Member, frequency: str) -> DigestPreference:
    preference, _created = DigestPreference.objects.get_or_create(member=member)
    preference.frequency = frequency
    preference.full_clean()
    preference.save(update_fields=["frequency"])
    return preference


@transaction.atomic
def digest_mark_sent(*, member: Member, notifications: list[Notification]) -> None:
    now = timezone.now()
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=now)
    DigestPreference.objects.update_or_create(member=member, defaults={"last_sent_at": now})

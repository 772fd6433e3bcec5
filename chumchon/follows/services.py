"""Writes for follows and private messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chumchon.accounts.models import Member
from chumchon.blogs.models import Blog
from chumchon.follows.models import Follow, Message

if TYPE_CHECKING:
    from chumchon.communities.models import Community


@transaction.atomic
def follow_create(
    *,
    follower: Member,
    member: Member | None = None,
    blog: Blog | None = None,
    community: Community | None = None,
) -> Follow:
    if sum(target is not None for target in (member, blog, community)) != 1:
        raise ValidationError(_("Follow one member, one blog or one community."))
    if member is not None and member.pk == follower.pk:
        raise ValidationError(_("You cannot follow yourself."))
    follow, _created = Follow.objects.get_or_create(
        follower=follower, member=member, blog=blog, community=community
    )
    return follow


@transaction.atomic
def follow_delete(
    *,
    follower: Member,
    member: Member | None = None,
    blog: Blog | None = None,
    community: Community | None = None,
) -> bool:
    deleted, _n = Follow.objects.filter(
        follower=follower, member=member, blog=blog, community=community
    ).delete()
    return bool(deleted)


@transaction.atomic
def message_send(*, sender: Member, recipient: Member, subject: str, body: str) -> Message:
    if sender.pk == recipient.pk:
        raise ValidationError(_("You cannot send a message to yourself."))
    message = Message(sender=sender, recipient=recipient, subject=subject.strip(), body=body)
    message.full_clean()
    message.save()
    return message


def message_mark_read(*, message: Message, member: Member) -> Message:
    if message.recipient_id == member.pk and message.read_at is None:
        message.read_at = timezone.now()
        message.save(update_fields=["read_at"])
    return message

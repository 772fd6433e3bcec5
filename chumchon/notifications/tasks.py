"""Background work of notifications (django-tasks; immediate in-process by default)."""

from __future__ import annotations

from django_tasks import task

from chumchon.accounts.models import Member
from chumchon.notifications.digests import digest_send


@task()
def send_digest(member_id: int) -> int:
    member = Member.objects.active().filter(pk=member_id).first()
    return digest_send(member=member) if member else 0

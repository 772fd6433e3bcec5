"""E-mail digests of unread notifications, with a signed one-click unsubscribe link."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from chumchon.accounts.models import Member
from chumchon.notifications.models import DigestPreference, Notification
from chumchon.notifications.services import digest_mark_sent

UNSUBSCRIBE_SALT = "chumchon.notifications.unsubscribe"
PERIODS = {
    DigestPreference.Frequency.DAILY: dt.timedelta(days=1),
    DigestPreference.Frequency.WEEKLY: dt.timedelta(days=7),
}
# A periodic job never runs at exactly the same second: allow it to be a little early.
SLACK = dt.timedelta(hours=1)
MAX_ITEMS = 50


def unsubscribe_token(member: Member) -> str:
    return signing.dumps({"m": member.pk}, salt=UNSUBSCRIBE_SALT, compress=True)


def member_from_token(token: str) -> Member | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return Member.objects.active().filter(pk=data.get("m")).first()


def members_due(now: dt.datetime | None = None) -> list[int]:
    """Members with something new to read whose daily or weekly digest is due."""
    now = now or timezone.now()
    waiting = Notification.objects.unread().not_emailed().values("recipient_id")
    members = Member.objects.active().exclude(email="").filter(pk__in=waiting)
    due = Q(digest_preference__isnull=True)  # never chose: the weekly default, never sent
    for frequency, period in PERIODS.items():
        due |= Q(digest_preference__frequency=frequency) & (
            Q(digest_preference__last_sent_at__isnull=True)
            | Q(digest_preference__last_sent_at__lte=now - period + SLACK)
        )
    return list(members.filter(due).values_list("pk", flat=True).order_by("pk"))


def digest_send(*, member: Member) -> int:
    """Send one digest of the member's unread, not yet e-mailed notifications; how many."""
    notifications = list(
        Notification.objects.for_member(member).unread().not_emailed().for_list()[:MAX_ITEMS]
    )
    if not notifications or not member.email:
        return 0
    unsubscribe = settings.BASE_URL + reverse(
        "notifications:unsubscribe", args=[unsubscribe_token(member)]
    )
    with translation.override(member.language or settings.LANGUAGE_CODE):
        context = {
            "member": member, "notifications": notifications, "unsubscribe_url": unsubscribe,
            "base_url": settings.BASE_URL, "SITE_NAME": settings.SITE_NAME,
        }  # fmt: skip
        subject = _("%(count)d new at %(site)s") % {
            "count": len(notifications), "site": settings.SITE_NAME,
        }  # fmt: skip
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("notifications/digest_email.txt", context),
            to=[member.email],
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.attach_alternative(
            render_to_string("notifications/digest_email.html", context), "text/html"
        )
    message.send()
    digest_mark_sent(member=member, notifications=notifications)
    return len(notifications)

"""iCalendar (RFC 5545) feeds of sharing sessions, written with the `icalendar` package."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from icalendar import Calendar, Event

from chumchon.accounts.models import Member
from chumchon.communities.models import Session

_SIGNER = signing.Signer(salt="chumchon.communities.calendar")


def calendar_token(member: Member) -> str:
    """The secret part of a member's personal calendar address (calendar apps send no cookie)."""
    return _SIGNER.sign(str(member.pk))


def member_from_token(token: str) -> Member | None:
    try:
        pk = int(_SIGNER.unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    return Member.objects.active().filter(pk=pk).first()


def sessions_ics(sessions: Iterable[Session], *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//chumchon//communities//TH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    host = settings.BASE_URL.split("://", 1)[-1]
    for session in sessions:
        event = Event()
        event.add("uid", f"session-{session.pk}@{host}")
        event.add("dtstamp", session.created_at)
        event.add("dtstart", session.starts_at)
        if session.ends_at:
            event.add("dtend", session.ends_at)
        event.add("summary", f"{session.title} ({session.community.name})")
        if session.place or session.online_url:
            event.add("location", session.place or session.online_url)
        event.add("url", settings.BASE_URL + session.get_absolute_url())
        if session.agenda:
            event.add("description", session.agenda)
        calendar.add_component(event)
    return calendar.to_ical()

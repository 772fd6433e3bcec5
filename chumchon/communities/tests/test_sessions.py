from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from chumchon.communities.calendar import calendar_token
from chumchon.communities.models import Session
from chumchon.communities.services import session_create, session_record
from chumchon.communities.tests.conftest import Cop
from chumchon.core.testing import Cast, make_post


def _plan(community, organiser, days: int = 7, title: str = "เวที ลปรร. การสอบสวนโรค") -> Session:  # type: ignore[no-untyped-def]
    start = timezone.now() + dt.timedelta(days=days)
    return session_create(
        community=community, organiser=organiser, title=title, starts_at=start,
        ends_at=start + dt.timedelta(hours=3), place="ห้องประชุม สคร ๖",
    )  # fmt: skip


def test_it_lets_facilitators_plan_and_members_not(cop: Cop, cast: Cast) -> None:
    assert _plan(cop.public, cast.malee).pk
    with pytest.raises(PermissionDenied):
        _plan(cop.public, cast.somchai)


def test_it_refuses_a_session_that_ends_before_it_starts(cop: Cop, cast: Cast) -> None:
    start = timezone.now()
    with pytest.raises(ValidationError):
        session_create(
            community=cop.public, organiser=cast.malee, title="x", starts_at=start,
            ends_at=start - dt.timedelta(hours=1),
        )  # fmt: skip


def test_it_records_participants_outsiders_notes_aar_and_posts(cop: Cop, cast: Cast) -> None:
    session = _plan(cop.public, cast.malee)
    post = make_post(cast.somchai_blog)
    session_record(
        session=session, editor=cast.malee, notes="สรุปประเด็นสำคัญ", outsider_count=3,
        participants=[cast.somchai, cast.malee], linked_posts=[post],
        aar_expected="ทุกทีมได้เล่า", aar_happened="เล่าได้สามทีม", aar_why="เวลาน้อย",
        aar_next="แบ่งกลุ่มย่อย",
    )  # fmt: skip
    session.refresh_from_db()
    assert session.has_aar and session.outsider_count == 3
    assert set(session.participants.all()) == {cast.somchai, cast.malee}
    with pytest.raises(ValidationError):  # an outsider is counted, not listed
        session_record(session=session, editor=cast.malee, notes="", participants=[cast.prasert])


def test_it_shows_dates_in_the_buddhist_era(cop: Cop, cast: Cast, client: Client) -> None:
    start = dt.datetime(2026, 11, 19, 9, 30, tzinfo=dt.UTC)
    session = session_create(
        community=cop.public, organiser=cast.malee, title="เวทีเดือนพฤศจิกายน", starts_at=start
    )
    html = client.get(session.get_absolute_url()).content.decode()
    assert "19 พฤศจิกายน 2569 16:30 น." in html


def test_it_writes_an_icalendar_feed_of_upcoming_sessions(
    cop: Cop, cast: Cast, client: Client
) -> None:
    session = _plan(cop.public, cast.malee)
    _plan(cop.public, cast.malee, days=-7, title="เวทีที่ผ่านไปแล้ว")
    response = client.get(reverse("communities:session-ics", args=[cop.public.slug]))
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [f"{session.title} ({cop.public.name})"]
    assert events[0]["dtstart"].dt == session.starts_at.replace(microsecond=0)


def test_it_gives_each_member_a_private_calendar_of_their_sessions(
    cop: Cop, cast: Cast, client: Client
) -> None:
    mine = _plan(cop.secret, cast.malee, title="เวทีลับ")
    url = reverse("communities:my-sessions-ics", args=[calendar_token(cast.somchai)])
    events = Calendar.from_ical(client.get(url).content).walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [f"session-{mine.pk}@127.0.0.1:8000"]
    forged = reverse("communities:my-sessions-ics", args=[f"{cast.somchai.pk}:forged"])
    assert client.get(forged).status_code == 404
    client.force_login(cast.prasert)
    assert "เวทีลับ" not in client.get(reverse("communities:my-sessions")).content.decode()


def test_it_lists_upcoming_sessions_with_a_bounded_number_of_queries(
    cop: Cop, cast: Cast, client: Client, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for day in range(1, 8):
        session = _plan(cop.public, cast.malee, days=day)
        session_record(session=session, editor=cast.malee, notes="", participants=[cast.somchai])
    client.force_login(cast.somchai)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("communities:session-list", args=[cop.public.slug]))
    assert response.content.decode().count("เวที ลปรร. การสอบสวนโรค") == 7


def test_it_plans_and_records_a_session_through_the_forms(
    cop: Cop, cast: Cast, client: Client
) -> None:
    client.force_login(cast.malee)
    response = client.post(
        reverse("communities:session-create", args=[cop.public.slug]),
        {
            "title": "เวทีทบทวนการสอบสวน",
            "starts_at": "2026-12-01T13:00",
            "ends_at": "2026-12-01T12:00",
        },
    )
    assert response.status_code == 200 and "ends_at" in response.context["form"].errors
    response = client.post(
        reverse("communities:session-create", args=[cop.public.slug]),
        {"title": "เวทีทบทวนการสอบสวน", "starts_at": "2026-12-01T13:00", "place": "ห้อง ๒"},
    )
    session = Session.objects.get(title="เวทีทบทวนการสอบสวน")
    assert response.url == session.get_absolute_url()
    post = make_post(cast.somchai_blog)
    client.post(
        reverse("communities:session-record", args=[cop.public.slug, session.pk]),
        {"notes": "ได้ข้อสรุปสามข้อ", "outsider_count": "2", "participants": [cast.somchai.pk],
         "linked_posts": f"#{post.number}", "aar_next": "เชิญแล็บมาด้วย"},
    )  # fmt: skip
    html = client.get(session.get_absolute_url()).content.decode()
    assert "ได้ข้อสรุปสามข้อ" in html and "เชิญแล็บมาด้วย" in html and post.title in html

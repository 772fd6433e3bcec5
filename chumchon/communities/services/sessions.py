"""Sharing sessions (เวที ลปรร.): scheduling, then notes, participants and the AAR."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chumchon.accounts.models import Member
from chumchon.blogs.models import Post
from chumchon.communities.models import Community, Membership, Role, Session
from chumchon.communities.services._common import after_commit, require_role, touch
from chumchon.core import effects

ORGANISERS = (Role.FACILITATOR, Role.NOTE_TAKER)


def _check_times(starts_at: dt.datetime, ends_at: dt.datetime | None) -> None:
    if ends_at is not None and ends_at < starts_at:
        raise ValidationError({"ends_at": _("A session cannot end before it starts.")})


@transaction.atomic
def session_create(
    *,
    community: Community,
    organiser: Member,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime | None = None,
    place: str = "",
    online_url: str = "",
    agenda: str = "",
) -> Session:
    """Facilitators and note-takers schedule sessions."""
    require_role(community, organiser, *ORGANISERS)
    _check_times(starts_at, ends_at)
    session = Session(
        community=community, title=title.strip(), starts_at=starts_at, ends_at=ends_at,
        place=place, online_url=online_url, agenda=agenda, created_by=organiser,
    )  # fmt: skip
    session.full_clean()
    session.save()
    touch(community)
    after_commit(effects.session_changed, session.pk)
    return session


@transaction.atomic
def session_record(
    *,
    session: Session,
    editor: Member,
    notes: str,
    aar_expected: str = "",
    aar_happened: str = "",
    aar_why: str = "",
    aar_next: str = "",
    outsider_count: int = 0,
    participants: Iterable[Member] = (),
    linked_posts: Iterable[Post] = (),
) -> Session:
    """The note-taker (or a facilitator) writes up what the session shared."""
    require_role(session.community, editor, *ORGANISERS)
    people = list(participants)
    members = set(
        Membership.objects.active()
        .filter(community=session.community, member__in=people)
        .values_list("member_id", flat=True)
    )
    if any(p.pk not in members for p in people):
        raise ValidationError(
            {
                "participants": _(
                    "Participants are members of the community; count guests as outsiders."
                )
            }
        )
    posts = list(linked_posts)
    readable = set(
        Post.objects.visible_to(editor)
        .filter(pk__in=[p.pk for p in posts])
        .values_list("pk", flat=True)
    )
    if any(p.pk not in readable for p in posts):
        raise ValidationError({"linked_posts": _("You can only link posts you can read.")})
    session.notes = notes
    session.aar_expected = aar_expected
    session.aar_happened = aar_happened
    session.aar_why = aar_why
    session.aar_next = aar_next
    session.outsider_count = outsider_count
    session.full_clean()
    session.save()
    session.participants.set(people)
    session.linked_posts.set(posts)
    touch(session.community)
    after_commit(effects.session_changed, session.pk)
    return session

"""Where the count tables read from: the raw tables of posts, comments, members and, through
the communities app, which community each post belongs to and its members, sessions and
knowledge assets. The only module of the health app that knows those models.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from chumchon.accounts.models import Member, OrgUnit

POST_LINK_RE = re.compile(r"/posts/(\d+)")
ASSET_LINK_RE: re.Pattern[str] | None = None
ScopeEvent = tuple[int, dt.date, str, int]  # (scope, day, stat, how many)


def member_units() -> dict[int, tuple[int | None, int | None]]:
    """Each member's unit and that unit's organisation (root)."""
    roots = dict(OrgUnit.objects.values_list("id", "organisation_id"))
    return {
        member: (unit, (roots.get(unit) or unit) if unit else None)
        for member, unit in Member.objects.values_list("id", "unit_id")
    }


def post_communities(post_ids: Iterable[int] | None = None) -> dict[int, tuple[int, ...]]:
    """The communities each post appears in (posts in none are left out)."""
    return {}


def community_ids() -> list[int]:
    return []


def community_started(scope: int) -> dt.date | None:
    return None


def scope_events(start: dt.datetime | None, end: dt.datetime) -> Iterator[ScopeEvent]:
    """Members joining and leaving, sessions and their attendance, assets published."""
    joined = Member.objects.filter(date_joined__lt=end, is_active=True)
    if start is not None:
        joined = joined.filter(date_joined__gte=start)
    for when in joined.values_list("date_joined", flat=True).iterator(chunk_size=5000):
        yield (0, _local_day(when), "members_joined", 1)


def _local_day(when: dt.datetime) -> dt.date:
    from django.utils import timezone

    return timezone.localtime(when).date()

"""Where the count tables read from: the raw tables of posts, comments, members and, through
the communities app, which community each post belongs to and its members, sessions and
knowledge assets. The only module of the health app that knows those models.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from django.db.models import Count, F, QuerySet
from django.utils import timezone

from chumchon.accounts.models import Member, OrgUnit
from chumchon.blogs.models import Post
from chumchon.communities.models import (
    Community,
    CommunityPost,
    KnowledgeAsset,
    Membership,
    Session,
)

POST_LINK_RE = re.compile(r"/posts/(\d+)")
ASSET_LINK_RE: re.Pattern[str] | None = re.compile(r"/c/[a-z0-9-]+/assets/(\d+)")
ScopeEvent = tuple[int, dt.date, str, int]  # (scope, day, stat, how many)


def member_units() -> dict[int, tuple[int | None, int | None]]:
    """Each member's unit and that unit's organisation (root)."""
    roots = dict(OrgUnit.objects.values_list("id", "organisation_id"))
    return {
        member: (unit, (roots.get(unit) or unit) if unit else None)
        for member, unit in Member.objects.values_list("id", "unit_id")
    }


def post_communities(post_ids: Iterable[int] | None = None) -> dict[int, tuple[int, ...]]:
    """The communities each post appears in, however it arrived (posts in none left out):
    from a blog that had joined the community when the post was published, or shared."""
    found: dict[int, set[int]] = {}
    chunks = [None] if post_ids is None else _chunks(sorted(set(post_ids)))
    for chunk in chunks:
        from_blogs = Post.objects.filter(
            blog__community_links__joined_at__lte=F("published_at")
        ).values_list("id", "blog__community_links__community_id")
        shared = CommunityPost.objects.values_list("post_id", "community_id")
        if chunk is not None:
            from_blogs = from_blogs.filter(id__in=chunk)
            shared = shared.filter(post_id__in=chunk)
        for post, community in [
            *from_blogs.iterator(chunk_size=5000),
            *shared.iterator(chunk_size=5000),
        ]:
            found.setdefault(post, set()).add(community)
    return {post: tuple(sorted(c)) for post, c in found.items()}


def _chunks(items: list[int], size: int = 900) -> Iterator[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def community_ids() -> list[int]:
    return list(Community.objects.order_by("pk").values_list("pk", flat=True))


def community_started(scope: int) -> dt.date | None:
    created = Community.objects.filter(pk=scope).values_list("created_at", flat=True).first()
    return _local_day(created) if created else None


def _between(qs: QuerySet, field: str, start: dt.datetime | None, end: dt.datetime) -> QuerySet:
    qs = qs.filter(**{f"{field}__lt": end})
    return qs.filter(**{f"{field}__gte": start}) if start is not None else qs


def scope_events(start: dt.datetime | None, end: dt.datetime) -> Iterator[ScopeEvent]:
    """Members joining, sessions and their attendance, session AARs with a next step,
    knowledge assets published. Communities delete a membership when a member leaves,
    so leaving cannot be counted from the past (members_left stays 0)."""
    joined = _between(Member.objects.filter(is_active=True), "date_joined", start, end)
    for when in joined.values_list("date_joined", flat=True).iterator(chunk_size=5000):
        yield (0, _local_day(when), "members_joined", 1)
    memberships = _between(Membership.objects.active(), "created_at", start, end)
    for community, when in memberships.values_list("community_id", "created_at").iterator(
        chunk_size=5000
    ):
        yield (community, _local_day(when), "members_joined", 1)
    sessions = _between(Session.objects.all(), "starts_at", start, end).annotate(
        people=Count("participants")
    )
    for community, when, people, outsiders, aar_next in sessions.values_list(
        "community_id", "starts_at", "people", "outsider_count", "aar_next"
    ):
        day = _local_day(when)
        for scope in (0, community):
            yield (scope, day, "sessions", 1)
            yield (scope, day, "session_attendance", people + outsiders)
            if aar_next.strip():
                yield (scope, day, "aar_followups", 1)
    assets = _between(KnowledgeAsset.objects.published(), "published_at", start, end)
    for community, when in assets.values_list("community_id", "published_at"):
        for scope in (0, community):
            yield (scope, _local_day(when), "assets_published", 1)


def _local_day(when: dt.datetime) -> dt.date:
    return timezone.localtime(when).date()

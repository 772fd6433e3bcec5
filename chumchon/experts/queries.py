"""Reads of the expert finder: who knows about a query, as one viewer is allowed to see it.

The evidence comes from `experts.evidence` (always through `visible_to(viewer)`);
members who asked to be hidden are removed before anything is returned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.utils import timezone

from chumchon.accounts.models import Member, MemberQuerySet, OrgUnit
from chumchon.blogs.models import Post
from chumchon.communities.models import Community, Membership
from chumchon.core.models import Tag
from chumchon.experts.evidence import evidence_for, query_tags, signals_for, volume_for
from chumchon.experts.models import Endorsement, FinderPreference, findable_members
from chumchon.experts.ranking import Evidence, PersonScore, rank
from chumchon.experts.reasons import reason
from chumchon.experts.relevance import RelevanceSource, index_hits, snippets_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    Viewer = Member | AnonymousUser

# How many best-matching documents the index hands over per query (Balog et al. rank
# from the top of the document ranking too): deep enough that a specialist's tenth
# post still counts (bench/experts.py keeps P@5 at 1.0 from 200 as from 500), shallow
# enough to answer within the latency budget (p95 falls by a third from 500 to 200).
EVIDENCE_DEPTH = 200
QUERY_MAX = 200


@dataclass(frozen=True)
class FinderFilters:
    organisation: OrgUnit | None = None
    unit: OrgUnit | None = None
    community: Community | None = None
    outside_my_unit: bool = False


@dataclass
class Expert:
    """One listed person, ready for a page or the API."""

    member: Member
    score: float
    reason: str
    evidence: list[Evidence]
    parts: dict[str, float] = field(default_factory=dict)


# ---- the finder ------------------------------------------------------------------


def units_below(unit: OrgUnit) -> list[int]:
    """The unit and every unit under it (the tree is a few levels deep)."""
    found, level = [unit.pk], [unit.pk]
    while level:
        level = list(OrgUnit.objects.filter(parent_id__in=level).values_list("pk", flat=True))
        found += level
    return found


def _filtered(members: MemberQuerySet, filters: FinderFilters, viewer: Viewer) -> MemberQuerySet:
    if filters.organisation is not None:
        root = filters.organisation.root
        members = members.filter(Q(unit__organisation=root) | Q(unit=root))
    if filters.unit is not None:
        members = members.filter(unit_id__in=units_below(filters.unit))
    if filters.community is not None:
        # Only a community whose insides the viewer may see filters by its members.
        readable = Community.objects.readable_by(viewer).filter(pk=filters.community.pk)
        members = members.filter(
            pk__in=Membership.objects.active().filter(community__in=readable).values("member")
        )
    my_unit = getattr(viewer, "unit", None)
    if filters.outside_my_unit and my_unit is not None:
        members = members.exclude(unit_id__in=units_below(my_unit))
    return members


def experts_for(
    query: str,
    *,
    viewer: Viewer,
    filters: FinderFilters | None = None,
    source: RelevanceSource = index_hits,
    now: dt.datetime | None = None,
) -> list[PersonScore]:
    """Every person with evidence for the query that this viewer may see, best first."""
    query = " ".join(query.split())[:QUERY_MAX]
    if not query:
        return []
    evidence = evidence_for(source(query, viewer=viewer, limit=EVIDENCE_DEPTH), viewer)
    ranked = rank(
        evidence,
        signals_for(query_tags(query), viewer),
        now=now or timezone.now(),
        volume=volume_for({e.person_id for e in evidence}, viewer),
    )
    members = _filtered(findable_members(viewer), filters or FinderFilters(), viewer)
    listed = set(members.filter(pk__in=[p.person_id for p in ranked]).values_list("pk", flat=True))
    return [p for p in ranked if p.person_id in listed]


def experts_hydrate(
    scores: Iterable[PersonScore], *, viewer: Viewer, query: str = ""
) -> list[Expert]:
    """Members, reasons and top evidence (with marked snippets) for one page of results,
    in a fixed number of queries."""
    scores = list(scores)
    members = Member.objects.filter(pk__in=[p.person_id for p in scores]).select_related(
        "unit", "unit__organisation"
    )
    by_id = {m.pk: m for m in members}
    calendar = getattr(viewer, "calendar", "be") if viewer.is_authenticated else "be"
    shown = {p.person_id: p.top(3) for p in scores}
    missing = [e.key for top in shown.values() for e in top if not e.snippet]
    snippets = snippets_for(missing, query, viewer) if missing and query else {}
    return [
        Expert(
            by_id[p.person_id],
            p.score,
            reason(p, calendar=calendar),
            [replace(e, snippet=snippets.get(e.key, e.snippet)) for e in shown[p.person_id]],
            p.parts,
        )  # fmt: skip
        for p in scores
        if p.person_id in by_id
    ]


# ---- a person's expertise, for profiles -----------------------------------------------


def topics_seen(member: Member, *, viewer: Viewer, limit: int = 8) -> list[tuple[str, int]]:
    """The tags the member writes under most, counted over posts this viewer may read."""
    posts = Post.objects.visible_to(viewer).published().filter(author=member)
    rows = (
        Tag.objects.filter(posts__in=posts)
        .annotate(n=Count("posts"))
        .order_by("-n", "name")
        .values_list("name", "n")[:limit]
    )
    return list(rows)


@dataclass(frozen=True)
class TopicEndorsement:
    tag: str
    endorsers: int
    mine: bool


def endorsements_of(member: Member, *, viewer: Viewer) -> list[TopicEndorsement]:
    """Each topic the member is endorsed for, with how many endorse it and whether I do."""
    rows = Endorsement.objects.visible_to(viewer).of(member)
    counts = rows.values_list("tag__name").annotate(n=Count("endorser", distinct=True))
    mine = (
        set(rows.by(viewer).values_list("tag__name", flat=True))
        if viewer.is_authenticated
        else set()
    )
    ordered = sorted(counts, key=lambda r: (-r[1], r[0]))
    return [TopicEndorsement(name, n, name in mine) for name, n in ordered]


@dataclass
class Expertise:
    """What a profile shows about a member's expertise, as one viewer may see it."""

    member: Member
    declared: list[str]
    endorsed: list[TopicEndorsement]
    topics: list[tuple[str, int]]
    suggestions: list[str]  # topics the viewer may endorse with one click
    is_self: bool
    hidden: bool


def expertise_of(member: Member, *, viewer: Viewer) -> Expertise:
    endorsed = endorsements_of(member, viewer=viewer)
    declared = [t.name for t in member.tags.all()]
    topics = topics_seen(member, viewer=viewer)
    mine = {e.tag for e in endorsed if e.mine}
    suggestions = [s for s in dict.fromkeys(declared + [n for n, _c in topics]) if s not in mine]
    is_self = bool(viewer.is_authenticated and viewer.pk == member.pk)
    hidden = is_self and FinderPreference.objects.hidden().filter(member=member).exists()
    return Expertise(member, declared, endorsed, topics, suggestions, is_self, hidden)

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
from chumchon.experts.evidence import (
    evidence_for,
    page_evidence,
    query_tags,
    signals_for,
    volume_for,
)
from chumchon.experts.expertise import document_scores, term_ids
from chumchon.experts.models import Endorsement, FinderPreference, findable_members
from chumchon.experts.ranking import (
    DEFAULT_WEIGHTS,
    Evidence,
    PersonScore,
    add_signals,
    rank,
    signals_value,
)
from chumchon.experts.reasons import reason
from chumchon.experts.relevance import RelevanceSource, snippets_for
from chumchon.experts.terms import query_terms

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
    source: RelevanceSource | None = None,
    now: dt.datetime | None = None,
) -> list[PersonScore]:
    """Every person with evidence for the query that this viewer may see, best first.

    By default the document part of each score is read from the expertise table (at most
    CANDIDATES people); a `source` of relevance instead ranks the documents it returns
    (tests hand in fixed relevance this way; `relevance.index_hits` asks the search index).
    """
    query = " ".join(query.split())[:QUERY_MAX]
    if not query:
        return []
    now = now or timezone.now()
    filters = filters or FinderFilters()
    if source is None:
        return _from_table(query, viewer, filters, now)
    evidence = evidence_for(source(query, viewer=viewer, limit=EVIDENCE_DEPTH), viewer)
    ranked = rank(
        evidence,
        signals_for(query_tags(query), viewer),
        now=now,
        volume=volume_for({e.person_id for e in evidence}, viewer),
    )
    members = _filtered(findable_members(viewer), filters, viewer)
    listed = set(members.filter(pk__in=[p.person_id for p in ranked]).values_list("pk", flat=True))
    return [p for p in ranked if p.person_id in listed]


# How many people the table hands over per query, best documents first: far more than
# anyone pages through, and few enough to rank with signals in a few milliseconds.
CANDIDATES = 500


def _from_table(
    query: str, viewer: Viewer, filters: FinderFilters, now: dt.datetime
) -> list[PersonScore]:
    # One look-up serves both: which typed parts are words of the table, and word ids.
    chunks = query.split()
    known = term_ids([*chunks, *(w for c in chunks for w in query_terms(c))])
    terms = query_terms(query, lambda _words: set(known))
    narrowed = filters != FinderFilters()
    members = _filtered(findable_members(viewer), filters, viewer)
    within = None
    if narrowed:
        sql, params = members.order_by().values("pk").query.sql_with_params()
        within = (f"person_id IN ({sql})", list(params))
    scored = dict(
        document_scores(terms, viewer, now=now, limit=CANDIDATES, members=within, known=known)
    )
    people: dict[int, PersonScore] = {}
    for person_id, value in scored.items():
        people[person_id] = PersonScore(
            person_id, parts={"documents": value}, from_table=True, terms=tuple(terms)
        )
    # Declared tags, endorsements and facilitating lift people the table may not have
    # handed over: their documents are read too, the strongest signals first.
    # A common tag can be declared by thousands: they are weighed as plain numbers and
    # only those who can reach the candidates become PersonScores.
    signals = signals_for(query_tags(query), viewer)
    totals = []
    for person_id, s in signals.items():
        if person_id in people:
            add_signals(people[person_id], s, DEFAULT_WEIGHTS)
            totals.append((-sum(people[person_id].parts.values()), person_id))
        else:
            totals.append((-signals_value(s, DEFAULT_WEIGHTS), person_id))
    totals.sort()
    missing = []
    for _total, person_id in totals[:CANDIDATES]:
        if person_id not in people:
            person = PersonScore(person_id, from_table=True, terms=tuple(terms))
            add_signals(person, signals[person_id], DEFAULT_WEIGHTS)
            missing.append(person)
    if missing:
        ids = [p.person_id for p in missing]
        found = dict(
            document_scores(terms, viewer, now=now, limit=len(ids), people=ids, known=known)
        )
        for p in missing:
            if p.person_id in found:
                p.parts["documents"] = found[p.person_id]
            people[p.person_id] = p
    listed = set(members.filter(pk__in=list(people)).values_list("pk", flat=True))
    ranked = [p for p in people.values() if p.person_id in listed]
    for p in ranked:
        p.score = sum(p.parts.values())
    return sorted((p for p in ranked if p.score > 0), key=lambda p: (-p.score, p.person_id))


def _with_evidence(
    scores: list[PersonScore], query: str, viewer: Viewer, now: dt.datetime
) -> tuple[list[PersonScore], dict[str, str]]:
    """Counts, dates and the strongest documents of the people on one page: their own
    documents that name the query's words, weighed as `relevance.lexical_hits` does.
    Also the texts of those documents, for snippets."""
    table = [p for p in scores if p.from_table]
    if not table:
        return scores, {}
    evidence, texts = page_evidence([p.person_id for p in table], list(table[0].terms), viewer)
    found = {p.person_id: p for p in rank(evidence, now=now)}
    out = []
    for p in scores:
        seen = found.get(p.person_id)
        if p.from_table and seen is not None:
            p = replace(
                p, evidence=seen.evidence, counts=seen.counts, latest=seen.latest,
                latest_post=seen.latest_post,
            )  # fmt: skip
        out.append(p)
    return out, texts


def _snippets(
    shown: list[Evidence], texts: dict[str, str], query: str, viewer: Viewer
) -> dict[str, str]:
    """Marked snippets of the evidence shown: from texts already read where there are."""
    from chumchon.experts.relevance import _near, marked
    from chumchon.search.query import parse

    missing = [e.key for e in shown if not e.snippet and e.key not in texts]
    found = snippets_for(missing, query, viewer) if missing and query else {}
    wanted = [e.key for e in shown if not e.snippet and e.key in texts]
    if wanted:
        words = parse(query).highlight
        for key in wanted:
            found[key] = marked(_near(texts[key], words), words)
    return found


def experts_hydrate(
    scores: Iterable[PersonScore], *, viewer: Viewer, query: str = ""
) -> list[Expert]:
    """Members, reasons and top evidence (with marked snippets) for one page of results,
    in a fixed number of queries."""
    scores, texts = _with_evidence(list(scores), query, viewer, timezone.now())
    members = Member.objects.filter(pk__in=[p.person_id for p in scores]).select_related(
        "unit", "unit__organisation"
    )
    by_id = {m.pk: m for m in members}
    calendar = getattr(viewer, "calendar", "be") if viewer.is_authenticated else "be"
    shown = {p.person_id: p.top(3) for p in scores}
    snippets = _snippets([e for top in shown.values() for e in top], texts, query, viewer)
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

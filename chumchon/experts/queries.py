"""Reads of the expert finder: who knows about a query, as one viewer is allowed to see it.

Everything the ranking sees is fetched through `visible_to(viewer)`: a document the
viewer cannot read is never evidence for them, so it cannot move anyone's rank, score
or snippet. Members who asked to be hidden are removed before anything is returned.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from chumchon.accounts.models import Member, MemberQuerySet, OrgUnit
from chumchon.blogs.models import Post
from chumchon.comments.models import Comment
from chumchon.core.html import plain_text
from chumchon.core.models import Tag
from chumchon.experts.models import Endorsement, findable_members
from chumchon.experts.ranking import (
    DEFAULT_WEIGHTS,
    Endorser,
    Evidence,
    Kind,
    PersonScore,
    Signals,
    rank,
)
from chumchon.experts.reasons import reason
from chumchon.experts.relevance import Hit, RelevanceSource, lexical_hits, query_words

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    Viewer = Member | AnonymousUser

# How many best-matching documents the index hands over per query (Balog et al. rank
# from the top of the document ranking too): deep enough that a specialist's tenth
# post still counts, shallow enough to answer within the latency budget.
EVIDENCE_DEPTH = 500
QUERY_MAX = 200


@dataclass(frozen=True)
class FinderFilters:
    organisation: OrgUnit | None = None
    unit: OrgUnit | None = None
    outside_my_unit: bool = False


@dataclass
class Expert:
    """One listed person, ready for a page or the API."""

    member: Member
    score: float
    reason: str
    evidence: list[Evidence]
    parts: dict[str, float] = field(default_factory=dict)


# ---- evidence from documents --------------------------------------------------------


def _post_evidence(hits: dict[int, Hit], viewer: Viewer) -> list[Evidence]:
    rows = Post.objects.visible_to(viewer).published().filter(pk__in=hits)
    evidence, questions = [], {}
    for post in rows.only("pk", "author_id", "number", "title", "body", "kind", "published_at"):
        hit, asked = hits[post.pk], post.kind == Post.Kind.QUESTION
        evidence.append(
            Evidence(
                person_id=post.author_id,
                kind=Kind.QUESTION if asked else Kind.POST,
                key=f"post:{post.pk}",
                relevance=hit.score,
                at=post.published_at,  # type: ignore[arg-type]
                title=post.display_title,
                snippet=hit.snippet,
                url=post.get_absolute_url(),
            )
        )
        if asked:
            questions[post.pk] = (hit.score, post)
    # An accepted answer is evidence for whatever its question was about.
    answers = Comment.objects.visible_to(viewer).filter(
        post_id__in=questions, is_accepted=True, author__isnull=False
    )
    for c in answers.only("pk", "author_id", "post_id", "created_at", "body_html", "is_accepted"):
        score, post = questions[c.post_id]
        evidence.append(_comment(c, post, score, plain_text(c.body_html)[:160]))
    return evidence


def _comment(c: Comment, post: Post, score: float, text: str) -> Evidence:
    kind = Kind.ANSWER if c.is_accepted else Kind.COMMENT
    url = f"{reverse('blogs:post-detail', args=[post.number])}#comment-{c.pk}"
    return Evidence(
        c.author_id, kind, f"comment:{c.pk}", score, c.created_at,  # type: ignore[arg-type]
        post.display_title, text, url,
    )  # fmt: skip


def _comment_evidence(hits: dict[int, Hit], viewer: Viewer) -> list[Evidence]:
    rows = (
        Comment.objects.visible_to(viewer)
        .filter(pk__in=hits, author__isnull=False)
        .select_related("post")
        .only("pk", "author_id", "created_at", "is_accepted", "post__number", "post__title")
    )
    return [_comment(c, c.post, hits[c.pk].score, hits[c.pk].snippet) for c in rows]


EVIDENCE_PROVIDERS = {"post": _post_evidence, "comment": _comment_evidence}


def evidence_for(hits: Iterable[Hit], viewer: Viewer) -> list[Evidence]:
    by_kind: dict[str, dict[int, Hit]] = defaultdict(dict)
    for h in hits:
        by_kind[h.kind][h.pk] = h
    evidence: list[Evidence] = []
    for kind, provider in EVIDENCE_PROVIDERS.items():
        if by_kind.get(kind):
            evidence += provider(by_kind[kind], viewer)
    return evidence


def volume_for(person_ids: set[int], viewer: Viewer) -> dict[int, float]:
    """How much each person wrote that this viewer may read, weighted like evidence."""
    weights = DEFAULT_WEIGHTS.association
    volume: dict[int, float] = defaultdict(float)
    posts = Post.objects.visible_to(viewer).published().filter(author_id__in=person_ids)
    for author, n in posts.values_list("author_id").annotate(n=Count("pk")).order_by():
        volume[author] += n * weights[Kind.POST]
    comments = Comment.objects.visible_to(viewer).filter(author_id__in=person_ids)
    for author, n in comments.values_list("author_id").annotate(n=Count("pk")).order_by():
        volume[author] += n * weights[Kind.COMMENT]
    return volume


# ---- signals from profiles and endorsements -------------------------------------------


def query_tags(query: str) -> list[int]:
    """Tags that name the query or one of its words."""
    text = " ".join(query.split())
    names = {text.lower() if text.isascii() else text, *query_words(query)}
    return list(Tag.objects.filter(name__in=names).values_list("pk", flat=True))


def signals_for(tag_ids: list[int], viewer: Viewer) -> dict[int, Signals]:
    if not tag_ids:
        return {}
    declared: dict[int, list[str]] = defaultdict(list)
    through = Member.tags.through.objects.filter(tag_id__in=tag_ids, member__is_active=True)
    for member_id, name in through.values_list("member_id", "tag__name"):
        declared[member_id].append(name)
    endorsers: dict[int, list[Endorser]] = defaultdict(list)
    rows = Endorsement.objects.visible_to(viewer).on_tags(tag_ids)
    for member_id, endorser_id, theirs, mine in rows.values_list(
        "member_id", "endorser_id", "endorser__unit_id", "member__unit_id"
    ):
        cross = theirs is not None and mine is not None and theirs != mine
        endorsers[member_id].append(Endorser(endorser_id, cross))
    return {
        m: Signals(declared=tuple(declared[m]), endorsers=tuple(endorsers[m]))
        for m in declared.keys() | endorsers.keys()
    }


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
    my_unit = getattr(viewer, "unit", None)
    if filters.outside_my_unit and my_unit is not None:
        members = members.exclude(unit_id__in=units_below(my_unit))
    return members


def experts_for(
    query: str,
    *,
    viewer: Viewer,
    filters: FinderFilters | None = None,
    source: RelevanceSource = lexical_hits,
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


def experts_hydrate(scores: Iterable[PersonScore], *, viewer: Viewer) -> list[Expert]:
    """Members, reasons and top evidence for one page of results (a fixed number of queries)."""
    scores = list(scores)
    members = Member.objects.filter(pk__in=[p.person_id for p in scores]).select_related(
        "unit", "unit__organisation"
    )
    by_id = {m.pk: m for m in members}
    calendar = getattr(viewer, "calendar", "be") if viewer.is_authenticated else "be"
    return [
        Expert(by_id[p.person_id], p.score, reason(p, calendar=calendar), p.top(3), p.parts)
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

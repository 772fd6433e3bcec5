"""What the ranking is fed: documents tied to people, and the signals beyond documents.

Every read here goes through `visible_to(viewer)` (or `readable_by` for a community's
insides), even when the relevance source already filtered: a document the viewer
cannot read is never evidence for them, so it cannot move anyone's rank, score or
snippet, and a person's volume of writing is counted over what the viewer may read too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from django.db.models import Case, Count, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Substr
from django.urls import reverse

from chumchon.accounts.models import Member
from chumchon.blogs.models import Post
from chumchon.comments.models import Comment, CommentQuerySet
from chumchon.communities.models import (
    AssetSource,
    Community,
    KnowledgeAsset,
    Membership,
    Session,
)
from chumchon.core.html import plain_text
from chumchon.core.models import Tag
from chumchon.experts.models import Endorsement
from chumchon.experts.ranking import DEFAULT_WEIGHTS, Endorser, Evidence, Kind, Signals
from chumchon.experts.relevance import Hit, plain, query_words

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    Viewer = Member | AnonymousUser

SNIPPET_CHARS = 160


def readable_comments(viewer: Viewer) -> CommentQuerySet:
    """Published comments on posts the viewer may read.

    The same rule as `Comment.objects.visible_to` (narrowed to published comments, which
    is all the finder counts), written as a correlated EXISTS: an IN over every post the
    viewer may read would materialise a million ids for each query.
    """
    readable = Post.objects.visible_to(viewer).filter(pk=OuterRef("post_id"))
    return Comment.objects.visible().filter(Exists(readable))


def post_url(number: int, *, _prefix: list[str] = []) -> str:  # noqa: B006
    """/posts/<number>, without a reverse() for each of hundreds of rows."""
    if not _prefix:
        _prefix.append(reverse("blogs:post-detail", args=[0]).removesuffix("0"))
    return f"{_prefix[0]}{number}"


# ---- posts and comments -------------------------------------------------------------


def _tail_evidence(hits: list[Hit]) -> list[Evidence]:
    """Evidence from hits that carry their row (already read through visible_to)."""
    return [
        Evidence(
            person_id=h.row[0],
            kind=Kind.POST,
            key=f"post:{h.pk}",
            relevance=h.score,
            at=h.row[1],
            title=h.row[3] or "",
            url=post_url(h.row[2]),
        )  # fmt: skip
        for h in hits
        if h.row is not None
    ]


def _post_evidence(hits: dict[int, Hit], viewer: Viewer) -> list[Evidence]:
    tail = [h for h in hits.values() if h.row is not None]
    hits = {pk: h for pk, h in hits.items() if h.row is None}
    return _tail_evidence(tail) + _ranked_post_evidence(hits, viewer)


def _ranked_post_evidence(hits: dict[int, Hit], viewer: Viewer) -> list[Evidence]:
    # A journal entry may have no title: its first words stand in (display_title), read
    # without loading every body.
    lead = Case(When(title="", then=Substr("body", 1, 120)), default=Value(""))
    rows = Post.objects.visible_to(viewer).published().filter(pk__in=hits).annotate(lead=lead)
    evidence, questions = [], {}
    for post in rows.only("pk", "author_id", "number", "title", "kind", "published_at"):
        hit, asked = hits[post.pk], post.kind == Post.Kind.QUESTION
        evidence.append(
            Evidence(
                person_id=post.author_id,
                kind=Kind.QUESTION if asked else Kind.POST,
                key=f"post:{post.pk}",
                relevance=hit.score,
                at=post.published_at,  # type: ignore[arg-type]
                title=post.title or _first_words(post.lead),  # type: ignore[attr-defined]
                snippet=hit.snippet,
                url=post_url(post.number),
            )
        )
        if asked:
            questions[post.pk] = (hit.score, post.number, evidence[-1].title)
    # An accepted answer is evidence for whatever its question was about.
    answers = readable_comments(viewer).filter(
        post_id__in=questions, is_accepted=True, author__isnull=False
    )
    for c in answers.only("pk", "author_id", "post_id", "created_at", "body_html", "is_accepted"):
        score, number, title = questions[c.post_id]
        text = plain_text(c.body_html)[:SNIPPET_CHARS]
        evidence.append(_comment(c, number, title, score, text))
    return evidence


def _first_words(text: str) -> str:
    words = text.split()
    return " ".join(words[:12]) + ("…" if len(words) > 12 or len(text) >= 120 else "")


def _comment(c: Comment, number: int, title: str, score: float, text: str) -> Evidence:
    return Evidence(
        person_id=c.author_id,  # type: ignore[arg-type]
        kind=Kind.ANSWER if c.is_accepted else Kind.COMMENT,
        key=f"comment:{c.pk}",
        relevance=score,
        at=c.created_at,
        title=title,
        snippet=text,
        url=f"{post_url(number)}#comment-{c.pk}",
    )


def _comment_evidence(hits: dict[int, Hit], viewer: Viewer) -> list[Evidence]:
    lead = Case(When(post__title="", then=Substr("post__body", 1, 120)), default=Value(""))
    rows = (
        readable_comments(viewer)
        .filter(pk__in=hits, author__isnull=False)
        .annotate(number=F("post__number"), post_title=F("post__title"), lead=lead)
        .only("pk", "author_id", "created_at", "is_accepted")
    )
    return [
        _comment(
            c,
            c.number,
            c.post_title or _first_words(c.lead),  # type: ignore[attr-defined]
            hits[c.pk].score,
            hits[c.pk].snippet,
        )  # fmt: skip
        for c in rows
    ]


# ---- knowledge assets and sessions ------------------------------------------------


def _cited_authors(asset_ids: Iterable[int], viewer: Viewer) -> dict[int, set[int]]:
    """Who wrote the posts and comments each asset was distilled from, as far as the viewer
    may read those sources."""
    # Row by row (EXISTS), as in `readable_comments`: an IN would list every readable post.
    posts = Post.objects.visible_to(viewer).published().filter(pk=OuterRef("post_id"))
    comments = readable_comments(viewer).filter(pk=OuterRef("comment_id"))
    cited: dict[int, set[int]] = defaultdict(set)
    sources = AssetSource.objects.filter(asset_id__in=asset_ids)
    by_post = sources.filter(Exists(posts))
    for asset_id, author in by_post.values_list("asset_id", "post__author"):
        cited[asset_id].add(author)
    by_comment = sources.filter(Exists(comments), comment__author__isnull=False)
    for asset_id, author in by_comment.values_list("asset_id", "comment__author"):
        cited[asset_id].add(author)
    return cited


def _asset_evidence(hits: dict[int, Hit], viewer: Viewer) -> list[Evidence]:
    rows = (
        KnowledgeAsset.objects.visible_to(viewer)
        .published()
        .filter(pk__in=hits)
        .select_related("community")
        .only("pk", "title", "proposed_by_id", "published_at", "community__slug")
    )
    assets = list(rows)
    cited = _cited_authors([a.pk for a in assets], viewer)
    evidence: list[Evidence] = []
    for asset in assets:
        hit = hits[asset.pk]
        common = {
            "key": f"asset:{asset.pk}", "relevance": hit.score, "at": asset.published_at,
            "title": asset.title, "snippet": hit.snippet, "url": asset.get_absolute_url(),
        }  # fmt: skip
        if asset.proposed_by_id:
            evidence.append(Evidence(person_id=asset.proposed_by_id, kind=Kind.ASSET, **common))
        for author in cited[asset.pk] - {asset.proposed_by_id}:
            evidence.append(Evidence(person_id=author, kind=Kind.CITED, **common))
    return evidence


def _session_evidence(hits: dict[int, Hit], viewer: Viewer) -> list[Evidence]:
    """Sessions count for whoever organised and led them (their `created_by`)."""
    rows = (
        Session.objects.visible_to(viewer)
        .filter(pk__in=hits, created_by__isnull=False)
        .select_related("community")
        .only("pk", "title", "starts_at", "created_by_id", "community__slug")
    )
    return [
        Evidence(
            person_id=s.created_by_id,  # type: ignore[arg-type]
            kind=Kind.SESSION,
            key=f"session:{s.pk}",
            relevance=hits[s.pk].score,
            at=s.starts_at,
            title=s.title,
            snippet=hits[s.pk].snippet,
            url=s.get_absolute_url(),
        )
        for s in rows
    ]


EVIDENCE_PROVIDERS = {
    "post": _post_evidence,
    "comment": _comment_evidence,
    "asset": _asset_evidence,
    "session": _session_evidence,
}


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
    """How many posts each person published that this viewer may read.

    Comments are left out of the volume: counting them reads every comment a candidate
    ever wrote, the slowest step of a query at scale, and a person's posts are what
    their writing is; the ranking never spreads over less than the evidence itself.
    """
    posts = Post.objects.visible_to(viewer).published().filter(author_id__in=person_ids)
    rows = posts.values_list("author_id").annotate(n=Count("pk")).order_by()
    return {author: n * DEFAULT_WEIGHTS.association[Kind.POST] for author, n in rows}


# ---- signals from profiles, endorsements and roles -------------------------------------


def query_tags(query: str) -> list[int]:
    """Tags that name the query, one of its space-separated parts, or one of its words."""
    from chumchon.core.thai import tokens
    from chumchon.search.query import FUNCTION_WORDS

    text = " ".join(query.split())
    words = {w for w in tokens(text) if len(w) > 1 and w not in FUNCTION_WORDS}
    names = {text.lower() if text.isascii() else text, *query_words(query), *words}
    return list(Tag.objects.filter(name__in=names).values_list("pk", flat=True))


def _declared(tag_ids: list[int]) -> dict[int, list[str]]:
    declared: dict[int, list[str]] = defaultdict(list)
    through = Member.tags.through.objects.filter(tag_id__in=tag_ids, member__is_active=True)
    for member_id, name in through.values_list("member_id", "tag__name"):
        declared[member_id].append(name)
    return declared


def _endorsers(tag_ids: list[int], viewer: Viewer) -> dict[int, list[Endorser]]:
    endorsers: dict[int, list[Endorser]] = defaultdict(list)
    rows = Endorsement.objects.visible_to(viewer).on_tags(tag_ids)
    for member_id, endorser_id, theirs, mine in rows.values_list(
        "member_id", "endorser_id", "endorser__unit_id", "member__unit_id"
    ):
        cross = theirs is not None and mine is not None and theirs != mine
        endorsers[member_id].append(Endorser(endorser_id, cross))
    return endorsers


def _facilitating(tag_ids: list[int], viewer: Viewer) -> dict[int, list[str]]:
    """Facilitators of communities tagged with the query, where the viewer may see inside."""
    communities = Community.objects.readable_by(viewer).filter(tags__in=tag_ids).distinct()
    roles = Membership.objects.facilitators().filter(community__in=communities)
    facilitates: dict[int, list[str]] = defaultdict(list)
    for member_id, name in roles.values_list("member_id", "community__name").order_by(
        "community__name"
    ):
        facilitates[member_id].append(name)
    return facilitates


def signals_for(tag_ids: list[int], viewer: Viewer) -> dict[int, Signals]:
    if not tag_ids:
        return {}
    declared = _declared(tag_ids)
    endorsers = _endorsers(tag_ids, viewer)
    facilitates = _facilitating(tag_ids, viewer)
    return {
        m: Signals(
            declared=tuple(declared[m]),
            endorsers=tuple(endorsers[m]),
            facilitates=tuple(facilitates[m]),
        )
        for m in declared.keys() | endorsers.keys() | facilitates.keys()
    }


# ---- the evidence shown for one page of people -------------------------------------------


def page_evidence(
    person_ids: list[int], words: list[str], viewer: Viewer
) -> tuple[list[Evidence], dict[str, str]]:
    """The documents of these people that name one of the words, as the viewer may read
    them, weighed by plain word counts: enough to count them, date the latest and pick
    the three to show, in a fixed number of queries whatever the page holds.

    Also returns the text of each comment ("comment:12" -> text), for snippets.
    """
    from chumchon.experts.relevance import _community_hits, _score

    if not words or not person_ids:
        return [], {}
    names = Q()
    for w in words:
        names |= Q(title__icontains=w) | Q(body__icontains=w)
    in_title = Q()
    for w in words:
        in_title |= Q(title__icontains=w)
    posts = list(
        Post.objects.visible_to(viewer).published().filter(names, author_id__in=person_ids)
        .annotate(
            named=Case(When(in_title, then=Value(2.0)), default=Value(1.0)),
            lead=Case(When(title="", then=Substr("body", 1, 120)), default=Value("")),
        )
        .values_list("pk", "author_id", "kind", "number", "title", "published_at", "named", "lead")
    )  # fmt: skip
    # Posts weigh 2 when a query word is in the title, else 1; their bodies are read only
    # for the snippets of the three shown (`snippets_for`).
    evidence, texts = [], {}
    for pk, author, kind, number, title, at, named, lead in posts:
        evidence.append(
            Evidence(
                person_id=author,
                kind=Kind.QUESTION if kind == Post.Kind.QUESTION else Kind.POST,
                key=f"post:{pk}",
                relevance=named,
                at=at,
                title=title or _first_words(lead),
                url=post_url(number),
            )
        )
    said = Q()
    asked = Q()
    for w in words:
        said |= Q(body__icontains=w)
        asked |= Q(post__title__icontains=w) | Q(post__body__icontains=w)
    asked &= Q(is_accepted=True, post__kind=Post.Kind.QUESTION)
    lead = Case(When(post__title="", then=Substr("post__body", 1, 120)), default=Value(""))
    comments = (
        readable_comments(viewer)
        .filter(said | asked, author_id__in=person_ids)
        .annotate(
            number=F("post__number"),
            post_title=F("post__title"),
            lead=lead,
            post_kind=F("post__kind"),
        )  # fmt: skip
        .only("pk", "author_id", "created_at", "is_accepted", "body_html", "post_id")
    )
    for c in comments:
        title = c.post_title or _first_words(c.lead)  # type: ignore[attr-defined]
        body = plain(c.body_html)
        e = _comment(c, c.number, title, _score(body, title, words), "")  # type: ignore[attr-defined]
        answer = c.is_accepted and c.post_kind == Post.Kind.QUESTION  # type: ignore[attr-defined]
        evidence.append(e if answer else replace(e, kind=Kind.COMMENT))
        texts[e.key] = body
    community = defaultdict(dict)
    for hit in _community_hits(words, viewer, 200):
        community[hit.kind][hit.pk] = hit
    wanted = set(person_ids)
    for kind in ("asset", "session"):
        if community.get(kind):
            found = EVIDENCE_PROVIDERS[kind](community[kind], viewer)
            evidence += [e for e in found if e.person_id in wanted]
    return evidence, texts

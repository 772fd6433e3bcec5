"""Every document that speaks for a person, read from the database with its word weights.

One reader serves both the expertise table (which stores sums per person, word and
scope) and the direct computation of Model 2 that tests compare the table against; they
differ only in the QuerySets they start from (everything that may count, or what one
viewer may read).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from chumchon.blogs.models import Post
from chumchon.comments.models import Comment
from chumchon.communities.models import (
    AssetSource,
    Community,
    CommunityPost,
    KnowledgeAsset,
    Session,
)
from chumchon.experts.ranking import Kind
from chumchon.experts.terms import merged, term_weights

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from chumchon.accounts.models import Member

    Viewer = Member | AnonymousUser

Scope = frozenset[int]  # communities whose members alone may read; empty: everyone
EVERYONE: Scope = frozenset()


@dataclass(frozen=True)
class Document:
    person_id: int
    kind: Kind
    key: str
    at: dt.datetime
    scope: Scope
    weights: dict[str, float]


@dataclass(frozen=True)
class Sources:
    """Where documents come from: all that may count, or what one viewer may read."""

    posts: QuerySet
    comments: QuerySet
    assets: QuerySet
    sessions: QuerySet
    scoped: bool  # work out each document's scope (the table) or not (one viewer)


def everything() -> Sources:
    return Sources(
        posts=Post.objects.published().filter(author__is_active=True),
        comments=Comment.objects.visible().filter(
            post__status=Post.Status.PUBLISHED,
            post__author__is_active=True,
            author__is_active=True,
        ),  # fmt: skip
        assets=KnowledgeAsset.objects.published(),
        sessions=Session.objects.all(),
        scoped=True,
    )


def readable_by(viewer: Viewer) -> Sources:
    from chumchon.experts.evidence import readable_comments

    return Sources(
        posts=Post.objects.visible_to(viewer).published(),
        comments=readable_comments(viewer).filter(
            post__status=Post.Status.PUBLISHED, author__is_active=True
        ),
        assets=KnowledgeAsset.objects.visible_to(viewer).published(),
        sessions=Session.objects.visible_to(viewer),
        scoped=False,
    )


def _restricted(post_ids: Iterable[int]) -> dict[int, Scope]:
    """Posts whose audience is the members of some communities."""
    found: dict[int, set[int]] = defaultdict(set)
    rows = CommunityPost.objects.members_only().filter(post_id__in=list(post_ids))
    for post_id, community_id in rows.values_list("post_id", "community_id"):
        found[post_id].add(community_id)
    return {pk: frozenset(c) for pk, c in found.items()}


def _community_scopes(ids: Iterable[int]) -> dict[int, Scope]:
    """A community that is not public is read by its members only."""
    closed = Community.objects.filter(pk__in=set(ids)).exclude(
        visibility=Community.Visibility.PUBLIC
    )
    return {pk: frozenset([pk]) for pk in closed.values_list("pk", flat=True)}


def _tags(post_ids: list[int]) -> dict[int, list[str]]:
    tags: dict[int, list[str]] = defaultdict(list)
    through = Post.tags.through.objects.filter(post_id__in=post_ids)
    for post_id, name in through.values_list("post_id", "tag__name"):
        tags[post_id].append(name)
    return tags


def _post_weights(rows: list[tuple]) -> dict[int, dict[str, float]]:
    tags = _tags([r[0] for r in rows])
    return {pk: term_weights(title, tags[pk], body) for pk, title, body in rows}


def documents_of(person_ids: Iterable[int], sources: Sources) -> Iterator[Document]:
    """Posts, questions, comments, accepted answers, assets (authored and cited) and
    sessions (led) of these people, each once per person and kind."""
    ids = list(person_ids)
    yield from _posts(ids, sources)
    yield from _comments(ids, sources)
    yield from _assets(ids, sources)
    yield from _sessions(ids, sources)


def _posts(ids: list[int], sources: Sources) -> Iterator[Document]:
    rows = list(
        sources.posts.filter(author_id__in=ids).values_list(
            "pk", "author_id", "kind", "published_at", "title", "body"
        )
    )
    weights = _post_weights([(pk, title, body) for pk, _a, _k, _at, title, body in rows])
    scopes = _restricted(r[0] for r in rows) if sources.scoped else {}
    for pk, author, kind, at, _title, _body in rows:
        asked = kind == Post.Kind.QUESTION
        yield Document(
            author, Kind.QUESTION if asked else Kind.POST, f"post:{pk}", at,
            scopes.get(pk, EVERYONE), weights[pk],
        )  # fmt: skip


def _comments(ids: list[int], sources: Sources) -> Iterator[Document]:
    rows = list(
        sources.comments.filter(author_id__in=ids).values_list(
            "pk", "author_id", "post_id", "body", "created_at", "is_accepted", "post__kind"
        )
    )
    answered = [r[2] for r in rows if r[5] and r[6] == Post.Kind.QUESTION]
    questions = _post_weights(
        list(Post.objects.filter(pk__in=answered).values_list("pk", "title", "body"))
    )
    scopes = _restricted({r[2] for r in rows}) if sources.scoped else {}
    for pk, author, post_id, body, at, accepted, post_kind in rows:
        own = term_weights(body=body)
        answer = accepted and post_kind == Post.Kind.QUESTION
        yield Document(
            author, Kind.ANSWER if answer else Kind.COMMENT, f"comment:{pk}", at,
            scopes.get(post_id, EVERYONE), merged(own, questions[post_id]) if answer else own,
        )  # fmt: skip


def _asset_weights(assets: list[KnowledgeAsset]) -> dict[int, dict[str, float]]:
    tags: dict[int, list[str]] = defaultdict(list)
    through = KnowledgeAsset.tags.through.objects.filter(
        knowledgeasset_id__in=[a.pk for a in assets]
    )
    for asset_id, name in through.values_list("knowledgeasset_id", "tag__name"):
        tags[asset_id].append(name)
    return {a.pk: term_weights(a.title, tags[a.pk], f"{a.summary}\n{a.steps}") for a in assets}


def _cite(
    cited: dict[int, set[int]],
    ids: list[int],
    source: str,
    readable: QuerySet,
    audience: str,
    scoped: bool,
) -> None:
    """Add to `cited` (asset → authors) the citations of these people's `source` ("post"
    or "comment") that `readable` lets through; `audience` is the field naming the post
    whose members-only sharing hides it from a scoped reader.

    Few posts and comments are ever cited: read the citations, then check those few.
    """
    rows = list(
        AssetSource.objects.filter(**{f"{source}__author_id__in": ids}).values_list(
            "asset_id", f"{source}_id", f"{source}__author_id"
        )
    )
    readable = readable.filter(pk__in={r[1] for r in rows})
    if scoped:
        hidden = CommunityPost.objects.members_only().values("post_id")
        readable = readable.exclude(**{f"{audience}__in": hidden})
    allowed = set(readable.values_list("pk", flat=True))
    for asset_id, source_id, author in rows:
        if source_id in allowed:
            cited[asset_id].add(author)


def _assets(ids: list[int], sources: Sources) -> Iterator[Document]:
    """Authored assets, and assets distilled from their posts or comments.

    A citation counts only where the cited post is readable by everyone the asset is:
    a post written for a closed community never lends its author an asset's words.
    """
    cited: dict[int, set[int]] = defaultdict(set)
    _cite(cited, ids, "post", sources.posts, "pk", sources.scoped)
    _cite(cited, ids, "comment", sources.comments, "post", sources.scoped)
    found = list(
        sources.assets.filter(pk__in=set(cited)) | sources.assets.filter(proposed_by_id__in=ids)
    )
    weights = _asset_weights(found)
    scopes = _community_scopes(a.community_id for a in found) if sources.scoped else {}
    for asset in found:
        scope = scopes.get(asset.community_id, EVERYONE)
        at, key = asset.published_at or asset.created_at, f"asset:{asset.pk}"
        if asset.proposed_by_id in ids:
            yield Document(asset.proposed_by_id, Kind.ASSET, key, at, scope, weights[asset.pk])
        for author in cited[asset.pk] - {asset.proposed_by_id}:
            yield Document(author, Kind.CITED, key, at, scope, weights[asset.pk])


def _sessions(ids: list[int], sources: Sources) -> Iterator[Document]:
    rows = list(sources.sessions.filter(created_by_id__in=ids))
    scopes = _community_scopes(s.community_id for s in rows) if sources.scoped else {}
    for s in rows:
        text = "\n".join((s.agenda, s.notes, s.aar_happened, s.aar_next))
        yield Document(
            s.created_by_id, Kind.SESSION, f"session:{s.pk}", s.starts_at,  # type: ignore[arg-type]
            scopes.get(s.community_id, EVERYONE), term_weights(s.title, (), text),
        )  # fmt: skip

"""Communities in the JSON API: lists and details, all through `visible_to`/`readable_by`."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from chumchon.blogs.models import Post
from chumchon.communities.models import Community, KnowledgeAsset, Session, in_communities

router = Router(tags=["communities"])
LIMIT = 50


class CommunityOut(Schema):
    slug: str
    name: str
    purpose: str
    reach: str
    visibility: str
    join_policy: str
    home_unit: str | None
    url: str


class PostOut(Schema):
    number: int
    title: str
    author: str
    published_at: dt.datetime | None
    url: str


class SessionOut(Schema):
    id: int
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    place: str
    url: str


class AssetOut(Schema):
    id: int
    title: str
    summary: str
    url: str


def _community_out(c: Community) -> dict[str, object]:
    return {
        "slug": c.slug, "name": c.name, "purpose": c.purpose, "reach": c.reach,
        "visibility": c.visibility, "join_policy": c.join_policy,
        "home_unit": c.home_unit.name if c.home_unit else None,
        "url": settings.BASE_URL + c.get_absolute_url(),
    }  # fmt: skip


def _readable(request: HttpRequest, slug: str) -> Community:
    community = get_object_or_404(Community.objects.visible_to(request.user), slug=slug)
    if not Community.objects.readable_by(request.user).filter(pk=community.pk).exists():
        raise HttpError(403, "Only members of this community can read its content.")
    return community


@router.get("/communities", response=list[CommunityOut], url_name="community-list")
def community_list(request: HttpRequest, reach: str = "", tag: str = "", offset: int = 0):  # type: ignore[no-untyped-def]
    communities = Community.objects.visible_to(request.user).for_list()
    if reach:
        communities = communities.with_reach(reach)
    if tag:
        communities = communities.tagged(tag)
    return [_community_out(c) for c in communities[max(offset, 0) : max(offset, 0) + LIMIT]]


@router.get("/communities/{slug}", response=CommunityOut, url_name="community-detail")
def community_detail(request: HttpRequest, slug: str):  # type: ignore[no-untyped-def]
    community = get_object_or_404(
        Community.objects.visible_to(request.user).select_related("home_unit"), slug=slug
    )
    return _community_out(community)


@router.get("/communities/{slug}/posts", response=list[PostOut], url_name="community-posts")
def community_posts(request: HttpRequest, slug: str, offset: int = 0):  # type: ignore[no-untyped-def]
    community = _readable(request, slug)
    posts = (
        Post.objects.visible_to(request.user).published()
        .filter(in_communities([community.pk])).for_list().latest()
    )  # fmt: skip
    return [
        {
            "number": p.number,
            "title": p.display_title,
            "author": p.author.handle,
            "published_at": p.published_at,
            "url": settings.BASE_URL + p.get_absolute_url(),
        }  # fmt: skip
        for p in posts[max(offset, 0) : max(offset, 0) + LIMIT]
    ]


@router.get(
    "/communities/{slug}/sessions", response=list[SessionOut], url_name="community-sessions"
)
def community_sessions(request: HttpRequest, slug: str):  # type: ignore[no-untyped-def]
    community = _readable(request, slug)
    sessions = Session.objects.filter(community=community).select_related("community").upcoming()
    return [
        {
            "id": s.id,
            "title": s.title,
            "starts_at": s.starts_at,
            "ends_at": s.ends_at,
            "place": s.place,
            "url": settings.BASE_URL + s.get_absolute_url(),
        }  # fmt: skip
        for s in sessions[:LIMIT]
    ]


@router.get("/communities/{slug}/assets", response=list[AssetOut], url_name="community-assets")
def community_assets(request: HttpRequest, slug: str):  # type: ignore[no-untyped-def]
    community = _readable(request, slug)
    assets = (
        KnowledgeAsset.objects.visible_to(request.user).filter(community=community)
        .published().select_related("community")
    )  # fmt: skip
    return [
        {
            "id": a.id,
            "title": a.title,
            "summary": a.summary,
            "url": settings.BASE_URL + a.get_absolute_url(),
        }  # fmt: skip
        for a in assets[:LIMIT]
    ]

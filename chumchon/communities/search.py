"""Communities and knowledge assets in search (registered from CommunitiesConfig.ready).

The index holds only words; who may find what is decided at query time:
- a community is found by whoever may know it exists (`Community.objects.visible_to`):
  secret ones by members only; closed ones by anyone, but only by what their page shows
  outsiders (name, purpose, goals, tags), never by their content;
- a knowledge asset is found when it is published in a community whose content the
  viewer may read (`KnowledgeAsset.objects.visible_to(...).published()`), so the assets
  of closed and secret communities stay with their members.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from chumchon.search.documents import plain_text
from chumchon.search.registry import DocumentType, Facet, Fields, add_facet, register

# Codes 1 and 2 are posts and people (chumchon/search/documents.py); never reuse a code.
COMMUNITIES_CODE = 3
ASSETS_CODE = 4


# ---- communities ------------------------------------------------------------------------


def _reach_label(value: str) -> str:
    from chumchon.communities.models import Reach

    return str(Reach(value).label) if value in Reach.values else value


COMMUNITY_FACETS = (
    Facet("tag", _("Tag"), "tags__name"),
    Facet("reach", _("Reach"), "reach", to_display=_reach_label),
    Facet("unit", _("Unit"), "home_unit__slug", "home_unit__name"),
)


def _communities_visible(user: Any) -> QuerySet:
    from chumchon.communities.models import Community

    return Community.objects.visible_to(user)


def _communities_indexable() -> QuerySet:
    from chumchon.communities.models import Community

    return (
        Community.objects.select_related("home_unit")
        .prefetch_related("tags")
        .only("id", "name", "slug", "purpose", "goals", "home_unit__name")
    )


def community_fields(community: Any) -> Fields:
    """Only what the community's page shows to anyone who may know it exists."""
    unit = community.home_unit
    return Fields(
        title=community.name,
        tags=[t.name for t in community.tags.all()],
        body=f"{community.purpose}\n{community.goals}",
        context=unit.name if unit else "",
    )


def _community_result(community: Any) -> dict[str, Any]:
    return {
        "slug": community.slug,
        "title": community.name,
        "url": community.get_absolute_url(),
        "object": community,
    }


def _communities_for_list(qs: QuerySet) -> QuerySet:
    return qs.select_related("home_unit").prefetch_related("tags")


# ---- knowledge assets ------------------------------------------------------------------------

ASSET_FACETS = (
    Facet("tag", _("Tag"), "tags__name"),
    Facet("community", _("Community"), "community__slug", "community__name"),
)


def _assets_visible(user: Any) -> QuerySet:
    from chumchon.communities.models import KnowledgeAsset

    # Proposals and removed assets stay on the community's own pages.
    return KnowledgeAsset.objects.visible_to(user).published().select_related("community")


def _assets_indexable() -> QuerySet:
    from chumchon.communities.models import KnowledgeAsset

    return (
        KnowledgeAsset.objects.published()
        .prefetch_related("tags")
        .only("id", "title", "summary", "steps", "steps_html")
    )


def asset_fields(asset: Any) -> Fields:
    return Fields(
        title=asset.title,
        tags=[t.name for t in asset.tags.all()],
        body=f"{asset.summary}\n{plain_text(asset.steps_html)}",
    )


def _asset_result(asset: Any) -> dict[str, Any]:
    return {
        "slug": str(asset.pk),
        "title": asset.title,
        "url": asset.get_absolute_url(),
        "object": asset,
    }


def _assets_for_list(qs: QuerySet) -> QuerySet:
    return qs.select_related("community").prefetch_related("tags")


# ---- the community facet on posts ----------------------------------------------------------


def community_facet(user: Any) -> Facet:
    """Posts by community, scoped to the viewer: only communities the viewer may know of
    are counted, shown or usable as a filter (a public post shared into a secret community
    must not give the community's name away)."""
    from chumchon.blogs.models import Post
    from chumchon.communities.models import (
        BlogMembership,
        Community,
        CommunityPost,
        in_communities,
    )  # fmt: skip

    known = Community.objects.visible_to(user)

    def to_filter(slug: str) -> dict[str, Any]:
        return {"pk__in": Post.objects.filter(in_communities(known.filter(slug=slug).values("pk")))}

    def counts(ids: list[int]) -> list[tuple[str, str, int]]:
        shares = CommunityPost.objects.filter(post_id__in=ids, community__in=known)
        pairs = set(shares.values_list("post_id", "community_id"))
        # Posts of a joined blog count from the day the blog joined (as `in_communities`).
        linked = BlogMembership.objects.filter(community__in=known, blog__posts__pk__in=ids)
        for pk, published, community, joined in linked.values_list(
            "blog__posts__pk", "blog__posts__published_at", "community_id", "joined_at"
        ):
            if published and published >= joined:
                pairs.add((pk, community))
        per = Counter(community for _pk, community in pairs)
        names = {
            pk: (slug, name)
            for pk, slug, name in known.filter(pk__in=per).values_list("pk", "slug", "name")
        }
        found = [(*names[c], n) for c, n in per.items() if c in names]
        return sorted(found, key=lambda row: (-row[2], row[1]))

    return Facet(
        "community", _("Community"), "community", to_filter=to_filter, counts=counts,
        scoped=community_facet,
    )  # fmt: skip


def register_search_types() -> None:
    from chumchon.communities.models import Community, KnowledgeAsset

    register(
        DocumentType(
            name="communities", code=COMMUNITIES_CODE, label=_("Communities"),
            model=Community, visible=_communities_visible,
            indexable=_communities_indexable, fields=community_fields,
            result=_community_result,
            snippet_text=lambda c: f"{c.purpose}\n{c.goals}".strip(),
            facets=COMMUNITY_FACETS, list_related=_communities_for_list,
        )
    )  # fmt: skip
    register(
        DocumentType(
            name="assets", code=ASSETS_CODE, label=_("Knowledge assets"),
            model=KnowledgeAsset, visible=_assets_visible, indexable=_assets_indexable,
            fields=asset_fields, result=_asset_result,
            snippet_text=lambda a: f"{a.summary}\n{plain_text(a.steps_html)}".strip(),
            facets=ASSET_FACETS, list_related=_assets_for_list,
        )
    )  # fmt: skip
    # Which communities a post is in depends on who asks: the facet is made per viewer.
    add_facet("posts", Facet("community", _("Community"), "community", scoped=community_facet))

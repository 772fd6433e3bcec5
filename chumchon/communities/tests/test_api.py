from __future__ import annotations

from django.test import Client

from chumchon.communities.services import blog_membership_create, community_post_share
from chumchon.communities.tests.conftest import Cop
from chumchon.core.testing import Cast, make_post


def test_it_lists_only_communities_the_caller_may_know(cop: Cop, client: Client) -> None:
    slugs = [c["slug"] for c in client.get("/api/v1/communities").json()]
    assert "epi-public" in slugs and "epi-closed" in slugs and "epi-secret" not in slugs
    assert client.get("/api/v1/communities/epi-secret").status_code == 404


def test_it_serves_a_closed_feed_to_members_only(cop: Cop, cast: Cast, client: Client) -> None:
    post = make_post(cast.somchai_blog, title="ในชุมชนปิด")
    community_post_share(community=cop.closed, post=post, member=cast.somchai, members_only=True)
    assert client.get("/api/v1/communities/epi-closed/posts").status_code == 403
    client.force_login(cast.malee)
    numbers = [p["number"] for p in client.get("/api/v1/communities/epi-closed/posts").json()]
    assert numbers == [post.number]


def test_it_serves_a_public_feed_once_per_post(cop: Cop, cast: Cast, client: Client) -> None:
    blog_membership_create(blog=cast.somchai_blog, community=cop.public, member=cast.somchai)
    post = make_post(cast.somchai_blog)
    community_post_share(community=cop.public, post=post, member=cast.somchai)
    assert [p["number"] for p in client.get("/api/v1/communities/epi-public/posts").json()] == [
        post.number
    ]

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from chumchon.blogs.models import Post
from chumchon.communities.demo import load_communities_demo
from chumchon.communities.models import (
    AssetSource,
    Community,
    KnowledgeAsset,
    Network,
    Reach,
    Session,
)


def test_it_loads_communities_of_every_reach_with_a_network_and_assets(db: None) -> None:
    made = load_communities_demo()
    assert len(made) >= 8
    assert {c.reach for c in made} == set(Reach.values)
    network = Network.objects.get(slug="isan-health-km")
    organisations = {c.home_unit.root.slug for c in network.communities() if c.home_unit}
    assert {"uni", "dpc6"} <= organisations
    assert Session.objects.exclude(aar_next="").exists()
    assert AssetSource.objects.filter(comment__isnull=False).exists()
    assert KnowledgeAsset.objects.published().count() >= 2
    assert load_communities_demo() == []  # a second run changes nothing


def test_it_keeps_the_secret_demo_community_and_its_post_private(db: None) -> None:
    load_communities_demo()
    anonymous = AnonymousUser()
    assert not Community.objects.visible_to(anonymous).filter(slug="incident-review").exists()
    assert not Post.objects.visible_to(anonymous).filter(title__contains="ให้ยาผิดเวลา").exists()

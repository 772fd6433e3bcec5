from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from chumchon.communities.models import NetworkLink
from chumchon.communities.services import (
    asset_propose,
    blog_membership_create,
    network_create,
    network_link_accept,
    network_link_request,
)
from chumchon.communities.tests.conftest import Cop, start
from chumchon.core.testing import Cast, make_post


def test_it_lets_the_hub_facilitators_accept_a_community(cop: Cop, cast: Cast) -> None:
    network = network_create(
        creator=cast.malee, hub=cop.public, name="เครือข่ายระบาดวิทยา", slug="epi-net"
    )
    nursing = start(cast, "nurse-km", creator=cast.somying, home_unit=cast.nursing)
    link = network_link_request(network=network, community=nursing, member=cast.somying)
    assert link.status == NetworkLink.Status.REQUESTED
    with pytest.raises(PermissionDenied):
        network_link_accept(link=link, member=cast.somying)
    network_link_accept(link=link, member=cast.malee)
    assert set(network.communities()) == {cop.public, nursing}


def test_it_keeps_secret_communities_out_of_networks(cop: Cop, cast: Cast) -> None:
    network = network_create(creator=cast.malee, hub=cop.public, name="ก", slug="n1")
    with pytest.raises(ValidationError):
        network_link_request(network=network, community=cop.secret, member=cast.malee)


def test_it_aggregates_only_public_content_and_shows_each_reach(
    cop: Cop, cast: Cast, client: Client
) -> None:
    network = network_create(creator=cast.malee, hub=cop.public, name="เครือข่าย", slug="n2")
    network_link_accept(
        link=network_link_request(network=network, community=cop.closed, member=cast.malee),
        member=cast.malee,
    )
    blog_membership_create(blog=cast.somchai_blog, community=cop.closed, member=cast.somchai)
    hidden = make_post(cast.somchai_blog, title="บันทึกในชุมชนปิด")
    asset_propose(community=cop.closed, author=cast.malee, title="ขุมปิด", summary="ก", publish=True)
    asset_propose(community=cop.public, author=cast.malee, title="ขุมเปิด", summary="ก", publish=True)
    client.force_login(cast.somchai)  # even a member of the closed community
    html = client.get(network.get_absolute_url()).content.decode()
    assert "ขุมเปิด" in html and "ขุมปิด" not in html and hidden.title not in html
    assert cop.closed.get_reach_display() in html and cop.public.get_reach_display() in html


def test_it_hides_a_network_whose_hub_is_secret(cop: Cop, cast: Cast) -> None:
    network = network_create(creator=cast.malee, hub=cop.secret, name="ลับ", slug="n3")
    from chumchon.communities.models import Network

    assert not Network.objects.visible_to(AnonymousUser()).filter(pk=network.pk).exists()


def test_it_forms_a_network_and_accepts_a_request_through_the_pages(
    cop: Cop, cast: Cast, client: Client
) -> None:
    client.force_login(cast.malee)
    client.post("/n/new", {"name": "เครือข่ายอีสาน", "slug": "isan", "hub": cop.public.pk})
    nursing = start(cast, "nurse-km", creator=cast.somying, home_unit=cast.nursing)
    client.force_login(cast.somying)
    client.post("/n/isan/join", {"community": nursing.slug})
    link = NetworkLink.objects.get(community=nursing)
    assert link.status == NetworkLink.Status.REQUESTED
    assert client.post(f"/n/isan/links/{link.pk}", {"action": "accept"}).status_code == 403
    client.force_login(cast.malee)
    client.post(f"/n/isan/links/{link.pk}", {"action": "accept"})
    link.refresh_from_db()
    assert link.status == NetworkLink.Status.ACTIVE

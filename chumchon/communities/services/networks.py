"""Networks of communities around a hub (แม่ข่าย)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chumchon.accounts.models import Member
from chumchon.communities.models import RESERVED_SLUGS, Community, Network, NetworkLink, Role
from chumchon.communities.services._common import after_commit, require_role, touch
from chumchon.core import effects


@transaction.atomic
def network_create(
    *, creator: Member, hub: Community, name: str, slug: str, description: str = ""
) -> Network:
    """A facilitator of the hub community forms a network around it."""
    require_role(hub, creator, Role.FACILITATOR)
    network = Network(
        name=name.strip(), slug=slug.strip().lower(), description=description, hub=hub
    )
    if network.slug in RESERVED_SLUGS:
        raise ValidationError({"slug": _("This address is reserved; please choose another.")})
    network.full_clean()
    network.save()
    NetworkLink.objects.create(
        network=network, community=hub, status=NetworkLink.Status.ACTIVE,
        requested_by=creator, accepted_by=creator,
    )  # fmt: skip
    after_commit(effects.network_changed, network.pk)
    return network


@transaction.atomic
def network_link_request(*, network: Network, community: Community, member: Member) -> NetworkLink:
    """A community's facilitator asks for the community to join a network."""
    require_role(community, member, Role.FACILITATOR)
    if community.visibility == Community.Visibility.SECRET:
        raise ValidationError(_("A secret community cannot join a network."))
    link, _created = NetworkLink.objects.get_or_create(
        network=network, community=community, defaults={"requested_by": member}
    )
    after_commit(effects.network_changed, network.pk)
    return link


@transaction.atomic
def network_link_accept(*, link: NetworkLink, member: Member) -> NetworkLink:
    """The hub's facilitators accept a community into the network."""
    require_role(link.network.hub, member, Role.FACILITATOR)
    if link.status != NetworkLink.Status.ACTIVE:
        link.status = NetworkLink.Status.ACTIVE
        link.accepted_by = member
        link.save(update_fields=["status", "accepted_by"])
        touch(link.community)
        after_commit(effects.network_changed, link.network_id)
    return link


@transaction.atomic
def network_link_delete(*, link: NetworkLink, member: Member) -> None:
    """Either side's facilitators may take a community out; the hub always stays."""
    if link.community_id == link.network.hub_id:
        raise ValidationError(_("The hub cannot leave its own network."))
    try:
        require_role(link.community, member, Role.FACILITATOR)
    except PermissionDenied:
        require_role(link.network.hub, member, Role.FACILITATOR)
    link.delete()
    after_commit(effects.network_changed, link.network_id)

"""What every community service shares: role checks, activity, effects after commit."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chumchon.accounts.models import Member
from chumchon.communities.models import ROLE_RANK, Community, Membership, Role


def active_membership(community: Community, member: Member) -> Membership | None:
    return Membership.objects.active().filter(community=community, member=member).first()


def require_member(community: Community, member: Member) -> Membership | None:
    """The member's active membership; staff pass without one."""
    membership = active_membership(community, member)
    if membership is None and not member.is_staff:
        raise PermissionDenied(_("Only members of this community can do this."))
    return membership


def require_role(community: Community, member: Member, *roles: str) -> Membership | None:
    """The member's active membership with one of the roles; staff pass without one."""
    membership = active_membership(community, member)
    if member.is_staff:
        return membership
    if membership is None or membership.role not in roles:
        raise PermissionDenied(_("Only the community's facilitators can do this."))
    return membership


def rank_of(membership: Membership | None, member: Member) -> int:
    """How high a role this person may grant: their own, or any for staff."""
    if member.is_staff:
        return max(ROLE_RANK.values())
    return ROLE_RANK[Role(membership.role)] if membership else 0


def touch(community: Community) -> None:
    """Mark the community active now (the "activity" filter of community lists)."""
    now = timezone.now()
    Community.objects.filter(pk=community.pk).update(last_activity_at=now)
    community.last_activity_at = now


def after_commit(effect: Callable[[int], None], object_id: int) -> None:
    transaction.on_commit(lambda: effect(object_id))

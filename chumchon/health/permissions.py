"""Who sees which health picture.

- A community's health page: its active members (every role), staff, and the KM
  committee for communities whose content they may read. Outsiders of a secret community
  get 404 (they may not know it exists), other outsiders 403.
- The organisation's page, its exports and the research export: the KM committee, which
  chumchon takes to be staff plus every active sponsor (คุณเอื้อ) of any community.
- Names of core members drifting away: the community's facilitators and staff only, so
  the page helps people tend each other rather than rank them.
"""

from __future__ import annotations

from typing import Any

from chumchon.communities.models import Community, Membership, Role


def is_km_committee(user: Any) -> bool:
    if getattr(user, "is_staff", False):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.active().filter(member=user, role=Role.SPONSOR).exists()


def membership_role(community: Community, user: Any) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Membership.objects.active()
        .filter(community=community, member=user)
        .values_list("role", flat=True)
        .first()
    )


def can_view_community(community: Community, user: Any, role: str | None) -> bool:
    if role is not None or getattr(user, "is_staff", False):
        return True
    return (
        is_km_committee(user)
        and Community.objects.readable_by(user).filter(pk=community.pk).exists()
    )


def can_see_names_at_risk(user: Any, role: str | None) -> bool:
    return getattr(user, "is_staff", False) or role == Role.FACILITATOR

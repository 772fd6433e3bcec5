"""Starting communities, joining and leaving, roles and handing over."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chumchon.accounts.models import Member, OrgUnit
from chumchon.communities.models import (
    RESERVED_SLUGS,
    ROLE_RANK,
    Community,
    Membership,
    MembershipEnded,
    Role,
)
from chumchon.communities.services._common import (
    active_membership,
    after_commit,
    rank_of,
    require_role,
    touch,
)
from chumchon.core import effects
from chumchon.core.tags import tags_ensure

Status = Membership.Status


def _validate_community(community: Community) -> None:
    if community.slug in RESERVED_SLUGS:
        raise ValidationError({"slug": _("This address is reserved; please choose another.")})
    if not community.purpose.strip():
        raise ValidationError(
            {"purpose": _("Please say what the community wants to get better at.")}
        )
    community.full_clean()


@transaction.atomic
def community_create(
    *,
    creator: Member,
    name: str,
    slug: str,
    purpose: str,
    goals: str = "",
    tags: list[str] | None = None,
    home_unit: OrgUnit | None = None,
    reach: str = "unit",
    visibility: str = Community.Visibility.PUBLIC,
    join_policy: str = Community.JoinPolicy.OPEN,
    created_at: dt.datetime | None = None,
) -> Community:
    """Anyone signed in starts a community at once; they become its first facilitator.

    `created_at` is for imports and the demo, which bring a community's history along.
    """
    when = created_at or timezone.now()
    community = Community(
        name=name.strip(), slug=slug.strip().lower(), purpose=purpose, goals=goals,
        home_unit=home_unit, reach=reach, visibility=visibility, join_policy=join_policy,
        created_by=creator, created_at=when,
    )  # fmt: skip
    _validate_community(community)
    community.save()
    community.tags.set(tags_ensure(tags or []))
    Membership.objects.create(
        community=community, member=creator, role=Role.FACILITATOR, created_at=when
    )
    after_commit(effects.community_changed, community.pk)
    return community


@transaction.atomic
def community_update(
    *,
    community: Community,
    editor: Member,
    name: str,
    purpose: str,
    goals: str,
    tags: list[str],
    home_unit: OrgUnit | None,
    reach: str,
    visibility: str,
    join_policy: str,
) -> Community:
    require_role(community, editor, Role.FACILITATOR)
    community.name = name.strip()
    community.purpose = purpose
    community.goals = goals
    community.home_unit = home_unit
    community.reach = reach
    community.visibility = visibility
    community.join_policy = join_policy
    _validate_community(community)
    community.save()
    community.tags.set(tags_ensure(tags))
    after_commit(effects.community_changed, community.pk)
    return community


@transaction.atomic
def membership_join(
    *, community: Community, member: Member, joined_at: dt.datetime | None = None
) -> Membership:
    """Join an open community, ask to join one by request, or accept an invitation.

    `joined_at` (when the request or membership began) is for imports and the demo.
    """
    existing = Membership.objects.filter(community=community, member=member).first()
    if existing is not None:
        if existing.status == Status.INVITED:
            return membership_accept_invitation(membership=existing, member=member)
        return existing
    if community.join_policy == Community.JoinPolicy.INVITATION:
        raise PermissionDenied(_("This community takes new members by invitation only."))
    status = (
        Status.ACTIVE if community.join_policy == Community.JoinPolicy.OPEN else Status.REQUESTED
    )
    membership = Membership.objects.create(
        community=community, member=member, status=status, created_at=joined_at or timezone.now()
    )
    if status == Status.ACTIVE:
        touch(community)
    after_commit(effects.community_changed, community.pk)
    return membership


@transaction.atomic
def membership_approve(*, membership: Membership, approver: Member) -> Membership:
    require_role(membership.community, approver, Role.FACILITATOR)
    if membership.status != Status.REQUESTED:
        raise ValidationError(_("There is no request to approve."))
    membership.status = Status.ACTIVE
    membership.save(update_fields=["status"])
    touch(membership.community)
    after_commit(effects.community_changed, membership.community_id)
    return membership


@transaction.atomic
def membership_decline(*, membership: Membership, approver: Member) -> Membership:
    require_role(membership.community, approver, Role.FACILITATOR)
    if membership.status != Status.REQUESTED:
        raise ValidationError(_("There is no request to decline."))
    membership.delete()
    return membership


@transaction.atomic
def membership_invite(
    *,
    community: Community,
    inviter: Member,
    member: Member,
    role: str = Role.MEMBER,
    invited_at: dt.datetime | None = None,
) -> Membership:
    """Any member may invite a colleague, with a role no higher than their own.

    `invited_at` is for imports and the demo."""
    own = active_membership(community, inviter)
    if own is None and not inviter.is_staff:
        raise PermissionDenied(_("Only members of this community can invite."))
    if ROLE_RANK[Role(role)] > rank_of(own, inviter):
        raise PermissionDenied(_("You cannot give a role above your own."))
    existing = Membership.objects.filter(community=community, member=member).first()
    if existing is not None and existing.status == Status.ACTIVE:
        raise ValidationError(_("%(name)s is already a member.") % {"name": member})
    if existing is not None and existing.status == Status.REQUESTED:
        # Inviting someone who asked is approving them, which only facilitators do.
        return membership_approve(membership=existing, approver=inviter)
    membership, _created = Membership.objects.update_or_create(
        community=community, member=member,
        defaults={"status": Status.INVITED, "role": role, "invited_by": inviter},
        create_defaults={
            "status": Status.INVITED, "role": role, "invited_by": inviter,
            "created_at": invited_at or timezone.now(),
        },
    )  # fmt: skip
    return membership


@transaction.atomic
def membership_accept_invitation(*, membership: Membership, member: Member) -> Membership:
    if membership.member_id != member.pk or membership.status != Status.INVITED:
        raise PermissionDenied(_("This invitation is not yours."))
    membership.status = Status.ACTIVE
    membership.save(update_fields=["status"])
    touch(membership.community)
    after_commit(effects.community_changed, membership.community_id)
    return membership


def _facilitators_left(community: Community, without: Membership) -> int:
    return (
        Membership.objects.facilitators().filter(community=community).exclude(pk=without.pk).count()
    )


@transaction.atomic
def membership_set_role(*, membership: Membership, granter: Member, role: str) -> Membership:
    """A facilitator changes a member's role, never to one above the facilitator's own."""
    own = require_role(membership.community, granter, Role.FACILITATOR)
    if ROLE_RANK[Role(role)] > rank_of(own, granter):
        raise PermissionDenied(_("You cannot give a role above your own."))
    if not membership.is_active:
        raise ValidationError(_("Only members can be given a role."))
    last = membership.is_facilitator and not _facilitators_left(membership.community, membership)
    if last and role != Role.FACILITATOR:
        raise ValidationError(_("A community needs at least one facilitator."))
    membership.role = role
    membership.save(update_fields=["role"])
    after_commit(effects.community_changed, membership.community_id)
    return membership


@transaction.atomic
def membership_leave(
    *, community: Community, member: Member, left_at: dt.datetime | None = None
) -> None:
    """Members leave at will; the last facilitator hands over first if others remain.

    Leaving an active membership leaves a MembershipEnded record (health counts members
    who left from it). `left_at` is for imports and the demo."""
    membership = Membership.objects.filter(community=community, member=member).first()
    if membership is None:
        return
    others = Membership.objects.active().filter(community=community).exclude(pk=membership.pk)
    last = membership.is_facilitator and not _facilitators_left(community, membership)
    if last and others.exists():
        raise ValidationError(
            _("You are the last facilitator: hand the community over before leaving.")
        )
    if membership.is_active:
        ended = MembershipEnded(
            community=community, member=member, joined_at=membership.created_at,
            left_at=left_at or timezone.now(),
        )  # fmt: skip
        ended.full_clean()
        ended.save()
    membership.delete()
    after_commit(effects.community_changed, community.pk)


@transaction.atomic
def community_hand_over(*, community: Community, giver: Member, receiver: Member) -> Membership:
    """The giver's facilitation passes to another member; the giver stays as a member."""
    own = require_role(community, giver, Role.FACILITATOR)
    target = active_membership(community, receiver)
    if target is None:
        raise ValidationError(_("You can only hand over to a member of the community."))
    if receiver.pk == giver.pk:
        raise ValidationError(_("Choose another member to hand over to."))
    target.role = Role.FACILITATOR
    target.save(update_fields=["role"])
    if own is not None:
        own.role = Role.MEMBER
        own.save(update_fields=["role"])
    after_commit(effects.community_changed, community.pk)
    return target

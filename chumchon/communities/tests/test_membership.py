from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from chumchon.communities.models import Membership, Role
from chumchon.communities.services import (
    community_hand_over,
    membership_approve,
    membership_invite,
    membership_join,
    membership_leave,
    membership_set_role,
)
from chumchon.communities.tests.conftest import Cop, start
from chumchon.core.testing import Cast


def _role(community, member) -> str:  # type: ignore[no-untyped-def]
    return Membership.objects.get(community=community, member=member).role


def test_it_makes_the_starter_the_first_facilitator_at_once(cast: Cast) -> None:
    community = start(cast, "hr-km", creator=cast.somying)
    assert _role(community, cast.somying) == Role.FACILITATOR


def test_it_refuses_a_reserved_or_taken_address_with_a_message(cast: Cast) -> None:
    with pytest.raises(ValidationError) as error:
        start(cast, "new")
    assert "slug" in error.value.error_dict
    start(cast, "taken")
    with pytest.raises(ValidationError):
        start(cast, "taken")


def test_it_refuses_an_over_long_name_rather_than_truncating(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        start(cast, "long", name="ก" * 121)


def test_it_lets_anyone_join_an_open_community(cop: Cop, cast: Cast) -> None:
    assert membership_join(community=cop.public, member=cast.prasert).is_active


def test_it_holds_a_request_until_a_facilitator_approves(cop: Cop, cast: Cast) -> None:
    request = membership_join(community=cop.closed, member=cast.prasert)
    assert request.status == Membership.Status.REQUESTED
    with pytest.raises(PermissionDenied):
        membership_approve(membership=request, approver=cast.somchai)
    assert membership_approve(membership=request, approver=cast.malee).is_active


def test_it_takes_invitation_only_members_by_invitation(cop: Cop, cast: Cast) -> None:
    with pytest.raises(PermissionDenied):
        membership_join(community=cop.secret, member=cast.prasert)
    membership_invite(community=cop.secret, inviter=cast.somchai, member=cast.prasert)
    assert membership_join(community=cop.secret, member=cast.prasert).is_active


def test_it_lets_nobody_grant_a_role_above_their_own(cop: Cop, cast: Cast) -> None:
    with pytest.raises(PermissionDenied):
        membership_invite(
            community=cop.public, inviter=cast.somchai, member=cast.prasert, role=Role.FACILITATOR
        )
    somchai = Membership.objects.get(community=cop.public, member=cast.somchai)
    with pytest.raises(PermissionDenied):
        membership_set_role(membership=somchai, granter=cast.somchai, role=Role.FACILITATOR)
    membership_set_role(membership=somchai, granter=cast.malee, role=Role.NOTE_TAKER)
    with pytest.raises(PermissionDenied):  # a note-taker does not manage roles at all
        membership_set_role(membership=somchai, granter=cast.somchai, role=Role.MEMBER)
    assert _role(cop.public, cast.somchai) == Role.NOTE_TAKER


def test_it_keeps_at_least_one_facilitator(cop: Cop, cast: Cast) -> None:
    malee = Membership.objects.get(community=cop.public, member=cast.malee)
    with pytest.raises(ValidationError):
        membership_set_role(membership=malee, granter=cast.malee, role=Role.MEMBER)
    with pytest.raises(ValidationError):
        membership_leave(community=cop.public, member=cast.malee)


def test_it_hands_the_community_over_and_the_giver_stays_a_member(cop: Cop, cast: Cast) -> None:
    community_hand_over(community=cop.public, giver=cast.malee, receiver=cast.somchai)
    assert _role(cop.public, cast.somchai) == Role.FACILITATOR
    assert _role(cop.public, cast.malee) == Role.MEMBER
    membership_leave(community=cop.public, member=cast.malee)
    assert not Membership.objects.filter(community=cop.public, member=cast.malee).exists()


def test_it_refuses_to_hand_over_to_an_outsider(cop: Cop, cast: Cast) -> None:
    with pytest.raises(ValidationError):
        community_hand_over(community=cop.public, giver=cast.malee, receiver=cast.prasert)

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from chumchon.core.testing import Cast
from chumchon.experts.models import Endorsement, FinderPreference, findable_members
from chumchon.experts.services import (
    endorsement_create,
    endorsement_withdraw,
    finder_preference_set,
)


def test_it_endorses_once_per_topic_however_often_asked(cast: Cast) -> None:
    first = endorsement_create(endorser=cast.malee, member=cast.somchai, tag="AAR")
    again = endorsement_create(endorser=cast.malee, member=cast.somchai, tag=" aar ")
    assert first.pk == again.pk
    assert first.tag.name == "aar"
    assert Endorsement.objects.count() == 1


def test_it_refuses_self_endorsement_and_bad_topics(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        endorsement_create(endorser=cast.malee, member=cast.malee, tag="AAR")
    for bad in ("", "a, b", "<script>", "ก" * 65):
        with pytest.raises(ValidationError):
            endorsement_create(endorser=cast.malee, member=cast.somchai, tag=bad)
    assert not Endorsement.objects.exists()


def test_it_refuses_to_endorse_a_closed_account(cast: Cast) -> None:
    cast.somchai.is_active = False
    with pytest.raises(ValidationError):
        endorsement_create(endorser=cast.malee, member=cast.somchai, tag="AAR")


def test_it_withdraws_only_the_endorsers_own_endorsement(cast: Cast) -> None:
    endorsement_create(endorser=cast.malee, member=cast.somchai, tag="AAR")
    endorsement_create(endorser=cast.somying, member=cast.somchai, tag="AAR")
    assert endorsement_withdraw(endorser=cast.malee, member=cast.somchai, tag="AAR") is True
    assert endorsement_withdraw(endorser=cast.malee, member=cast.somchai, tag="AAR") is False
    assert list(Endorsement.objects.values_list("endorser__handle", flat=True)) == ["somying"]


def test_it_hides_and_shows_a_member_in_the_finder(cast: Cast) -> None:
    finder_preference_set(member=cast.somchai, hidden=True)
    assert cast.somchai not in findable_members(cast.malee)
    finder_preference_set(member=cast.somchai, hidden=False)
    assert cast.somchai in findable_members(cast.malee)
    assert FinderPreference.objects.count() == 1

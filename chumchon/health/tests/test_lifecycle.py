"""The lifecycle stage rules, one case per rule and the order between them."""

import pytest

from chumchon.health.lifecycle import LifecycleFacts, stage


def facts(**kw: int) -> LifecycleFacts:
    base = dict(
        age_days=400, contributors_90d=12, contributions_90d=100,
        best_contributions_90d=120, assets_total=5,
    )  # fmt: skip
    base.update(kw)
    return LifecycleFacts(**base)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, "stewardship"),
        # a year old and the last 90 days had 29 of a best 120: less than a quarter
        ({"contributions_90d": 29}, "transformation"),
        # exactly a quarter is not less than a quarter
        ({"contributions_90d": 30}, "maturing"),
        ({"contributors_90d": 2, "contributions_90d": 40}, "potential"),
        ({"age_days": 200, "best_contributions_90d": 100}, "maturing"),
        ({"age_days": 200, "assets_total": 0}, "coalescing"),
        ({"age_days": 30, "best_contributions_90d": 100, "assets_total": 0}, "coalescing"),
        # stewardship needs 10 contributors: 9 leaves it maturing
        ({"contributors_90d": 9}, "maturing"),
        # a young quiet community is potential, not transformation
        ({"age_days": 100, "contributors_90d": 1, "contributions_90d": 1}, "potential"),
    ],
)
def test_it_applies_the_stage_rules_in_order(changes: dict, expected: str) -> None:
    assert stage(facts(**changes)) == expected

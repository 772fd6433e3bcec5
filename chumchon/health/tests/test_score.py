"""The health score: every part computed by hand."""

from chumchon.health.score import health_score

METRICS = {
    "members": 20, "active_90d": 3,  # 15% of members, target 30%: half of 20 points = 10
    "reply_rate": 0.6,  # target 0.8: 0.75 x 20 = 15
    "reciprocity": 0.25,  # target 0.5: 0.5 x 15 = 7.5
    "cross_unit_share": 0.4,  # target 0.4: 15
    "gini": 0.65,  # (0.9 - 0.65) / 0.5 = 0.5 x 10 = 5
    "assets_published": 1, "links_to_assets": 0, "links_to_posts": 0,  # 0.5 x 10 = 5
    "posts": 10, "comments": 20,  # 30 now, 60 before: 0.5 x 10 = 5
}  # fmt: skip
PREVIOUS = {"posts": 20, "comments": 40}


def test_it_adds_up_the_parts() -> None:
    score, parts = health_score(METRICS, PREVIOUS)
    points = {p.part.key: p.points for p in parts}
    assert points == {
        "participation": 10, "responsiveness": 15, "reciprocity": 7.5, "reach": 15,
        "balance": 5, "knowledge": 5, "momentum": 5,
    }  # fmt: skip
    assert score == 63  # 62.5 points round half up


def test_it_gives_no_points_for_a_part_without_data() -> None:
    score, parts = health_score({"members": 0}, {})
    assert score == 0
    missing = {p.part.key for p in parts if p.fraction is None}
    assert missing == {
        "participation",
        "responsiveness",
        "reciprocity",
        "reach",
        "balance",
        "momentum",
    }


def test_it_judges_momentum_against_the_same_share_of_the_previous_period() -> None:
    # a quarter of the way in: 30 now against a quarter of 60 before is full momentum
    _score, parts = health_score(METRICS, PREVIOUS, elapsed=0.25)
    assert {p.part.key: p.points for p in parts}["momentum"] == 10
    _score, parts = health_score(METRICS, PREVIOUS, elapsed=1.0)
    assert {p.part.key: p.points for p in parts}["momentum"] == 5

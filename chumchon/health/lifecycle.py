"""Lifecycle stage of a community, after Wenger, McDermott and Snyder (2002), by fixed rules.

The rules are checked in this order and the first that holds names the stage:

1. transformation: a year old or more, and its last 90 days had less than a quarter of
   the posts and comments of its best 90 days (when its best had at least 20): it is
   fading, merging or turning into something else.
2. potential: fewer than 3 people posted or commented in the last 90 days: people are
   finding each other, not yet sharing regularly.
3. stewardship: a year old or more, at least 10 contributors in the last 90 days, at
   least 3 knowledge assets, and at least half the activity of its best 90 days: it keeps
   its knowledge and its people over time.
4. maturing: at least half a year old with at least one knowledge asset: it has moved
   from sharing to building a body of knowledge.
5. coalescing: everything else: at least 3 people share, the community is finding its
   rhythm and value.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

POTENTIAL, COALESCING, MATURING, STEWARDSHIP, TRANSFORMATION = (
    "potential", "coalescing", "maturing", "stewardship", "transformation",
)  # fmt: skip
STAGES: dict[str, tuple[Promise, Promise]] = {
    POTENTIAL: (
        _("Potential"),
        _("Fewer than 3 people posted or commented in the last 90 days."),
    ),
    COALESCING: (
        _("Coalescing"),
        _("At least 3 people share; the community is finding its rhythm and its value."),
    ),
    MATURING: (
        _("Maturing"),
        _("Half a year old or more with knowledge assets: it is building a body of knowledge."),
    ),
    STEWARDSHIP: (
        _("Stewardship"),
        _(
            "A year old or more, 10 or more contributors in 90 days, 3 or more knowledge "
            "assets and steady activity: it keeps its knowledge and its people."
        ),
    ),
    TRANSFORMATION: (
        _("Transformation"),
        _("A year old or more and its last 90 days had less than a quarter of its best 90 days."),
    ),
}
ORDER = [POTENTIAL, COALESCING, MATURING, STEWARDSHIP, TRANSFORMATION]


@dataclass(frozen=True)
class LifecycleFacts:
    age_days: int
    contributors_90d: int
    contributions_90d: int
    best_contributions_90d: int
    assets_total: int


def stage(facts: LifecycleFacts) -> str:
    best = facts.best_contributions_90d
    if facts.age_days >= 365 and best >= 20 and facts.contributions_90d * 4 < best:
        return TRANSFORMATION
    if facts.contributors_90d < 3:
        return POTENTIAL
    if (
        facts.age_days >= 365
        and facts.contributors_90d >= 10
        and facts.assets_total >= 3
        and facts.contributions_90d * 2 >= best
    ):
        return STEWARDSHIP
    if facts.age_days >= 182 and facts.assets_total >= 1:
        return MATURING
    return COALESCING

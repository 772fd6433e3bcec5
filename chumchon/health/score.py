"""The health score, 0–100: a weighted sum of seven parts, every part shown with its reason.

Each part turns one metric into 0–1 against a target a healthy community of practice
reaches (targets in `PARTS`); a part without data scores 0 and says so.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Metrics = Mapping[str, float | None]


def _clamp(value: float) -> float:
    return max(0.0, min(1.0, value))


def _participation(m: Metrics, _p: Metrics) -> float | None:
    if not m.get("members") or m.get("active_90d") is None:
        return None
    return _clamp(m["active_90d"] / m["members"] / 0.3)  # type: ignore[operator]


def _of(key: str, target: float) -> Callable[[Metrics, Metrics], float | None]:
    def part(m: Metrics, _p: Metrics) -> float | None:
        value = m.get(key)
        return None if value is None else _clamp(value / target)

    return part


def _balance(m: Metrics, _p: Metrics) -> float | None:
    value = m.get("gini")
    return None if value is None else _clamp((0.9 - value) / 0.5)


def _knowledge(m: Metrics, _p: Metrics) -> float:
    made = (m.get("assets_published") or 0) > 0
    reused = (m.get("links_to_assets") or 0) + (m.get("links_to_posts") or 0) > 0
    return (0.5 if made else 0.0) + (0.5 if reused else 0.0)


def _momentum(m: Metrics, p: Metrics) -> float | None:
    now = (m.get("posts") or 0) + (m.get("comments") or 0)
    before = (p.get("posts") or 0) + (p.get("comments") or 0)
    if not before:
        return 1.0 if now else None
    return _clamp(now / before)


@dataclass(frozen=True)
class Part:
    key: str
    label: Promise
    rule: Promise
    weight: int
    compute: Callable[[Metrics, Metrics], float | None]


PARTS: tuple[Part, ...] = (
    Part("participation", _("Participation"),
         _("Full marks when 30% of members posted or commented in the last 90 days."),
         20, _participation),
    Part("responsiveness", _("Responsiveness"),
         _("Full marks when 80% of posts are answered within 7 days."),
         20, _of("reply_rate", 0.8)),
    Part("reciprocity", _("Reciprocity"),
         _("Full marks when half of the pairs who talk reply to each other both ways."),
         15, _of("reciprocity", 0.5)),
    Part("reach", _("Reach across units"),
         _("Full marks when 40% of interactions link people of different units."),
         15, _of("cross_unit_share", 0.4)),
    Part("balance", _("Balance"),
         _("Full marks when the Gini coefficient is 0.4 or less; none at 0.9."),
         10, _balance),
    Part("knowledge", _("Knowledge made and reused"),
         _("Half for publishing a knowledge asset, half for links that reuse knowledge."),
         10, _knowledge),
    Part("momentum", _("Momentum"),
         _("Full marks when there were as many posts and comments as in the previous period "
           "(while a period runs, as in the same share of the previous one)."),
         10, _momentum),
)  # fmt: skip


@dataclass(frozen=True)
class ScoredPart:
    part: Part
    fraction: float | None

    @property
    def points(self) -> float:
        return round((self.fraction or 0.0) * self.part.weight, 1)


def health_score(
    metrics: Metrics, previous: Metrics, *, elapsed: float = 1.0
) -> tuple[int, list[ScoredPart]]:
    """`elapsed` is how much of the period has passed: momentum then compares with the
    same share of the previous period, so a year seven weeks old is not judged as a
    whole year."""
    if elapsed < 1.0:
        previous = {
            **previous,
            **{k: (previous.get(k) or 0) * elapsed for k in ("posts", "comments")},
        }
    parts = [ScoredPart(p, p.compute(metrics, previous)) for p in PARTS]
    return int(sum(p.points for p in parts) + 0.5), parts

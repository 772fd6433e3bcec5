"""Value indicators after Wenger, Trayner and de Laat (2011), "Promoting and assessing
value creation in communities and networks: a conceptual framework".

The framework names five cycles of value. The system can see the first three in what
people do on it; realised value (better results at work) and reframing value (changed
goals and criteria of success) need people's own value-creation stories, which the
dashboard asks for instead of pretending to measure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Cycle:
    key: str
    name: Promise
    meaning: Promise
    indicators: tuple[str, ...]  # metric keys (chumchon.health.metrics)


CYCLES: tuple[Cycle, ...] = (
    Cycle(
        "immediate", _("Immediate value"),
        _("Activities and interactions have value in themselves: taking part, getting an "
          "answer, being heard. Seen in participation and the quality of interaction."),
        ("contributors", "active_90d", "reply_rate", "reciprocity", "thread_depth"),
    ),
    Cycle(
        "potential", _("Potential value"),
        _("Knowledge capital that may be used later: knowledge assets written down, and "
          "new connections between people who can call on each other."),
        ("assets_published", "new_connections", "newcomers"),
    ),
    Cycle(
        "applied", _("Applied value"),
        _("Knowledge capital put to use in practice: assets and earlier posts linked from "
          "later posts, and after action reviews that follow up what was tried."),
        ("links_to_assets", "links_to_posts", "aar_followups"),
    ),
    Cycle(
        "realised", _("Realised value"),
        _("Better results at work. The system cannot see them: ask members for value-creation "
          "stories (เรื่องเล่า) that trace a result back to what they learnt here."),
        (),
    ),
    Cycle(
        "reframing", _("Reframing value"),
        _("New ways of defining success, new goals. Also told in stories, not counted."),
        (),
    ),
)  # fmt: skip


def cycles_with_values(
    metrics: Mapping[str, float | None],
) -> list[tuple[Cycle, list[tuple[str, float | None]]]]:
    return [(c, [(k, metrics.get(k)) for k in c.indicators]) for c in CYCLES]

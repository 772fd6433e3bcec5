"""GET /api/v1/communities/<slug>/health: the metrics of a period as JSON."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError

from chumchon.communities.models import Community
from chumchon.health import present
from chumchon.health.metrics import METRICS
from chumchon.health.periods import FISCAL_YEAR, period_containing, period_from_key
from chumchon.health.permissions import can_view_community, membership_role
from chumchon.health.services import snapshot_get

router = Router(tags=["health"])


@router.get("/communities/{slug}/health", summary="A community's health metrics for a period")
def community_health(request: HttpRequest, slug: str, period: str = "") -> dict[str, Any]:
    """Metrics (keys as in the CSV export), the previous period's, score, stage, findings.

    `period`: `m-2025-03` (month), `q-2568-2` (fiscal quarter), `fy-2568` (Thai fiscal
    year, Buddhist Era); this fiscal year if left out.
    """
    community = get_object_or_404(Community.objects.visible_to(request.user), slug=slug)
    if not can_view_community(community, request.user, membership_role(community, request.user)):
        raise HttpError(403, "The health of a community is for its members.")
    try:
        chosen = (
            period_from_key(period)
            if period
            else period_containing(FISCAL_YEAR, timezone.localdate())
        )
    except ValueError as error:
        raise HttpError(422, "period: m-YYYY-MM, q-BBBB-N or fy-BBBB") from error
    data = snapshot_get(scope=community.pk, period=chosen)
    summary = present.summary(data, chosen)
    return {
        "community": community.slug,
        "period": {
            "key": chosen.key,
            "start": chosen.start,
            "end": chosen.end,
            "label": chosen.label("th"),
        },
        "metrics": {m.key: data["metrics"].get(m.key) for m in METRICS},
        "previous": {m.key: data["previous"].get(m.key) for m in METRICS},
        "score": summary["score"],
        "score_parts": [
            {"part": p.part.key, "points": p.points, "of": p.part.weight} for p in summary["parts"]
        ],
        "stage": summary["stage"],
        "findings": [
            {"tone": f.tone, "text": f.text, "metric": f.metric}
            for f in summary["good"] + summary["attention"] + summary["info"]
        ],
    }

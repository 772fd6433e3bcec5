"""GET /api/v1/experts?q=: people who know about a query, with score and evidence."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from chumchon.accounts.models import OrgUnit
from chumchon.communities.models import Community
from chumchon.experts.queries import QUERY_MAX, FinderFilters, experts_for, experts_hydrate

router = Router(tags=["experts"])


class EvidenceOut(Schema):
    kind: str
    title: str
    url: str
    snippet: str
    at: dt.datetime


class ExpertOut(Schema):
    handle: str
    name: str
    url: str
    unit: str | None
    organisation: str | None
    score: float
    reason: str
    parts: dict[str, float]
    evidence: list[EvidenceOut]


class ExpertsOut(Schema):
    query: str
    total: int
    results: list[ExpertOut]


class ExpertsQuery(Schema):
    q: str = Field("", max_length=QUERY_MAX)
    organisation: int | None = None
    unit: int | None = None
    community: str | None = Field(None, description="a community's slug")
    outside_my_unit: bool = False
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0)


def _unit(pk: int | None) -> OrgUnit | None:
    return OrgUnit.objects.filter(pk=pk).first() if pk else None


@router.get("/experts", response=ExpertsOut, url_name="experts")
def experts(request: HttpRequest, params: Query[ExpertsQuery]) -> dict[str, object]:
    nobody = {"query": params.q, "total": 0, "results": []}
    organisation, unit = _unit(params.organisation), _unit(params.unit)
    community = None
    if params.community:
        readable = Community.objects.readable_by(request.user)
        community = readable.filter(slug=params.community).first()
    # A filter that names nothing (or nothing this viewer may see inside) matches nobody.
    if (
        (params.organisation and organisation is None)
        or (params.unit and unit is None)
        or (params.community and community is None)
    ):
        return nobody
    filters = FinderFilters(
        organisation=organisation,
        unit=unit,
        community=community,
        outside_my_unit=params.outside_my_unit,
    )
    ranked = experts_for(params.q, viewer=request.user, filters=filters)
    window = ranked[params.offset : params.offset + params.limit]
    page = experts_hydrate(window, viewer=request.user, query=params.q)
    results = [
        {
            "handle": e.member.handle,
            "name": str(e.member),
            "url": e.member.get_absolute_url(),
            "unit": e.member.unit.name if e.member.unit else None,
            "organisation": str(e.member.unit.root) if e.member.unit else None,
            "score": round(e.score, 4),
            "reason": e.reason,
            "parts": {k: round(v, 4) for k, v in e.parts.items()},
            "evidence": [
                {
                    "kind": str(x.kind),
                    "title": x.title,
                    "url": x.url,
                    "snippet": x.snippet,
                    "at": x.at,
                }
                for x in e.evidence
            ],
        }
        for e in page
    ]
    return {"query": params.q, "total": len(ranked), "results": results}

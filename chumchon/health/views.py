"""Health dashboards and reports: thin views over snapshots of the count tables."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from chumchon.communities.models import Community
from chumchon.communities.views._helpers import community_visible
from chumchon.health import exports, present
from chumchon.health.lifecycle import STAGES
from chumchon.health.models import ORGANISATION, Snapshot
from chumchon.health.periods import (
    FISCAL_YEAR,
    Period,
    period_containing,
    period_from_key,
    recent_periods,
)
from chumchon.health.permissions import (
    can_see_names_at_risk,
    can_view_community,
    is_km_committee,
    membership_role,
)
from chumchon.health.services import snapshot_get, snapshot_version, snapshots_ensure

SORTS = {"score": "-score", "activity": "-activity", "contributors": "-contributors"}


def _period(request: HttpRequest) -> Period:
    """The period asked for in ?period=, or this fiscal year (with a message if unreadable)."""
    today = timezone.localdate()
    key = request.GET.get("period", "")
    if key:
        try:
            return period_from_key(key)
        except ValueError:
            messages.warning(request, _("That period is not one we know; showing this year."))
    return period_containing(FISCAL_YEAR, today)


def _page_context(
    request: HttpRequest, scope: int, period: Period, *, names_at_risk: bool = False
) -> dict[str, Any]:
    """The page's frame, plus its parts (present.Page) computed only when a template reads
    them outside a fresh cached fragment (`version` is in the fragments' cache keys)."""
    lang = "th" if request.LANGUAGE_CODE == "th" else "en"
    page = present.Page(
        partial(snapshot_get, scope=scope, period=period), period, names_at_risk=names_at_risk
    )
    return {
        "period": period, "period_label": period.label(lang),
        "previous_label": period.previous().label(lang),
        "periods": [(p.key, p.label(lang)) for p in recent_periods(timezone.localdate())],
        "scope": scope, "version": snapshot_version(scope=scope, period=period),
        "names_at_risk": names_at_risk, **page.context(),
    }  # fmt: skip


def _community(request: HttpRequest, slug: str) -> tuple[Community, str | None]:
    community = community_visible(request, slug)
    role = membership_role(community, request.user)
    if not can_view_community(community, request.user, role):
        raise PermissionDenied(_("The health page is for the community's members."))
    return community, role


def community_health(request: HttpRequest, slug: str) -> HttpResponse:
    community, role = _community(request, slug)
    names_at_risk = can_see_names_at_risk(request.user, role)
    context = _page_context(request, community.pk, _period(request), names_at_risk=names_at_risk)
    context.update(community=community, is_organisation=False)
    return render(request, "health/community_health.html", context)


def community_health_csv(request: HttpRequest, slug: str) -> HttpResponse:
    community, _role = _community(request, slug)
    period = _period(request)
    return exports.metrics_csv(
        snapshot_get(scope=community.pk, period=period), period, community.slug
    )


def community_health_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    community, _role = _community(request, slug)
    period = _period(request)
    context = _page_context(request, community.pk, period)
    context.update(title=community.name, community=community)
    return exports.report_pdf(request, context, f"health-{community.slug}-{period.key}.pdf")


def _committee(request: HttpRequest) -> None:
    if not is_km_committee(request.user):
        raise PermissionDenied(_("The organisation's health page is for the KM committee."))


def organisation_health(request: HttpRequest) -> HttpResponse:
    _committee(request)
    period = _period(request)
    context = _page_context(request, ORGANISATION, period)
    sort = request.GET.get("sort", "score")
    visible = list(Community.objects.visible_to(request.user).values_list("pk", flat=True))
    snapshots_ensure(scopes=visible, period=period)
    snapshots = Snapshot.objects.filter(period=period.key, scope__in=visible).order_by(
        SORTS.get(sort, "-score"), "scope"
    )
    page = Paginator(
        snapshots.values("scope", "score", "stage", "activity", "contributors"), 25
    ).get_page(request.GET.get("page"))
    names = Community.objects.in_bulk([s["scope"] for s in page])
    context.update(
        page=page, sort=sort, is_organisation=True,
        communities=[
            (names.get(s["scope"]), s | {"stage_name": STAGES[s["stage"]][0]})
            for s in page
            if s["scope"] in names
        ],
        missing=len(visible) - page.paginator.count,
    )  # fmt: skip
    return render(request, "health/organisation_health.html", context)


def organisation_health_csv(request: HttpRequest) -> HttpResponse:
    _committee(request)
    period = _period(request)
    return exports.metrics_csv(
        snapshot_get(scope=ORGANISATION, period=period), period, "organisation"
    )


def organisation_health_pdf(request: HttpRequest) -> HttpResponse:
    _committee(request)
    period = _period(request)
    context = _page_context(request, ORGANISATION, period)
    context.update(title=_("The whole organisation"))
    return exports.report_pdf(request, context, f"health-organisation-{period.key}.pdf")


def research_export(request: HttpRequest) -> HttpResponse:
    _committee(request)
    period = _period(request)
    return exports.research_zip(period)

"""Turning a snapshot into what a page, the PDF and the CSV show: labelled metrics, score,
stage, findings, value cycles, charts, and names for the ids the snapshot keeps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, partial
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from chumchon.accounts.models import Member, OrgUnit
from chumchon.core.models import Tag
from chumchon.health import charts
from chumchon.health.findings import ATTENTION, GOOD, findings
from chumchon.health.lifecycle import ORDER, STAGES, LifecycleFacts, stage
from chumchon.health.metrics import BY_KEY, GROUPS, METRICS, Metric, format_value
from chumchon.health.periods import FISCAL_YEAR, MONTH, Period
from chumchon.health.score import health_score
from chumchon.health.value import cycles_with_values


@dataclass
class Row:
    metric: Metric
    value: Any
    previous: Any
    comparable: bool = True  # False for a total of a period still running

    @property
    def shown(self) -> str:
        return format_value(self.metric, self.value)

    @property
    def shown_previous(self) -> str:
        return format_value(self.metric, self.previous)

    @property
    def trend(self) -> str:
        """ "better", "worse" or "" — for the arrow beside a value."""
        if not self.comparable or self.value in (None, self.previous) or self.previous is None:
            return ""
        if not self.metric.better:
            return ""
        up = self.value > self.previous
        return "better" if up == (self.metric.better == "up") else "worse"


def bucket_labels(period: Period, starts: list[str]) -> list[str]:
    """Digits only ("10", "3/11"): SVG text in the PDF does not shape Thai script."""
    days = [dt.date.fromisoformat(s) for s in starts]
    if period.kind == FISCAL_YEAR:
        return [str(d.month) for d in days]
    if period.kind == MONTH:
        return [str(d.day) for d in days]
    return [f"{d.day}/{d.month}" for d in days]


def rows(data: dict[str, Any], *, running: bool = False) -> list[tuple[str, list[Row]]]:
    """Metric rows by group; while the period is `running` its totals get no trend arrow."""
    grouped: dict[str, list[Row]] = {}
    for metric in METRICS:
        value = data["metrics"].get(metric.key)
        comparable = not (running and metric.accumulates)
        grouped.setdefault(metric.group, []).append(
            Row(metric, value, data["previous"].get(metric.key), comparable)
        )
    return [(str(GROUPS[g]), r) for g, r in grouped.items()]


def names(data: dict[str, Any]) -> dict[str, dict[int, str]]:
    people = {m for m, *_r in data["map"]["nodes"]} | {m for m, _n in data["top"]}
    people |= {m for m, _b in data["brokers"]} | set(data["at_risk"])
    units = {u for u, _n in data["units"]} | {n[2] for n in data["map"]["nodes"] if n[2]}
    for a, b, _n in data.get("unit_edges", []):
        units |= {a, b}
    for _t, per_unit in data.get("tag_units", []):
        units |= {u for u, _n in per_unit if u}
    units |= {t[2] for t in data.get("thin_tags", []) if t[2]}
    tags = {t for t, _u in data.get("tag_units", [])} | {t[0] for t in data.get("thin_tags", [])}
    return {
        "people": {
            m.pk: str(m)
            for m in Member.objects.filter(pk__in=people).only("display_name", "handle")
        },
        "units": {
            u.pk: str(u) for u in OrgUnit.objects.filter(pk__in=units).only("name", "short_name")
        },
        "tags": dict(Tag.objects.filter(pk__in=tags).values_list("pk", "name")),
    }


def summary(data: dict[str, Any], period: Period, today: dt.date | None = None) -> dict[str, Any]:
    """Stage, score and findings: what the top of every health page and report says."""
    today = today or timezone.localdate()
    facts = LifecycleFacts(**data["lifecycle"])
    key = stage(facts)
    score, parts = health_score(data["metrics"], data["previous"], elapsed=period.elapsed(today))
    found = findings(data["metrics"], data["previous"], period, today=today)
    return {
        "stage": key, "stage_name": STAGES[key][0], "stage_rule": STAGES[key][1],
        "stages": [(k, STAGES[k][0], k == key) for k in ORDER],
        "score": score, "parts": parts,
        "good": [f for f in found if f.tone == GOOD],
        "attention": [f for f in found if f.tone == ATTENTION],
        "info": [f for f in found if f.tone not in (GOOD, ATTENTION)],
        "cycles": [
            (c, [(BY_KEY[k].label, format_value(BY_KEY[k], v)) for k, v in values])
            for c, values in cycles_with_values(data["metrics"])
        ],
    }  # fmt: skip


def _elapsed(series: dict[str, list], today: dt.date) -> dict[str, list]:
    """Only the buckets that have begun: months still ahead are not zeros, just unknown."""
    begun = sum(1 for s in series["starts"] if dt.date.fromisoformat(s) <= today)
    return {key: values[: max(1, begun)] for key, values in series.items()}


def chart_set(
    data: dict[str, Any], period: Period, who: dict[str, dict[int, str]]
) -> dict[str, Any]:
    series = _elapsed(data["series"], timezone.localdate())
    labels = bucket_labels(period, series["starts"])
    out = {
        "activity": charts.stacked_bars(
            _("Posts and comments"), labels, series["posts"], series["comments"],
            (_("posts"), _("comments")),
        ),
        "contributors": charts.line(
            _("Contributors"), labels, series["contributors"], _("people who posted or commented"),
            colour=charts.POSTS,
        ),
        "reply": charts.line(
            _("Median time to first reply (hours)"), labels, series["reply_hours"], _("hours"),
        ),
    }  # fmt: skip
    unit_group = {u: i for i, u in enumerate(sorted(who["units"]))}
    nodes = [
        (m, who["people"].get(m, "?"), n, unit_group.get(u, len(unit_group)))
        for m, n, u in data["map"]["nodes"]
    ]
    out["network"] = charts.graph(_("Who replies to whom"), nodes, data["map"]["edges"])
    if data.get("unit_edges"):
        weights: dict[int, int] = {}
        for a, b, n in data["unit_edges"]:
            weights[a] = weights.get(a, 0) + n
            weights[b] = weights.get(b, 0) + n
        unit_nodes = [
            (u, who["units"].get(u, "?"), w, i) for i, (u, w) in enumerate(sorted(weights.items()))
        ]
        cross = [(a, b, n) for a, b, n in data["unit_edges"] if a != b]
        out["units"] = charts.graph(_("Interactions between units"), unit_nodes, cross)
    return out


def map_json(data: dict[str, Any], who: dict[str, dict[int, str]]) -> dict[str, list]:
    """The interactive map's data for vis-network: people coloured by unit."""
    return {
        "nodes": [
            {"id": m, "label": who["people"].get(m, "?"), "value": n,
             "group": who["units"].get(u, "–") if u else "–"}
            for m, n, u in data["map"]["nodes"]
        ],
        "edges": [
            {"from": a, "to": b, "value": w, "arrows": "to"} for a, b, w in data["map"]["edges"]
        ],
    }  # fmt: skip


def knowledge_tables(data: dict[str, Any], who: dict[str, dict[int, str]]) -> dict[str, list]:
    """The organisation's knowledge map (tags × units) and its topics held by one unit."""
    units, tags = who["units"], who["tags"]
    return {
        "tag_units": [
            (tags.get(t, "?"), [(units.get(u, "–") if u else "–", n) for u, n in per_unit])
            for t, per_unit in data.get("tag_units", [])
        ],
        "thin_tags": [
            (tags.get(t, "?"), n, units.get(u, "–") if u else "–")
            for t, n, u in data.get("thin_tags", [])
        ],
    }


PAGE_PARTS = (
    "data", "who", "summary", "rows", "charts", "map", "top", "brokers", "units",
    "tag_units", "thin_tags", "at_risk",
)  # fmt: skip


class Page:
    """What a health page shows of one snapshot, each part computed on first use.

    The templates keep these parts in `{% cache %}` fragments keyed by the snapshot's
    version, so a page whose fragments are cached never loads the snapshot or builds its
    charts; the first request after a refresh does, once per language."""

    def __init__(
        self, data: Callable[[], dict[str, Any]], period: Period, *, names_at_risk: bool
    ) -> None:
        self._load, self.period, self.names_at_risk = data, period, names_at_risk

    @cached_property
    def data(self) -> dict[str, Any]:
        return self._load()

    @cached_property
    def who(self) -> dict[str, dict[int, str]]:
        return names(self.data)

    @cached_property
    def summary(self) -> dict[str, Any]:
        return summary(self.data, self.period)

    @cached_property
    def rows(self) -> list[tuple[str, list[Row]]]:
        return rows(self.data, running=self.period.elapsed(timezone.localdate()) < 1.0)

    @cached_property
    def charts(self) -> dict[str, Any]:
        return chart_set(self.data, self.period, self.who)

    @cached_property
    def map(self) -> dict[str, list]:
        return map_json(self.data, self.who)

    @cached_property
    def top(self) -> list[tuple[str, int]]:
        return [(self.who["people"].get(m, "?"), n) for m, n in self.data["top"]]

    @cached_property
    def brokers(self) -> list[str]:
        return [self.who["people"].get(m, "?") for m, _b in self.data["brokers"]]

    @cached_property
    def units(self) -> list[tuple[str, int]]:
        return [(self.who["units"].get(u, "?"), n) for u, n in self.data["units"]]

    @cached_property
    def _knowledge(self) -> dict[str, list]:
        return knowledge_tables(self.data, self.who)

    @cached_property
    def tag_units(self) -> list:
        return self._knowledge["tag_units"]

    @cached_property
    def thin_tags(self) -> list:
        return self._knowledge["thin_tags"]

    @cached_property
    def at_risk(self) -> list[str | None] | None:
        if not self.names_at_risk:
            return None
        return [self.who["people"].get(m) for m in self.data["at_risk"]]

    def context(self) -> dict[str, Callable[[], Any]]:
        """Template variables that compute their part when the template first reads it
        (templates call callables), so cached fragments cost nothing."""
        return {name: partial(getattr, self, name) for name in PAGE_PARTS}

"""Findings in plain words, each with the numbers behind it, compared with the previous period.

"This year 3 more units took part (from 2 to 5)". Each finding is good news, something
that needs attention, or plain information; the dashboard and the PDF list them in two
columns: what is going well, what is not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from chumchon.health.periods import Period

GOOD, ATTENTION, INFO = "good", "attention", "info"
Metrics = Mapping[str, float | None]


@dataclass(frozen=True)
class Finding:
    tone: str
    text: str
    metric: str


def _n(value: float | None) -> int:
    return int(value or 0)


def _pct(value: float | None) -> int:
    return round((value or 0) * 100)


def _count_change(
    key: str, more: Callable[[int], str], fewer: Callable[[int], str]
) -> Callable[[Metrics, Metrics, str], Finding | None]:
    def finding(m: Metrics, p: Metrics, period: str) -> Finding | None:
        now, before = m.get(key), p.get(key)
        if now is None or before is None or now == before:
            return None
        diff = _n(now) - _n(before)
        params = {"period": period, "n": abs(diff), "now": _n(now), "before": _n(before)}
        if diff > 0:
            return Finding(GOOD, more(abs(diff)) % params, key)
        return Finding(ATTENTION, fewer(abs(diff)) % params, key)

    return finding


def _contributors(m: Metrics, p: Metrics, period: str) -> Finding | None:
    return _count_change(
        "contributors",
        lambda n: ngettext(
            "%(period)s %(now)d people posted or commented, %(n)d more than in the previous "
            "period (%(before)d).",
            "%(period)s %(now)d people posted or commented, %(n)d more than in the previous "
            "period (%(before)d).",
            n,
        ),
        lambda n: ngettext(
            "%(period)s %(now)d people posted or commented, %(n)d fewer than in the previous "
            "period (%(before)d).",
            "%(period)s %(now)d people posted or commented, %(n)d fewer than in the previous "
            "period (%(before)d).",
            n,
        ),
    )(m, p, period)


def _units(m: Metrics, p: Metrics, period: str) -> Finding | None:
    return _count_change(
        "units",
        lambda n: ngettext(
            "%(period)s %(n)d more unit took part (from %(before)d to %(now)d units).",
            "%(period)s %(n)d more units took part (from %(before)d to %(now)d units).",
            n,
        ),
        lambda n: ngettext(
            "%(period)s %(n)d fewer unit took part (from %(before)d to %(now)d units).",
            "%(period)s %(n)d fewer units took part (from %(before)d to %(now)d units).",
            n,
        ),
    )(m, p, period)


def _activity(m: Metrics, p: Metrics, period: str) -> Finding | None:
    now = _n(m.get("posts")) + _n(m.get("comments"))
    before = _n(p.get("posts")) + _n(p.get("comments"))
    if not before or now == before:
        return None
    params = {
        "period": period, "now": now, "before": before,
        "posts": _n(m.get("posts")), "comments": _n(m.get("comments")),
        "pct": abs(round((now - before) * 100 / before)),
    }  # fmt: skip
    if now > before:
        text = _(
            "%(period)s there were %(now)d posts and comments (%(posts)d posts, %(comments)d "
            "comments), %(pct)d%% more than in the previous period (%(before)d)."
        )
        return Finding(GOOD, text % params, "posts")
    text = _(
        "%(period)s there were %(now)d posts and comments (%(posts)d posts, %(comments)d "
        "comments), %(pct)d%% fewer than in the previous period (%(before)d)."
    )
    return Finding(ATTENTION, text % params, "posts")


def _reply_rate(m: Metrics, p: Metrics, period: str) -> Finding | None:
    now, before = m.get("reply_rate"), p.get("reply_rate")
    if now is None:
        return None
    params = {"now": _pct(now), "before": _pct(before), "period": period}
    if before is None or _pct(now) == _pct(before):
        tone = GOOD if now >= 0.6 else ATTENTION
        text = _("%(now)d%% of posts got a reply from someone else within 7 days.")
        return Finding(tone, text % params, "reply_rate")
    if now > before:
        text = _(
            "%(now)d%% of posts got a reply from someone else within 7 days, up from %(before)d%%."
        )
        return Finding(GOOD, text % params, "reply_rate")
    text = _(
        "%(now)d%% of posts got a reply from someone else within 7 days, down from %(before)d%%."
    )
    return Finding(ATTENTION, text % params, "reply_rate")


def _reply_time(m: Metrics, p: Metrics, period: str) -> Finding | None:
    now, before = m.get("median_first_reply_hours"), p.get("median_first_reply_hours")
    if now is None or before is None or round(now, 1) == round(before, 1):
        return None
    params = {"now": f"{now:.1f}", "before": f"{before:.1f}"}
    if now < before:
        text = _("First replies came sooner: half within %(now)s hours (before: %(before)s hours).")
        return Finding(GOOD, text % params, "median_first_reply_hours")
    text = _("First replies came later: half within %(now)s hours (before: %(before)s hours).")
    return Finding(ATTENTION, text % params, "median_first_reply_hours")


def _unanswered(m: Metrics, p: Metrics, period: str) -> Finding | None:
    n = _n(m.get("unanswered"))
    if not n:
        return None
    text = ngettext(
        "%(n)d post got no reply within 7 days: a reply from a member would help.",
        "%(n)d posts got no reply within 7 days: a reply from a member would help.",
        n,
    )
    return Finding(ATTENTION, text % {"n": n}, "unanswered")


def _cross_unit(m: Metrics, p: Metrics, period: str) -> Finding | None:
    now, before = m.get("cross_unit_share"), p.get("cross_unit_share")
    if now is None or before is None or _pct(now) == _pct(before):
        return None
    params = {"now": _pct(now), "before": _pct(before)}
    if now > before:
        text = _(
            "%(now)d%% of interactions linked people of different units, up from %(before)d%%."
        )
        return Finding(GOOD, text % params, "cross_unit_share")
    text = _("%(now)d%% of interactions linked people of different units, down from %(before)d%%.")
    return Finding(ATTENTION, text % params, "cross_unit_share")


def _retention(m: Metrics, p: Metrics, period: str) -> Finding | None:
    newcomers, share = _n(m.get("newcomers")), m.get("newcomer_retention")
    if not newcomers or share is None:
        return None
    retained = round(share * newcomers)
    text = ngettext(
        "%(retained)d of %(newcomers)d newcomer contributed again within 60 days.",
        "%(retained)d of %(newcomers)d newcomers contributed again within 60 days.",
        newcomers,
    )
    tone = GOOD if share >= 0.5 else ATTENTION
    return Finding(
        tone, text % {"retained": retained, "newcomers": newcomers}, "newcomer_retention"
    )


def _concentration(m: Metrics, p: Metrics, period: str) -> Finding | None:
    share = m.get("top10_share")
    if share is None or share <= 0.5 or _n(m.get("contributors")) < 10:
        return None
    text = _(
        "The most active 10%% of contributors wrote %(share)d%% of everything: invite quieter "
        "members to share their practice."
    )
    return Finding(ATTENTION, text % {"share": _pct(share)}, "top10_share")


def _at_risk(m: Metrics, p: Metrics, period: str) -> Finding | None:
    n = _n(m.get("at_risk"))
    if not n:
        return None
    text = ngettext(
        "%(n)d person of the previous core contributed less than half as much as before.",
        "%(n)d people of the previous core contributed less than half as much as before.",
        n,
    )
    return Finding(ATTENTION, text % {"n": n}, "at_risk")


def _assets(m: Metrics, p: Metrics, period: str) -> Finding | None:
    n = _n(m.get("assets_published"))
    if n:
        text = ngettext(
            "%(period)s %(n)d knowledge asset was published.",
            "%(period)s %(n)d knowledge assets were published.",
            n,
        )
        return Finding(GOOD, text % {"n": n, "period": period}, "assets_published")
    if _n(m.get("posts")) >= 10:
        text = _(
            "No knowledge asset was published from %(posts)d posts: a thread may be worth "
            "harvesting."
        )
        return Finding(INFO, text % {"posts": _n(m.get("posts"))}, "assets_published")
    return None


def _connections(m: Metrics, p: Metrics, period: str) -> Finding | None:
    n = _n(m.get("new_connections"))
    if not n:
        return None
    text = ngettext(
        "%(n)d pair of people replied to each other here for the first time.",
        "%(n)d pairs of people replied to each other here for the first time.",
        n,
    )
    return Finding(GOOD, text % {"n": n}, "new_connections")


def _sessions(m: Metrics, p: Metrics, period: str) -> Finding | None:
    n = _n(m.get("sessions"))
    if not n:
        return None
    text = ngettext(
        "%(period)s %(n)d sharing session was held, with %(people)d participants.",
        "%(period)s %(n)d sharing sessions were held, with %(people)d participants.",
        n,
    )
    params = {"n": n, "people": _n(m.get("session_attendance")), "period": period}
    return Finding(GOOD, text % params, "sessions")


# Rules that set a total of this period against the previous period's.
COMPARES_TOTALS = (_contributors, _activity, _units, _at_risk)

RULES = (
    _contributors, _activity, _units, _reply_rate, _reply_time, _unanswered, _cross_unit,
    _retention, _concentration, _at_risk, _assets, _connections, _sessions,
)  # fmt: skip


def findings(
    metrics: Metrics, previous: Metrics, period: Period, *, today: dt.date | None = None
) -> list[Finding]:
    """While the period runs (on `today`), totals are not yet set against the previous
    period's: an unfinished year always has fewer posts than a finished one. Rates,
    times and shares are compared at once."""
    noun = capfirst(period.noun)
    elapsed = period.elapsed(today) if today else 1.0
    rules = RULES if elapsed >= 1.0 else [r for r in RULES if r not in COMPARES_TOTALS]
    found = [rule(metrics, previous, noun) for rule in rules]
    if elapsed < 1.0:
        done, days = round(elapsed * period.days), period.days
        found.append(Finding(INFO, _(
            "%(period)s is not over yet (%(done)d of %(days)d days), so its totals are "
            "compared with the previous period once it ends; rates, times and shares are "
            "compared already."
        ) % {"period": noun, "done": done, "days": days}, ""))  # fmt: skip
    return [f for f in found if f is not None]

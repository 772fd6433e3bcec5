"""Every health metric, declared once: its name, its meaning, how it is shown.

The dashboard, the CSV export, the API, the PDF report and the findings all read this
list, so a metric added here appears everywhere with the same name and explanation.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

COUNT, PERCENT, HOURS, NUMBER = "count", "percent", "hours", "number"

MEMBERS, ACTIVITY, CONVERSATION, REACH, INEQUALITY, NETWORK, VALUE = (
    "members", "activity", "conversation", "reach", "inequality", "network", "value",
)  # fmt: skip

GROUPS: dict[str, Promise] = {
    MEMBERS: _("Members"),
    ACTIVITY: _("Activity"),
    CONVERSATION: _("Conversation"),
    REACH: _("Reach"),
    INEQUALITY: _("Participation inequality"),
    NETWORK: _("Network of who replies to whom"),
    VALUE: _("Value created"),
}


# Counts that describe a moment or a trailing window, not a total over the period.
_NOT_TOTALS = frozenset({"members", "active_30d", "active_90d"})


@dataclass(frozen=True)
class Metric:
    key: str
    group: str
    label: Promise
    help: Promise
    unit: str = COUNT
    better: str = "up"  # "up", "down" or "" (neither is better)

    @property
    def accumulates(self) -> bool:
        """A total that grows while the period runs, so an unfinished period's value
        cannot yet be set against a finished period's."""
        return self.unit == COUNT and self.key not in _NOT_TOTALS


METRICS: tuple[Metric, ...] = (
    # ---- members -------------------------------------------------------------------
    Metric("members", MEMBERS, _("Members"), _("Members at the end of the period.")),
    Metric("members_joined", MEMBERS, _("Joined"), _("Members who joined during the period.")),
    Metric(
        "members_left", MEMBERS, _("Left"), _("Members who left during the period."), better="down"
    ),
    Metric(
        "contributors",
        MEMBERS,
        _("Contributors"),
        _("People who wrote a post or a comment during the period."),
    ),  # fmt: skip
    Metric(
        "active_30d",
        MEMBERS,
        _("Active in the last 30 days"),
        _("People who posted or commented in the 30 days before the period ended."),
    ),  # fmt: skip
    Metric(
        "active_90d",
        MEMBERS,
        _("Active in the last 90 days"),
        _("People who posted or commented in the 90 days before the period ended."),
    ),  # fmt: skip
    Metric(
        "newcomers",
        MEMBERS,
        _("Newcomers"),
        _("People whose first post or comment here was in this period."),
    ),  # fmt: skip
    Metric(
        "newcomer_retention",
        MEMBERS,
        _("Newcomer retention"),
        _("Share of newcomers who contributed again, on a later day, within 60 days."),
        PERCENT,
    ),  # fmt: skip
    # ---- activity ------------------------------------------------------------------
    Metric("posts", ACTIVITY, _("Posts"), _("Posts published during the period.")),
    Metric("posts_article", ACTIVITY, _("Articles"), _("Articles published.")),
    Metric("posts_story", ACTIVITY, _("Stories"), _("Success stories told (เล่าเรื่อง).")),
    Metric("posts_aar", ACTIVITY, _("After action reviews"), _("AARs published.")),
    Metric("posts_journal", ACTIVITY, _("Journal entries"), _("Short journal entries (อนุทิน).")),
    Metric("posts_question", ACTIVITY, _("Questions"), _("Questions asked.")),
    Metric("comments", ACTIVITY, _("Comments"), _("Comments written during the period.")),
    Metric("sessions", ACTIVITY, _("Sharing sessions"), _("Sharing sessions (เวที ลปรร.) held.")),
    Metric(
        "session_attendance",
        ACTIVITY,
        _("Session attendance"),
        _("People who took part in the sessions, members and outsiders together."),
    ),  # fmt: skip
    Metric(
        "assets_published",
        ACTIVITY,
        _("Knowledge assets published"),
        _("Knowledge assets (ขุมความรู้) published during the period."),
    ),  # fmt: skip
    # ---- conversation ----------------------------------------------------------------
    Metric(
        "reply_rate",
        CONVERSATION,
        _("Reply rate"),
        _("Share of posts answered by someone other than the author within 7 days."),
        PERCENT,
    ),  # fmt: skip
    Metric(
        "median_first_reply_hours",
        CONVERSATION,
        _("Median time to first reply"),
        _("Half of the answered posts got their first reply from someone else sooner than this."),
        HOURS,
        "down",
    ),  # fmt: skip
    Metric(
        "unanswered",
        CONVERSATION,
        _("Unanswered posts"),
        _("Posts that got no reply from anyone else within 7 days."),
        better="down",
    ),  # fmt: skip
    Metric(
        "reciprocity",
        CONVERSATION,
        _("Reciprocity"),
        _("Share of pairs of people who have replied to each other both ways."),
        PERCENT,
    ),  # fmt: skip
    Metric(
        "thread_depth",
        CONVERSATION,
        _("Thread depth"),
        _("Average depth of the conversations that got replies (1 = comments only on the post)."),
        NUMBER,
    ),  # fmt: skip
    # ---- reach -----------------------------------------------------------------------
    Metric(
        "interactions",
        REACH,
        _("Interactions"),
        _("Replies from one member to another (comments on posts and on comments)."),
    ),  # fmt: skip
    Metric(
        "cross_unit_share",
        REACH,
        _("Across units"),
        _("Share of interactions between people of different units."),
        PERCENT,
    ),  # fmt: skip
    Metric(
        "cross_org_share",
        REACH,
        _("Across organisations"),
        _("Share of interactions between people of different organisations."),
        PERCENT,
    ),  # fmt: skip
    Metric("units", REACH, _("Units taking part"), _("Units whose people posted or commented.")),
    Metric(
        "organisations",
        REACH,
        _("Organisations taking part"),
        _("Organisations whose people posted or commented."),
    ),  # fmt: skip
    # ---- participation inequality -------------------------------------------------------
    Metric(
        "top10_share",
        INEQUALITY,
        _("Share of the top 10%"),
        _("Share of all posts and comments written by the most active 10% of contributors."),
        PERCENT,
        "down",
    ),  # fmt: skip
    Metric(
        "gini",
        INEQUALITY,
        _("Gini coefficient"),
        _("0 when everyone contributes equally, near 1 when one person does everything."),
        NUMBER,
        "down",
    ),  # fmt: skip
    Metric(
        "core",
        INEQUALITY,
        _("Core"),
        _("The fewest most active people who together wrote half of the contributions."),
        better="",
    ),  # fmt: skip
    Metric("periphery", INEQUALITY, _("Periphery"), _("Other people who contributed.")),
    Metric(
        "lurkers",
        INEQUALITY,
        _("Readers"),
        _("Members who read but did not post or comment during the period."),
        better="",
    ),  # fmt: skip
    # ---- network ---------------------------------------------------------------------
    Metric(
        "network_people",
        NETWORK,
        _("People in the network"),
        _("People who replied or were replied to."),
    ),
    Metric("network_ties", NETWORK, _("Ties"), _("Who-replied-to-whom links (one per direction).")),
    Metric(
        "density",
        NETWORK,
        _("Density"),
        _("Share of all possible who-replied-to-whom links that exist."),
        PERCENT,
    ),  # fmt: skip
    Metric(
        "components",
        NETWORK,
        _("Separate groups"),
        _("Groups of people not connected to each other by any reply."),
        better="down",
    ),  # fmt: skip
    Metric(
        "clustering",
        NETWORK,
        _("Clustering"),
        _("How often two people who talk with the same person also talk with each other."),
        PERCENT,
    ),  # fmt: skip
    Metric(
        "brokers",
        NETWORK,
        _("Brokers between units"),
        _("People who stand between others (betweenness) and link people of different units."),
    ),  # fmt: skip
    Metric(
        "at_risk",
        NETWORK,
        _("Core members drifting away"),
        _("People of the previous period's core who contributed less than half as much now."),
        better="down",
    ),  # fmt: skip
    # ---- value (Wenger, Trayner and de Laat 2011) ------------------------------------------
    Metric(
        "new_connections",
        VALUE,
        _("New connections"),
        _("Pairs of people who replied to each other here for the first time."),
    ),  # fmt: skip
    Metric(
        "links_to_posts",
        VALUE,
        _("Earlier posts reused"),
        _("Links from new posts to earlier posts: knowledge picked up again."),
    ),  # fmt: skip
    Metric(
        "links_to_assets",
        VALUE,
        _("Knowledge assets reused"),
        _("Links from new posts to knowledge assets."),
    ),  # fmt: skip
    Metric(
        "aar_followups",
        VALUE,
        _("AAR follow-ups"),
        _("After action reviews that follow up an earlier post or session."),
    ),  # fmt: skip
)

BY_KEY: dict[str, Metric] = {m.key: m for m in METRICS}


def format_value(metric: Metric, value: float | None) -> str:
    """How a value reads on a page and in the PDF: "42", "63%", "5.5 ชม.", "–"."""
    if value is None:
        return "–"
    if metric.unit == PERCENT:
        return f"{value * 100:.0f}%"
    if metric.unit == HOURS:
        return _("%(hours)s h") % {"hours": f"{value:.1f}"}
    if metric.unit == NUMBER:
        return f"{value:.2f}"
    return f"{int(value):,}"

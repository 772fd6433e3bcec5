"""Count tables of community health, filled incrementally by `chumchon health-refresh`.

Dashboards read only these tables (and the snapshots computed from them), never the raw
posts and comments. A *scope* is a community's id, or 0 for the whole organisation.
Rows keep plain ids rather than foreign keys: they are statistics, rebuilt by a full
refill, and a bulk insert of millions of rows should not check constraints row by row.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

ORGANISATION = 0


class ScopeDay(models.Model):
    """One statistic of one scope on one day (posts_aar, comments, members_joined…)."""

    scope = models.BigIntegerField()
    day = models.DateField()
    stat = models.CharField(max_length=32)
    value = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "day", "stat"], name="health_scopeday_once")
        ]
        verbose_name = _("daily count")

    def __str__(self) -> str:
        return f"{self.scope}:{self.day}:{self.stat}={self.value}"


class MemberDay(models.Model):
    """What one person wrote in one scope on one day, with their unit at the time."""

    scope = models.BigIntegerField()
    member_id = models.BigIntegerField()
    day = models.DateField()
    unit_id = models.BigIntegerField(null=True)
    organisation_id = models.BigIntegerField(null=True)
    posts = models.IntegerField(default=0)
    comments = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "day", "member_id"], name="health_memberday_once"
            )
        ]
        indexes = [models.Index(fields=["scope", "member_id", "day"])]
        verbose_name = _("member's daily count")

    def __str__(self) -> str:
        return f"{self.scope}:{self.member_id}:{self.day}"


class MemberFirst(models.Model):
    """The first two days a person contributed in a scope: newcomers and their return."""

    scope = models.BigIntegerField()
    member_id = models.BigIntegerField()
    first_day = models.DateField()
    second_day = models.DateField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "member_id"], name="health_memberfirst_once")
        ]
        indexes = [models.Index(fields=["scope", "first_day"])]

    def __str__(self) -> str:
        return f"{self.scope}:{self.member_id}:{self.first_day}"


class PairDay(models.Model):
    """Replies from one person to another in a scope on a day: the network's edges."""

    scope = models.BigIntegerField()
    day = models.DateField()
    source_id = models.BigIntegerField()
    target_id = models.BigIntegerField()
    source_unit_id = models.BigIntegerField(null=True)
    target_unit_id = models.BigIntegerField(null=True)
    cross_unit = models.BooleanField(default=False)
    cross_org = models.BooleanField(default=False)
    replies = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "day", "source_id", "target_id"], name="health_pairday_once"
            )
        ]
        verbose_name = _("daily replies between two people")

    def __str__(self) -> str:
        return f"{self.scope}:{self.day}:{self.source_id}->{self.target_id}"


class PairFirst(models.Model):
    """The first day two people (either direction) replied to each other in a scope."""

    scope = models.BigIntegerField()
    low_id = models.BigIntegerField()
    high_id = models.BigIntegerField()
    first_day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "low_id", "high_id"], name="health_pair_once")
        ]
        indexes = [models.Index(fields=["scope", "first_day"])]

    def __str__(self) -> str:
        return f"{self.scope}:{self.low_id}-{self.high_id}:{self.first_day}"


class ThreadFact(models.Model):
    """One post's conversation in a scope: when it was first answered, how deep it went."""

    scope = models.BigIntegerField()
    post_id = models.BigIntegerField()
    day = models.DateField()  # the post's publication day
    author_id = models.BigIntegerField()
    first_reply_seconds = models.BigIntegerField(null=True)  # by someone other than the author
    comments = models.IntegerField(default=0)
    depth = models.IntegerField(default=0)  # 0 no comment, 1 comments on the post, 2 replies…

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "post_id"], name="health_thread_once")
        ]
        indexes = [models.Index(fields=["scope", "day"])]
        verbose_name = _("thread")

    def __str__(self) -> str:
        return f"{self.scope}:{self.post_id}"


class TagUnitDay(models.Model):
    """Posts with a tag by people of a unit on a day, organisation-wide: the knowledge map."""

    tag_id = models.BigIntegerField()
    unit_id = models.BigIntegerField(null=True)
    day = models.DateField()
    posts = models.IntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.tag_id}:{self.unit_id}:{self.day}"


class FillState(models.Model):
    """How far the count tables are filled: days before `filled_until` are complete."""

    name = models.CharField(max_length=32, primary_key=True)
    filled_until = models.DateField(null=True)
    last_run_at = models.DateTimeField(null=True)
    last_run_seconds = models.FloatField(null=True)

    def __str__(self) -> str:
        return f"{self.name}: {self.filled_until}"


class PeriodFacts(models.Model):
    """What the snapshots of the next period need of a closed period (`report.previous_facts`),
    kept until a refill touches one of its days: every snapshot compares with the period
    before, and counting that again on every refresh would double the work."""

    scope = models.BigIntegerField()
    period = models.CharField(max_length=16)
    data = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "period"], name="health_periodfacts_once")
        ]

    def __str__(self) -> str:
        return f"{self.scope}:{self.period}"


class SnapshotQuerySet(models.QuerySet["Snapshot"]):
    def for_scope(self, scope: int, period_key: str) -> SnapshotQuerySet:
        return self.filter(scope=scope, period=period_key)


class Snapshot(models.Model):
    """The metrics of one scope for one period, computed from the count tables and kept
    until a refresh touches a day of that period."""

    scope = models.BigIntegerField()
    period = models.CharField(max_length=16)
    start = models.DateField()
    end = models.DateField()
    data = models.JSONField()
    # Kept beside the data so the organisation's list sorts in SQL without parsing JSON.
    score = models.IntegerField(default=0)
    stage = models.CharField(max_length=16, blank=True)
    activity = models.IntegerField(default=0)  # posts and comments
    contributors = models.IntegerField(default=0)
    computed_at = models.DateTimeField()

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "period"], name="health_snapshot_once")
        ]
        indexes = [models.Index(fields=["start", "end"])]

    def __str__(self) -> str:
        return f"{self.scope}:{self.period}"

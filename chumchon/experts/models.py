"""Endorsements of members' expertise, and each member's choice to be left out of the finder."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chumchon.core.models import Tag

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from chumchon.accounts.models import Member, MemberQuerySet


class EndorsementQuerySet(models.QuerySet["Endorsement"]):
    def visible_to(self, user: Member | AnonymousUser) -> EndorsementQuerySet:
        """Endorsements are public, as long as both people are active members."""
        if getattr(user, "is_staff", False):
            return self.all()
        return self.filter(endorser__is_active=True, member__is_active=True)

    def of(self, member: Member) -> EndorsementQuerySet:
        return self.filter(member=member)

    def by(self, endorser: Member) -> EndorsementQuerySet:
        return self.filter(endorser=endorser)

    def on_tags(self, tag_ids: list[int]) -> EndorsementQuerySet:
        return self.filter(tag_id__in=tag_ids)


class Endorsement(models.Model):
    """One member vouching that another knows about one topic (a tag)."""

    endorser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="endorsements_given"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="endorsements"
    )
    tag = models.ForeignKey(
        Tag, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EndorsementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["endorser", "member", "tag"], name="endorse_once"),
            models.CheckConstraint(
                condition=~Q(member=models.F("endorser")), name="no_self_endorse"
            ),
        ]
        indexes = [models.Index(fields=["tag", "member"])]
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")

    def __str__(self) -> str:
        return f"{self.endorser_id}→{self.member_id} ({self.tag_id})"


class FinderPreferenceQuerySet(models.QuerySet["FinderPreference"]):
    def hidden(self) -> FinderPreferenceQuerySet:
        return self.filter(hidden=True)


class FinderPreference(models.Model):
    """A member's own settings for the expert finder; no row means the defaults."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE,
        related_name="finder_preference",
    )  # fmt: skip
    hidden = models.BooleanField(
        _("hide me from the expert finder"),
        default=False,
        help_text=_("Your profile stays public; you are only left out of “who knows…?” lists."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = FinderPreferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("expert finder preference")

    def __str__(self) -> str:
        return f"{self.member_id}: {'hidden' if self.hidden else 'listed'}"


def findable_members(user: Member | AnonymousUser) -> MemberQuerySet:
    """Members the finder may list to this viewer: visible and not hidden by their choice."""
    from chumchon.accounts.models import Member

    hidden = FinderPreference.objects.hidden().values("member_id")
    return Member.objects.visible_to(user).active().exclude(pk__in=hidden)


# ---- the expertise table: who wrote how much about each word ----------------------------
#
# Kept up to date by `experts.expertise.expertise_refresh` (called from core/effects.py after
# every write that changes someone's documents) and rebuilt whole by
# `chumchon experts_rebuild`. docs/experts.md explains the sums.


class ExpertScope(models.Model):
    """Who may read a group of documents: the active members of any of these communities.

    Documents everyone may read have no scope (NULL). A post written for the members of
    one or more closed communities, and a session or knowledge asset of a community
    that is not public, get the scope of exactly those communities; the viewer's
    memberships decide at query time which scopes they may read, so joining or leaving
    a community needs no rewrite.
    """

    key = models.CharField(max_length=200, unique=True)  # sorted community ids: "3,17"
    communities = models.ManyToManyField(
        "communities.Community", related_name="+", db_constraint=False
    )

    def __str__(self) -> str:
        return self.key


class ExpertTerm(models.Model):
    """A word as search segments it; rows of the table refer to it by id."""

    text = models.CharField(max_length=100, unique=True)

    def __str__(self) -> str:
        return self.text


class ExpertWeight(models.Model):
    """Σ over one person's documents in one scope of association × term weight × 2^(age/h).

    `public_volume` repeats the person's public volume on every row, so the ranking
    divides by it without a lookup per candidate.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    term = models.ForeignKey(ExpertTerm, on_delete=models.CASCADE, related_name="+")
    scope = models.ForeignKey(
        ExpertScope, null=True, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    weight = models.FloatField()
    public_volume = models.FloatField()

    class Meta:
        indexes = [
            # Covers the ranking's read: one range per query word, nothing else touched.
            models.Index(
                fields=["term", "scope", "person", "weight", "public_volume"],
                name="expert_weight_term",
            ),
            models.Index(fields=["person"], name="expert_weight_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}·{self.term_id}·{self.scope_id}: {self.weight:.3f}"


class ExpertVolume(models.Model):
    """How much one person wrote in one scope: Σ association over their documents."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    scope = models.ForeignKey(
        ExpertScope, null=True, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    volume = models.FloatField()

    class Meta:
        indexes = [models.Index(fields=["scope", "person"], name="expert_volume_scope")]

    def __str__(self) -> str:
        return f"{self.person_id}·{self.scope_id}: {self.volume:.1f}"


class ExpertPending(models.Model):
    """A person whose rows wait for `chumchon experts_rebuild --pending` (they write a lot:
    recomputing them after each write would cost more than the write)."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="+",
        db_constraint=False,
    )  # fmt: skip
    since = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.person_id} since {self.since:%Y-%m-%d %H:%M}"

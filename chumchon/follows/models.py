"""Who follows whom (members, blogs), and private messages between members."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chumchon.blogs.models import Blog


class Follow(models.Model):
    """One follower following exactly one target: a member, a blog or a community.

    Each target is a nullable foreign key with its own partial unique constraint, and
    `follow_one_target` insists on exactly one, so one table answers "what do I follow".
    """

    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="following"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True,
        on_delete=models.CASCADE, related_name="followers",
    )  # fmt: skip
    blog = models.ForeignKey(
        Blog, null=True, blank=True, on_delete=models.CASCADE, related_name="followers"
    )
    community = models.ForeignKey(
        "communities.Community", null=True, blank=True,
        on_delete=models.CASCADE, related_name="followers",
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["follower", "member"],
                condition=Q(member__isnull=False),
                name="follow_member_once",
            ),  # fmt: skip
            models.UniqueConstraint(
                fields=["follower", "blog"],
                condition=Q(blog__isnull=False),
                name="follow_blog_once",
            ),  # fmt: skip
            models.UniqueConstraint(
                fields=["follower", "community"],
                condition=Q(community__isnull=False),
                name="follow_community_once",
            ),  # fmt: skip
            models.CheckConstraint(
                condition=~Q(member=models.F("follower")), name="no_self_follow"
            ),
            models.CheckConstraint(
                condition=(
                    Q(member__isnull=False, blog__isnull=True, community__isnull=True)
                    | Q(member__isnull=True, blog__isnull=False, community__isnull=True)
                    | Q(member__isnull=True, blog__isnull=True, community__isnull=False)
                ),
                name="follow_one_target",
            ),
        ]
        verbose_name = _("follow")

    def __str__(self) -> str:
        return f"{self.follower_id}→{self.member_id or self.blog_id or self.community_id}"


class MessageQuerySet(models.QuerySet["Message"]):
    def inbox(self, member: object) -> MessageQuerySet:
        return self.filter(recipient=member).select_related("sender")

    def sent_by(self, member: object) -> MessageQuerySet:
        return self.filter(sender=member).select_related("recipient")

    def involving(self, member: object) -> MessageQuerySet:
        """Messages a member sent or received: the only ones they may open."""
        return self.filter(Q(sender=member) | Q(recipient=member))

    def unread(self) -> MessageQuerySet:
        return self.filter(read_at__isnull=True)


class Message(models.Model):
    """A private message (ติดต่อ) from one member to another."""

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messages_sent"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messages_received"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), max_length=10_000)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("message")

    def __str__(self) -> str:
        return self.subject

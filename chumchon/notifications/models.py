"""In-app notifications and each member's choice of e-mail digest."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chumchon.blogs.models import Post
from chumchon.comments.models import Comment


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_member(self, member: object) -> NotificationQuerySet:
        """The member's own notifications about things they may still see (checked row
        by row with EXISTS: `post IN (every readable post)` made SQLite list them all)."""
        posts = Post.objects.visible_to(member).filter(pk=OuterRef("post_id"))  # type: ignore[arg-type]
        comments = Comment.objects.visible_to(member).filter(pk=OuterRef("comment_id"))  # type: ignore[arg-type]
        return self.filter(
            Q(post__isnull=True) | Exists(posts),
            Q(comment__isnull=True) | Exists(comments),
            recipient=member,
        )

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)

    def not_emailed(self) -> NotificationQuerySet:
        return self.filter(emailed_at__isnull=True)

    def for_list(self) -> NotificationQuerySet:
        return self.select_related("actor", "post")


class Notification(models.Model):
    class Kind(models.TextChoices):
        COMMENT = "comment", gettext_lazy("comment on your post")
        REPLY = "reply", gettext_lazy("reply to your comment")
        FLOWER = "flower", gettext_lazy("flower")
        FOLLOWER = "follower", gettext_lazy("new follower")
        ACCEPTED = "accepted", gettext_lazy("accepted answer")
        MENTION = "mention", gettext_lazy("mention")
        JOIN_REQUEST = "join_request", gettext_lazy("request to join")
        SESSION_REMINDER = "session_reminder", gettext_lazy("session reminder")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    actor_name = models.CharField(max_length=100, blank=True)  # a guest's name
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    text = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=500)
    # What the notification is about, so the same event never notifies twice.
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"])]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "kind", "key"], name="notify_once")
        ]
        verbose_name = gettext_lazy("notification")
        verbose_name_plural = gettext_lazy("notifications")

    def __str__(self) -> str:
        return self.message

    @property
    def who(self) -> str:
        return str(self.actor) if self.actor_id else self.actor_name or _("Someone")

    @property
    def message(self) -> str:
        """One sentence saying what happened, in the reader's language."""
        what = {"who": self.who, "post": self.post.display_title if self.post_id else ""}
        messages = {
            self.Kind.COMMENT: _("%(who)s commented on “%(post)s”"),
            self.Kind.REPLY: _("%(who)s replied to your comment on “%(post)s”"),
            self.Kind.FLOWER: _("%(who)s gave a flower to “%(post)s”"),
            self.Kind.FOLLOWER: _("%(who)s started following you"),
            self.Kind.ACCEPTED: _("%(who)s accepted your answer on “%(post)s”"),
            self.Kind.MENTION: _("%(who)s mentioned you in “%(post)s”"),
        }
        if self.kind in messages:
            sentence = messages[self.kind] % what
            return f"{sentence}: {self.text}" if self.text else sentence
        return self.text or self.get_kind_display()


class DigestPreference(models.Model):
    """How often a member wants their unread notifications by e-mail."""

    class Frequency(models.TextChoices):
        DAILY = "daily", gettext_lazy("once a day")
        WEEKLY = "weekly", gettext_lazy("once a week")
        OFF = "off", gettext_lazy("never")

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_preference"
    )
    frequency = models.CharField(
        gettext_lazy("e-mail digest"), max_length=10, choices=Frequency.choices,
        default=Frequency.WEEKLY,
    )  # fmt: skip
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("digest preference")

    def __str__(self) -> str:
        return f"{self.member_id}: {self.frequency}"

"""Comments by members and guests, flowers, and flags for review."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from chumchon.blogs.models import Post

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from chumchon.accounts.models import Member

COMMENT_MAX = 10_000


def mask_ip(ip: str | None) -> str:
    """GotoKnow's way: hide the first octet of IPv4 (xxx.157.44.226); IPv6 keeps its /48."""
    if not ip:
        return ""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ""
    if address.version == 4:
        return "xxx." + ".".join(str(address).split(".")[1:])
    network = ipaddress.ip_network(f"{address}/48", strict=False)
    return f"{network.network_address.compressed.rstrip(':')}::/48"


class CommentQuerySet(models.QuerySet["Comment"]):
    def visible(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.VISIBLE)

    def pending(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.PENDING)

    def visible_to(self, user: Member | AnonymousUser) -> CommentQuerySet:
        """Visible comments on posts the user may read; a blog owner also sees held ones.

        The post is checked row by row (EXISTS on its primary key): as `post IN (every
        post the user may read)`, SQLite built that whole list first, 4 to 5 s for one
        post's comments at a million posts."""
        readable = Exists(Post.objects.visible_to(user).filter(pk=OuterRef("post_id")))
        if getattr(user, "is_staff", False):
            return self.filter(readable)
        shown = Q(status=Comment.Status.VISIBLE)
        if getattr(user, "is_authenticated", False):
            shown |= Q(status=Comment.Status.PENDING, post__blog__owner=user)
        return self.filter(shown, readable)

    def for_list(self) -> CommentQuerySet:
        return self.select_related("author", "author__unit")


class Comment(models.Model):
    class Status(models.TextChoices):
        VISIBLE = "visible", _("visible")
        PENDING = "pending", _("awaiting review")
        REMOVED = "removed", _("removed")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True,
        on_delete=models.CASCADE, related_name="comments",
    )  # fmt: skip
    guest_name = models.CharField(_("name"), max_length=100, blank=True)
    guest_email = models.EmailField(_("e-mail (never shown)"), blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    body = models.TextField(_("comment"), max_length=COMMENT_MAX)
    body_html = models.TextField(editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.VISIBLE)
    is_accepted = models.BooleanField(_("accepted answer"), default=False)
    created_at = models.DateTimeField()

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["post", "status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["post"], condition=Q(is_accepted=True), name="one_accepted_answer"
            ),
            models.CheckConstraint(
                condition=Q(author__isnull=False) | ~Q(guest_name=""), name="comment_has_a_name"
            ),
        ]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.name}: {self.body[:40]}"

    def get_absolute_url(self) -> str:
        return f"{self.post.get_absolute_url()}#comment-{self.pk}"

    @property
    def is_guest(self) -> bool:
        return self.author_id is None

    @property
    def name(self) -> str:
        return str(self.author) if self.author_id else self.guest_name

    @property
    def masked_ip(self) -> str:
        return mask_ip(self.ip)


class Flower(models.Model):
    """A member's one flower (ดอกไม้) for a post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flowers")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flowers_given"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "member"], name="one_flower")]

    def __str__(self) -> str:
        return f"{self.member_id}→{self.post_id}"


class FlagQuerySet(models.QuerySet["Flag"]):
    def open(self) -> FlagQuerySet:
        return self.filter(status=Flag.Status.OPEN)


class Flag(models.Model):
    """A member's report that a post or comment needs a moderator's look."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        KEPT = "kept", _("kept")
        REMOVED = "removed", _("removed")

    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flags"
    )
    reason = models.CharField(_("reason"), max_length=500)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(post__isnull=False) ^ Q(comment__isnull=False), name="flag_one_target"
            )
        ]

    def __str__(self) -> str:
        return f"flag {self.pk}"

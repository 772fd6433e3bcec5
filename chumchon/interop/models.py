"""Personal access tokens for the API, and the map of what an import brought in."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "chc_"


def token_digest(raw: str) -> str:
    """Tokens are long random strings, so one SHA-256 is enough to store them safely."""
    return hashlib.sha256(raw.encode()).hexdigest()


class AccessTokenQuerySet(models.QuerySet["AccessToken"]):
    def active(self) -> AccessTokenQuerySet:
        return self.filter(revoked_at__isnull=True, member__is_active=True)

    def owned_by(self, member: object) -> AccessTokenQuerySet:
        return self.filter(member=member)

    def matching(self, raw: str) -> AccessTokenQuerySet:
        return self.filter(digest=token_digest(raw))


class AccessToken(models.Model):
    """A member's personal access token; only its digest is stored, the token shown once."""

    class Scope(models.TextChoices):
        READ = "read", _("read")
        READ_WRITE = "read-write", _("read and write")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.READ)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = AccessTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("access token")
        verbose_name_plural = _("access tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.READ_WRITE

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ImportedItemQuerySet(models.QuerySet["ImportedItem"]):
    def from_source(self, source: str) -> ImportedItemQuerySet:
        return self.filter(source=source)


class ImportedItem(models.Model):
    """One thing an import created, keyed by where it came from, so a rerun skips it."""

    class Kind(models.TextChoices):
        POST = "post", _("post")
        COMMENT = "comment", _("comment")
        MEMBER = "member", _("member")

    source = models.CharField(max_length=300)
    guid = models.CharField(max_length=500)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.BigIntegerField()
    # For posts: the address the post had at its source, so links to it can be rewritten.
    source_url = models.CharField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ImportedItemQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "guid"], name="imported_once")
        ]
        verbose_name = _("imported item")

    def __str__(self) -> str:
        return f"{self.source} {self.kind} {self.guid}"

"""Pieces every domain app shares: tags and never-reused counters."""

from __future__ import annotations

from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

TAG_MAX_LENGTH = 64


class TagQuerySet(models.QuerySet["Tag"]):
    def named(self, names: list[str]) -> TagQuerySet:
        return self.filter(name__in=names)


class Tag(models.Model):
    """A keyword (ป้ายคำหลัก) on posts, blogs, profiles and communities; its name is its URL."""

    name = models.CharField(_("name"), max_length=TAG_MAX_LENGTH, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TagQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("tags:detail", args=[self.name])


class Counter(models.Model):
    """A named sequence whose values are handed out once and never again (post numbers)."""

    name = models.CharField(max_length=32, primary_key=True)
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("counter")

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


def counter_next(*, name: str) -> int:
    """Take the next value of a counter; the row lock makes concurrent writers queue."""
    with transaction.atomic():
        Counter.objects.get_or_create(name=name)
        Counter.objects.filter(name=name).update(value=F("value") + 1)
        return Counter.objects.values_list("value", flat=True).get(name=name)

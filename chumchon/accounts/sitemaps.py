from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap

from chumchon.accounts.models import Member, MemberQuerySet


class MemberSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self) -> MemberQuerySet:
        return Member.objects.visible_to(AnonymousUser()).order_by("pk").only("handle")

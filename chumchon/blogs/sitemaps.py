from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap

from chumchon.blogs.models import Blog, BlogQuerySet, Post, PostQuerySet


class PostSitemap(Sitemap):
    """Only what a visitor who is not signed in may read."""

    changefreq = "weekly"
    priority = 0.8

    def items(self) -> PostQuerySet:
        return Post.objects.visible_to(AnonymousUser()).published().order_by("number")

    def lastmod(self, post: Post) -> dt.datetime | None:
        return post.edited_at or post.published_at


class BlogSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self) -> BlogQuerySet:
        return Blog.objects.visible_to(AnonymousUser()).select_related("owner").order_by("pk")

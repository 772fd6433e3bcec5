"""RSS and Atom for a blog, a member and a tag: their latest published posts."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from chumchon.accounts.models import Member
from chumchon.blogs.models import Blog, Post, PostQuerySet
from chumchon.core.models import Tag

FEED_SIZE = 30


def _public_posts() -> PostQuerySet:
    return Post.objects.visible_to(AnonymousUser()).published().for_list().latest()


class _PostFeed(Feed):
    """What every post feed shares; subclasses say whose posts."""

    def item_title(self, post: Post) -> str:
        return post.display_title

    def item_description(self, post: Post) -> str:
        return post.body_html

    def item_pubdate(self, post: Post) -> dt.datetime | None:
        return post.published_at

    def item_updateddate(self, post: Post) -> dt.datetime | None:
        return post.edited_at or post.published_at

    def item_author_name(self, post: Post) -> str:
        return str(post.author)

    def item_categories(self, post: Post) -> list[str]:
        return [t.name for t in post.tags.all()]


class BlogRssFeed(_PostFeed):
    def get_object(self, request: HttpRequest, handle: str, slug: str) -> Blog:  # type: ignore[override]
        blogs = Blog.objects.visible_to(AnonymousUser()).select_related("owner")
        return get_object_or_404(blogs, owner__handle=handle, slug=slug)

    def title(self, blog: Blog) -> str:
        return blog.title

    def link(self, blog: Blog) -> str:
        return blog.get_absolute_url()

    def description(self, blog: Blog) -> str:
        return blog.description or _("Posts by %(name)s") % {"name": blog.owner}

    def items(self, blog: Blog) -> PostQuerySet:
        return _public_posts().filter(blog=blog)[:FEED_SIZE]


class BlogAtomFeed(BlogRssFeed):
    feed_type = Atom1Feed
    subtitle = BlogRssFeed.description


class MemberRssFeed(_PostFeed):
    def get_object(self, request: HttpRequest, handle: str) -> Member:  # type: ignore[override]
        return get_object_or_404(Member.objects.visible_to(AnonymousUser()), handle=handle)

    def title(self, member: Member) -> str:
        return _("Posts by %(name)s") % {"name": member}

    def link(self, member: Member) -> str:
        return member.get_absolute_url()

    def description(self, member: Member) -> str:
        return member.bio or self.title(member)

    def items(self, member: Member) -> PostQuerySet:
        return _public_posts().filter(author=member)[:FEED_SIZE]


class MemberAtomFeed(MemberRssFeed):
    feed_type = Atom1Feed
    subtitle = MemberRssFeed.description


class TagRssFeed(_PostFeed):
    def get_object(self, request: HttpRequest, name: str) -> Tag:  # type: ignore[override]
        return get_object_or_404(Tag, name=name)

    def title(self, tag: Tag) -> str:
        return _("Posts tagged “%(tag)s”") % {"tag": tag.name}

    def link(self, tag: Tag) -> str:
        return reverse("tags:detail", args=[tag.name])

    def description(self, tag: Tag) -> str:
        return self.title(tag)

    def items(self, tag: Tag) -> PostQuerySet:
        return _public_posts().tagged(tag.name)[:FEED_SIZE]


class TagAtomFeed(TagRssFeed):
    feed_type = Atom1Feed
    subtitle = TagRssFeed.description

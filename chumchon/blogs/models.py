"""Blogs, posts (บันทึก), their revisions and daily reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chumchon.core.models import Tag

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from chumchon.accounts.models import Member

TITLE_MAX = 200
BODY_MAX = 100_000
JOURNAL_MAX = 2_000


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", _("Creative Commons Attribution 4.0")
    CC_BY_SA = "cc-by-sa-4.0", _("Creative Commons Attribution-ShareAlike 4.0")
    CC_BY_NC = "cc-by-nc-4.0", _("Creative Commons Attribution-NonCommercial 4.0")
    CC_BY_NC_SA = "cc-by-nc-sa-4.0", _("Creative Commons Attribution-NonCommercial-ShareAlike 4.0")
    CC_BY_ND = "cc-by-nd-4.0", _("Creative Commons Attribution-NoDerivatives 4.0")
    CC_BY_NC_ND = (
        "cc-by-nc-nd-4.0",
        _("Creative Commons Attribution-NonCommercial-NoDerivatives 4.0"),
    )
    CC0 = "cc0-1.0", _("CC0: no rights reserved")
    ALL_RIGHTS = "all-rights-reserved", _("All rights reserved")


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    Licence.CC_BY_ND: "https://creativecommons.org/licenses/by-nd/4.0/",
    Licence.CC_BY_NC_ND: "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}


# ---- blogs ------------------------------------------------------------------------


class BlogQuerySet(models.QuerySet["Blog"]):
    def visible_to(self, user: Member | AnonymousUser) -> BlogQuerySet:
        if getattr(user, "is_staff", False):
            return self.all()
        return self.filter(owner__is_active=True)

    def owned_by(self, member: Member) -> BlogQuerySet:
        return self.filter(owner=member)

    def with_follower_count(self) -> BlogQuerySet:
        return self.annotate(follower_count=models.Count("followers", distinct=True))

    def most_followed(self) -> BlogQuerySet:
        """Blogs by how many follow them; blogs nobody follows yet come last."""
        return (
            self.with_follower_count()
            .select_related("owner")
            .order_by("-follower_count", "-created_at")
        )


class Blog(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blogs"
    )
    slug = models.SlugField(_("address"), max_length=60, allow_unicode=False)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="blogs")
    allow_guest_comments = models.BooleanField(
        _("publish guest comments without review"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BlogQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["owner", "slug"], name="blog_owner_slug")]
        verbose_name = _("blog")
        verbose_name_plural = _("blogs")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("blogs:blog-detail", args=[self.owner.handle, self.slug])


# ---- posts ------------------------------------------------------------------------


class PostQuerySet(models.QuerySet["Post"]):
    def published(self) -> PostQuerySet:
        return self.filter(status=Post.Status.PUBLISHED)

    def visible_to(self, user: Member | AnonymousUser) -> PostQuerySet:
        """Published posts of active members, plus the viewer's own drafts; staff see all.

        Apps that add audiences to posts (communities) narrow this further through
        `Post.visibility_filters`, so every read in the project keeps one rule.
        """
        if getattr(user, "is_staff", False):
            return self.all()
        public = Q(status=Post.Status.PUBLISHED, author__is_active=True)
        for extra in Post.visibility_filters:
            public &= extra(user)
        if getattr(user, "is_authenticated", False):
            public |= Q(author=user) & ~Q(status=Post.Status.REMOVED)
        return self.filter(public)

    def by_kind(self, kind: str) -> PostQuerySet:
        return self.filter(kind=kind)

    def tagged(self, name: str) -> PostQuerySet:
        """Posts with this tag, found from the tag's own rows: joined the other way,
        SQLite tested every published post against the tag (3-9 s for a tag page at a
        million posts, most of it counting them for the paginator)."""
        rows = self.model.tags.through.objects.filter(tag__name=name)
        return self.filter(pk__in=rows.values("post_id"))

    def for_list(self) -> PostQuerySet:
        """What a list of posts shows: author, blog and tags without a query per row."""
        return self.select_related("author", "blog", "blog__owner").prefetch_related("tags")

    def latest(self) -> PostQuerySet:
        return self.order_by("-published_at", "-number")

    def recently_commented(self) -> PostQuerySet:
        return self.filter(last_commented_at__isnull=False).order_by("-last_commented_at")

    def drafts_of(self, member: Member) -> PostQuerySet:
        return self.filter(author=member, status=Post.Status.DRAFT).order_by("-written_at")


class Post(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("article")
        STORY = "story", _("story")
        AAR = "aar", _("after action review")
        JOURNAL = "journal", _("journal entry")
        QUESTION = "question", _("question")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        REMOVED = "removed", _("removed")

    # Callables user -> Q that other apps append at start-up to narrow what is public.
    visibility_filters: list = []

    number = models.PositiveBigIntegerField(_("post number"), unique=True, editable=False)
    blog = models.ForeignKey(Blog, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posts"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ARTICLE)
    title = models.CharField(_("title"), max_length=TITLE_MAX, blank=True)
    body = models.TextField(_("text (Markdown)"), max_length=BODY_MAX)
    body_html = models.TextField(editable=False)
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="posts")
    licence = models.CharField(
        _("licence"), max_length=24, choices=Licence.choices, default=Licence.CC_BY_NC_SA
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    written_at = models.DateTimeField(_("written"))
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    read_count = models.PositiveIntegerField(_("reads"), default=0)
    flower_count = models.PositiveIntegerField(_("flowers"), default=0)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    last_commented_at = models.DateTimeField(null=True, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        indexes = [
            # The order of `latest()`, tie-breaker included: without `number` SQLite sorted
            # every published post for the home page (11 s at a million posts).
            models.Index(fields=["status", "-published_at", "-number"], name="blogs_post_latest"),
            # The same order within one blog or one author: without `number` SQLite would
            # rather walk every post through the index above than sort one blog's posts.
            models.Index(
                fields=["blog", "status", "-published_at", "-number"], name="blogs_post_blog_latest"
            ),
            models.Index(
                fields=["author", "status", "-published_at", "-number"],
                name="blogs_post_author_latest",
            ),
            models.Index(fields=["status", "-last_commented_at"]),
        ]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self) -> str:
        return self.display_title

    def get_absolute_url(self) -> str:
        return reverse("blogs:post-detail", args=[self.number])

    @property
    def display_title(self) -> str:
        """Journal entries may have no title: show their first words instead."""
        if self.title:
            return self.title
        words = self.body.split()
        text = " ".join(words[:12])
        return text[:80] + ("…" if len(words) > 12 or len(text) > 80 else "")

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")


class PostRevision(models.Model):
    """Every edit of a post, kept whole, newest last."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=TITLE_MAX, blank=True)
    body = models.TextField()
    tags_text = models.CharField(max_length=2000, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["post", "created_at", "id"]
        verbose_name = _("revision")

    def __str__(self) -> str:
        return f"{self.post_id}@{self.created_at:%Y-%m-%d %H:%M}"


class PostRead(models.Model):
    """One visitor's read of one post on one day: the read count counts these."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    visitor = models.CharField(max_length=64)
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "visitor", "day"], name="post_read_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.post_id}:{self.visitor}:{self.day}"

"""Posts, blogs and tags in the JSON API; reads through visible_to, writes through services."""

import datetime as dt
from typing import Annotated, Literal
from urllib.parse import quote

from django.db.models import Count, Q
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from chumchon.accounts.api import MemberRef
from chumchon.blogs.models import BODY_MAX, TITLE_MAX, Blog, Licence, Post, PostQuerySet
from chumchon.blogs.services import post_create
from chumchon.core.models import Tag
from chumchon.core.tags import MAX_TAGS, tags_parse
from chumchon.interop.api_support import (
    ERRORS,
    ERRORS_404,
    HANDLE_PATTERN,
    MAX_ID,
    SLUG_PATTERN,
    TAG_PATTERN,
    TEXT_PATTERN,
    PagePagination,
    read_auth,
    reader,
    write_auth,
)

router = Router(tags=["posts"], auth=read_auth)


class BlogRef(Schema):
    owner: str = Field(..., alias="owner.handle")
    slug: str
    title: str
    url: str

    @staticmethod
    def resolve_url(obj: Blog) -> str:
        return obj.get_absolute_url()


class BlogOut(BlogRef):
    description: str
    tags: list[str]

    @staticmethod
    def resolve_tags(obj: Blog) -> list[str]:
        return [t.name for t in obj.tags.all()]


class PostSummaryOut(Schema):
    number: int
    url: str
    title: str
    kind: Post.Kind
    status: Literal[tuple(Post.Status.values)]  # type: ignore[valid-type]
    author: MemberRef
    blog: BlogRef
    tags: list[str]
    licence: Licence
    written_at: dt.datetime
    published_at: dt.datetime | None
    edited_at: dt.datetime | None
    read_count: int
    flower_count: int
    comment_count: int

    @staticmethod
    def resolve_url(obj: Post) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_title(obj: Post) -> str:
        return obj.display_title

    @staticmethod
    def resolve_tags(obj: Post) -> list[str]:
        return [t.name for t in obj.tags.all()]


class PostDetailOut(PostSummaryOut):
    body: str = Field(..., description="The post as its author wrote it (Markdown).")
    body_html: str = Field(..., description="The post rendered and sanitised.")


TagName = Annotated[str, Field(pattern=TAG_PATTERN, max_length=64)]


class PostIn(Schema):
    blog: str | None = Field(
        None, pattern=SLUG_PATTERN, description="Slug of one of your blogs; your first if empty."
    )
    title: str = Field("", max_length=TITLE_MAX, pattern=TEXT_PATTERN)
    body: str = Field(..., min_length=1, max_length=BODY_MAX, pattern=TEXT_PATTERN)
    kind: Post.Kind = Post.Kind.ARTICLE
    tags: list[TagName] = Field(default_factory=list, max_length=MAX_TAGS)
    licence: Licence | None = None
    publish: bool = True


class TagOut(Schema):
    name: str
    posts: int = Field(..., alias="post_count")
    url: str

    @staticmethod
    def resolve_url(obj: Tag) -> str:
        return "/tags/" + quote(obj.name)  # the stable address of a tag page (DESIGN.md)


def posts_for(request: HttpRequest) -> PostQuerySet:
    return Post.objects.visible_to(reader(request)).for_list()


def blogs_for(request: HttpRequest):  # type: ignore[no-untyped-def]
    return Blog.objects.visible_to(reader(request)).select_related("owner").prefetch_related("tags")


# ---- posts --------------------------------------------------------------------------------


@router.get("/posts", response={200: list[PostSummaryOut], **ERRORS})
@paginate(PagePagination)
def list_posts(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    tag: str | None = Query(None, pattern=TAG_PATTERN, max_length=64),
    author: str | None = Query(None, pattern=HANDLE_PATTERN),
    kind: Post.Kind | None = None,
):
    """Published posts the caller may read, newest first; filter by tag, author or kind."""
    posts = posts_for(request).published()
    if tag:
        posts = posts.tagged(tag)
    if author:
        posts = posts.filter(author__handle=author)
    if kind:
        posts = posts.by_kind(kind)
    return posts.latest()


@router.get("/posts/{number}", response={200: PostDetailOut, **ERRORS_404})
def get_post(request: HttpRequest, number: int = Path(..., ge=1, le=MAX_ID)) -> Post:
    """One post by its number; drafts only for their author."""
    return get_object_or_404(posts_for(request), number=number)


@router.post("/posts", auth=write_auth, response={201: PostDetailOut, **ERRORS_404})
def create_post(request: HttpRequest, data: PostIn) -> Status:
    """Write a post in one of your blogs (needs a read-write token)."""
    member = reader(request)
    blogs = Blog.objects.owned_by(member).order_by("created_at", "id")
    blog = get_object_or_404(blogs, slug=data.blog) if data.blog else blogs.first()
    if blog is None:
        raise Http404
    post = post_create(
        blog=blog, author=member, title=data.title, body=data.body, kind=data.kind,
        tags=tags_parse(", ".join(data.tags)), licence=data.licence, publish=data.publish,
    )  # fmt: skip
    return Status(201, get_object_or_404(posts_for(request), pk=post.pk))


# ---- blogs ---------------------------------------------------------------------------------


@router.get("/blogs", response={200: list[BlogOut], **ERRORS})
@paginate(PagePagination)
def list_blogs(  # type: ignore[no-untyped-def]
    request: HttpRequest, owner: str | None = Query(None, pattern=HANDLE_PATTERN)
):
    blogs = blogs_for(request).order_by("owner__handle", "slug")
    return blogs.filter(owner__handle=owner) if owner else blogs


@router.get("/blogs/{handle}/{slug}", response={200: BlogOut, **ERRORS_404})
def get_blog(
    request: HttpRequest,
    handle: str = Path(..., pattern=HANDLE_PATTERN),
    slug: str = Path(..., pattern=SLUG_PATTERN),
) -> Blog:
    return get_object_or_404(blogs_for(request), owner__handle=handle, slug=slug)


@router.get("/blogs/{handle}/{slug}/posts", response={200: list[PostSummaryOut], **ERRORS_404})
@paginate(PagePagination)
def list_blog_posts(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    handle: str = Path(..., pattern=HANDLE_PATTERN),
    slug: str = Path(..., pattern=SLUG_PATTERN),
):
    blog = get_object_or_404(blogs_for(request), owner__handle=handle, slug=slug)
    return posts_for(request).published().filter(blog=blog).latest()


# ---- tags ----------------------------------------------------------------------------------


@router.get("/tags", response={200: list[TagOut], **ERRORS})
@paginate(PagePagination)
def list_tags(request: HttpRequest):  # type: ignore[no-untyped-def]
    """Tags on published posts the caller may read, most used first."""
    visible = posts_for(request).published().values("pk")
    return (
        Tag.objects.annotate(post_count=Count("posts", filter=Q(posts__in=visible), distinct=True))
        .filter(post_count__gt=0)
        .order_by("-post_count", "name")
    )

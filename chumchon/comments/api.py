"""Comments in the JSON API: held comments only reach the blog owner, guests' IPs masked."""

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from chumchon.accounts.api import MemberRef
from chumchon.blogs.models import Post
from chumchon.comments.models import COMMENT_MAX, Comment
from chumchon.comments.services import comment_create
from chumchon.interop.api_support import (
    ERRORS_404,
    MAX_ID,
    TEXT_PATTERN,
    PagePagination,
    read_auth,
    reader,
    write_auth,
)

router = Router(tags=["comments"], auth=read_auth)


class CommentOut(Schema):
    id: int
    post: int = Field(..., alias="post.number")
    parent: int | None = Field(None, alias="parent_id")
    author: MemberRef | None
    guest_name: str
    masked_ip: str = Field(..., description="A guest's address with its first part hidden.")
    body: str
    body_html: str
    status: Literal[tuple(Comment.Status.values)]  # type: ignore[valid-type]
    is_accepted: bool
    created_at: dt.datetime


class CommentIn(Schema):
    body: str = Field(..., min_length=1, max_length=COMMENT_MAX, pattern=TEXT_PATTERN)
    parent: int | None = Field(None, ge=1, le=MAX_ID, description="Id of the comment replied to.")


def comments_for(request: HttpRequest):  # type: ignore[no-untyped-def]
    return Comment.objects.visible_to(reader(request)).for_list().select_related("post")


@router.get("/posts/{number}/comments", response={200: list[CommentOut], **ERRORS_404})
@paginate(PagePagination)
def list_post_comments(  # type: ignore[no-untyped-def]
    request: HttpRequest, number: int = Path(..., ge=1, le=MAX_ID)
):
    """A post's comments, oldest first; held ones only for the blog owner."""
    post = get_object_or_404(Post.objects.visible_to(reader(request)), number=number)
    return comments_for(request).filter(post=post)


@router.get("/comments/{comment_id}", response={200: CommentOut, **ERRORS_404})
def get_comment(request: HttpRequest, comment_id: int = Path(..., ge=1, le=MAX_ID)) -> Comment:
    return get_object_or_404(comments_for(request), pk=comment_id)


@router.post("/posts/{number}/comments", auth=write_auth, response={201: CommentOut, **ERRORS_404})
def create_comment(
    request: HttpRequest, data: CommentIn, number: int = Path(..., ge=1, le=MAX_ID)
) -> Status:
    """Comment on a post, or reply to a comment on it (needs a read-write token)."""
    member = reader(request)
    post = get_object_or_404(Post.objects.visible_to(member).select_related("blog"), number=number)
    parent = None
    if data.parent is not None:
        parent = get_object_or_404(comments_for(request), pk=data.parent, post=post)
    comment = comment_create(post=post, author=member, body=data.body, parent=parent)
    return Status(201, get_object_or_404(comments_for(request), pk=comment.pk))

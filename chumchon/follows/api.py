"""Follows in the JSON API: who follows a member, and what the caller follows."""

from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Path, Router, Schema
from ninja.errors import AuthenticationError
from ninja.pagination import paginate

from chumchon.accounts.api import MemberOut, MemberRef, members_for
from chumchon.blogs.api import BlogRef
from chumchon.blogs.models import Blog
from chumchon.follows.models import Follow
from chumchon.interop.api_support import (
    ERRORS,
    ERRORS_404,
    HANDLE_PATTERN,
    PagePagination,
    read_auth,
    reader,
)

router = Router(tags=["follows"], auth=read_auth)


class FollowOut(Schema):
    member: MemberRef | None
    blog: BlogRef | None


@router.get("/members/{handle}/followers", response={200: list[MemberOut], **ERRORS_404})
@paginate(PagePagination)
def list_followers(  # type: ignore[no-untyped-def]
    request: HttpRequest, handle: str = Path(..., pattern=HANDLE_PATTERN)
):
    member = get_object_or_404(members_for(request), handle=handle)
    followers = Follow.objects.filter(member=member).values("follower_id")
    return members_for(request).filter(pk__in=followers)


@router.get("/me/following", response={200: list[FollowOut], **ERRORS})
@paginate(PagePagination)
def list_my_follows(request: HttpRequest):  # type: ignore[no-untyped-def]
    """The members and blogs the caller follows (that the caller may still see)."""
    user = reader(request)
    if not user.is_authenticated:
        raise AuthenticationError()
    members = members_for(request).values("pk")
    blogs = Blog.objects.visible_to(user).values("pk")
    return (
        Follow.objects.filter(follower=user)
        .filter(Q(member__in=members) | Q(blog__in=blogs))
        .select_related("member", "blog", "blog__owner")
        .order_by("-created_at", "-id")
    )

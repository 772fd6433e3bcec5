"""Members in the JSON API: public profiles, and who the caller is."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Path, Router, Schema
from ninja.errors import AuthenticationError
from ninja.pagination import paginate

from chumchon.accounts.models import Member
from chumchon.interop.api_support import (
    ERRORS,
    ERRORS_404,
    HANDLE_PATTERN,
    PagePagination,
    read_auth,
    reader,
)

router = Router(tags=["members"], auth=read_auth)


class MemberRef(Schema):
    handle: str
    display_name: str
    url: str

    @staticmethod
    def resolve_url(obj: Member) -> str:
        return obj.get_absolute_url()


class MemberOut(MemberRef):
    bio: str
    unit: str | None
    tags: list[str]
    date_joined: str

    @staticmethod
    def resolve_unit(obj: Member) -> str | None:
        return str(obj.unit) if obj.unit_id else None

    @staticmethod
    def resolve_tags(obj: Member) -> list[str]:
        return [t.name for t in obj.tags.all()]

    @staticmethod
    def resolve_date_joined(obj: Member) -> str:
        return obj.date_joined.isoformat()


def members_for(request: HttpRequest):  # type: ignore[no-untyped-def]
    return (
        Member.objects.visible_to(reader(request))
        .select_related("unit")
        .prefetch_related("tags")
        .order_by("handle")
    )


@router.get("/members", response={200: list[MemberOut], **ERRORS})
@paginate(PagePagination)
def list_members(request: HttpRequest):  # type: ignore[no-untyped-def]
    return members_for(request)


@router.get("/members/{handle}", response={200: MemberOut, **ERRORS_404})
def get_member(request: HttpRequest, handle: str = Path(..., pattern=HANDLE_PATTERN)) -> Member:
    return get_object_or_404(members_for(request), handle=handle)


@router.get("/me", response={200: MemberOut, **ERRORS})
def get_me(request: HttpRequest) -> Member:
    user = reader(request)
    if not user.is_authenticated:
        raise AuthenticationError()
    return get_object_or_404(members_for(request), pk=user.pk)

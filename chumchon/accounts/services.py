"""Writes for members and organisation units."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from chumchon.accounts.models import Member, OrgUnit
from chumchon.core.tags import tags_ensure


def _after_member_write(member_id: int) -> None:
    from chumchon.core.effects import member_changed

    member_changed(member_id)


@transaction.atomic
def orgunit_create(
    *, name: str, kind: str, slug: str, parent: OrgUnit | None = None, short_name: str = ""
) -> OrgUnit:
    unit = OrgUnit(
        name=name, kind=kind, slug=slugify(slug), parent=parent, short_name=short_name,
        organisation=parent.root if parent else None,
    )  # fmt: skip
    unit.full_clean()
    unit.save()
    return unit


@transaction.atomic
def member_create(
    *,
    handle: str,
    display_name: str,
    email: str = "",
    password: str | None = None,
    unit: OrgUnit | None = None,
    bio: str = "",
    tags: list[str] | None = None,
    is_staff: bool = False,
) -> Member:
    member = Member(
        handle=handle, display_name=display_name, email=email, unit=unit, bio=bio,
        is_staff=is_staff, is_superuser=is_staff,
    )  # fmt: skip
    member.set_password(password)
    member.full_clean(exclude=["password"])
    member.save()
    if tags:
        member.tags.set(tags_ensure(tags))
    transaction.on_commit(lambda: _after_member_write(member.pk))
    return member


@transaction.atomic
def member_update_profile(
    *,
    member: Member,
    display_name: str,
    bio: str,
    unit: OrgUnit | None,
    tags: list[str],
    calendar: str,
    avatar: object | None = None,
) -> Member:
    member.display_name = display_name
    member.bio = bio
    member.unit = unit
    member.calendar = calendar
    if avatar is not None:
        member.avatar = avatar
    member.full_clean(exclude=["password"])
    member.save()
    member.tags.set(tags_ensure(tags))
    transaction.on_commit(lambda: _after_member_write(member.pk))
    return member


@transaction.atomic
def member_signup(*, handle: str, display_name: str, email: str, password: str) -> Member:
    """A new member, with a first blog so that they can write at once."""
    from django.utils.translation import gettext as _

    from chumchon.blogs.services import blog_create

    member = member_create(handle=handle, display_name=display_name, email=email, password=password)
    blog_create(
        owner=member, slug="blog", title=_("%(name)s's blog") % {"name": member.display_name}
    )
    return member

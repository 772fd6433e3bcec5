"""Demo step: organisations, their units, members and their blogs."""

from __future__ import annotations

from collections.abc import Callable

from chumchon.accounts.models import OrgUnit
from chumchon.accounts.services import member_create, orgunit_create
from chumchon.blogs.services import blog_create
from chumchon.core.demo.context import DEMO_PASSWORD, DemoContext


def size(ctx: DemoContext) -> int:
    return len(ctx.data.units) + len(ctx.data.members)


def is_loaded(ctx: DemoContext) -> bool:
    return OrgUnit.objects.filter(slug=ctx.data.units[0].slug).exists()


def load(ctx: DemoContext, advance: Callable[[], object]) -> None:
    for spec in ctx.data.units:
        orgunit_create(
            name=spec.name, kind=spec.kind, slug=spec.slug, short_name=spec.short_name,
            parent=ctx.unit(spec.parent) if spec.parent else None,
        )  # fmt: skip
        advance()
    for spec in ctx.data.members:
        member = member_create(
            handle=spec.handle, display_name=spec.display_name,
            email=f"{spec.handle}@example.org", password=DEMO_PASSWORD,
            unit=ctx.unit(spec.unit) if spec.unit else None, bio=spec.bio,
            tags=list(spec.tags), is_staff=spec.staff,
        )  # fmt: skip
        for blog in spec.blogs:
            blog_create(
                owner=member, slug=blog.slug, title=blog.title, description=blog.description,
                tags=list(blog.tags), allow_guest_comments=blog.allow_guest_comments,
            )  # fmt: skip
        advance()

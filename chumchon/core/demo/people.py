"""Demo step: organisations, their units, members and their blogs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher
from django.test.utils import override_settings

from chumchon.accounts.models import OrgUnit
from chumchon.accounts.services import member_create, orgunit_create
from chumchon.blogs.services import blog_create
from chumchon.core.demo.context import DEMO_PASSWORD, DemoContext
from chumchon.core.demo.data import MemberSpec


class DemoPasswordHasher(PBKDF2PasswordHasher):
    """PBKDF2 with few rounds, used only while loading the published demo password.

    Hashing one public password forty times at full strength costs the newcomer 15–50
    seconds and protects nothing. Django re-hashes it at full strength the first time each
    member signs in (the hash's round count is below the default, so it "must update").
    """

    iterations = 1_000


@contextmanager
def quick_demo_hashing() -> Iterator[None]:
    """Use DemoPasswordHasher when the site hashes with PBKDF2 (tests use faster ones)."""
    if get_hasher().algorithm != PBKDF2PasswordHasher.algorithm:
        yield
        return
    from django.conf import settings

    hashers = [f"{__name__}.DemoPasswordHasher", *settings.PASSWORD_HASHERS]
    with override_settings(PASSWORD_HASHERS=hashers):
        yield


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
    with quick_demo_hashing():
        for spec in ctx.data.members:
            _member(ctx, spec)
            advance()


def _member(ctx: DemoContext, spec: MemberSpec) -> None:
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

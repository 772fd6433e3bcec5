"""Demo step: who follows whom and which blogs, and a few private messages."""

from __future__ import annotations

from collections.abc import Callable

from chumchon.core.demo.context import DemoContext
from chumchon.follows.models import Follow
from chumchon.follows.services import follow_create, message_mark_read, message_send


def size(ctx: DemoContext) -> int:
    return len(ctx.data.members) + len(ctx.data.social.messages)


def is_loaded(ctx: DemoContext) -> bool:
    return Follow.objects.filter(follower__handle__in=ctx.handles).exists()


def _colleagues(ctx: DemoContext, handle: str) -> list[str]:
    """Members of the same organisation, whom people follow most."""
    spec = ctx.data.member(handle)
    root = ctx.unit(spec.unit).root.slug if spec.unit else ""
    return [
        m.handle
        for m in ctx.data.members
        if m.handle != handle and not m.staff and m.unit and ctx.unit(m.unit).root.slug == root
    ]


def _follows_of(ctx: DemoContext, handle: str) -> set[str]:
    """The follows written in social.toml, plus a few colleagues and one outsider each."""
    chosen = {b for a, b in ctx.data.social.member_follows if a == handle}
    rng = ctx.rng("follows", handle)
    colleagues = _colleagues(ctx, handle)
    chosen.update(rng.sample(colleagues, k=min(len(colleagues), rng.randint(2, 4))))
    others = [
        m.handle
        for m in ctx.data.members
        if not m.staff and m.handle != handle and m.handle not in colleagues
    ]
    chosen.update(rng.sample(others, k=min(len(others), rng.randint(0, 2))))
    return chosen


def load(ctx: DemoContext, advance: Callable[[], object]) -> None:
    for spec in ctx.data.members:
        if spec.staff:
            advance()
            continue
        follower = ctx.member(spec.handle)
        for handle in sorted(_follows_of(ctx, spec.handle)):
            follow_create(follower=follower, member=ctx.member(handle))
        for who, owner, slug in ctx.data.social.blog_follows:
            if who == spec.handle:
                follow_create(follower=follower, blog=ctx.blog(owner, slug))
        advance()
    for message in ctx.data.social.messages:
        sent = message_send(
            sender=ctx.member(message.sender), recipient=ctx.member(message.recipient),
            subject=message.subject, body=message.body,
        )  # fmt: skip
        if message.read:
            message_mark_read(message=sent, member=ctx.member(message.recipient))
        advance()

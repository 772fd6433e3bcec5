"""Demo step "community life": two years in the demo communities, through the services.

After the communities step has started the communities (chumchon/communities/demo.py),
this step lets people join them over time, joins blogs and shares posts so every feed
has a history, writes the conversations across units, holds sessions with their AARs,
distils knowledge assets from them, and finally writes today's posts that put assets to
use. Its content is in demo_life_data.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

from chumchon.accounts.models import Member
from chumchon.blogs.models import Blog, Post
from chumchon.blogs.services import post_create
from chumchon.comments.models import Comment
from chumchon.comments.services import comment_create
from chumchon.communities import services
from chumchon.communities.demo import started_at
from chumchon.communities.demo_life_data import (
    ASSETS,
    LIVES,
    RECENT,
    SESSIONS,
    THREADS,
    USES,
    SessionSpec,
)
from chumchon.communities.models import (
    Community,
    CommunityPost,
    KnowledgeAsset,
    Membership,
    Session,
    in_communities,
)
from chumchon.core.demo.context import DemoContext


def size(ctx: DemoContext) -> int:
    return len(LIVES) + len(THREADS) + len(SESSIONS) + len(ASSETS) + len(USES)


def is_loaded(ctx: DemoContext) -> bool:
    return Session.objects.filter(title=SESSIONS[0].title).exists()


def _at(ctx: DemoContext, days: float, hour: int = 10) -> dt.datetime:
    day = timezone.localdate(ctx.now) - dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


class _Loader:
    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.communities = {c.slug: c for c in Community.objects.all()}
        self.comments: dict[str, list[Comment]] = {}
        self.sessions: dict[str, Session] = {}
        self.assets: dict[str, KnowledgeAsset] = {}

    def member(self, handle: str) -> Member:
        return self.ctx.member(handle)

    def post(self, key: str) -> Post:
        if key in RECENT:
            return Post.objects.get(title=RECENT[key])
        return self.ctx.post(key)

    def facilitator(self, community: Community) -> Member:
        return Membership.objects.facilitators().filter(community=community).earliest("pk").member

    # ---- people, blogs and shares --------------------------------------------------

    def people(self, slug: str) -> None:
        community = self.communities[slug]
        life = LIVES[slug]
        host = self.facilitator(community)
        for handle, days in life.members:
            member, when = self.member(handle), _at(self.ctx, days)
            if community.join_policy == Community.JoinPolicy.INVITATION:
                services.membership_invite(
                    community=community, inviter=host, member=member, invited_at=when
                )
            joined = services.membership_join(community=community, member=member, joined_at=when)
            if joined.status == Membership.Status.REQUESTED:
                services.membership_approve(membership=joined, approver=host)
        for handle, role in life.roles:
            membership = community.memberships.get(member=self.member(handle))
            services.membership_set_role(membership=membership, granter=host, role=role)
        for handle, slug_ in life.blogs:
            owner = self.member(handle)
            joined_on = community.memberships.get(member=owner).created_at
            services.blog_membership_create(
                blog=Blog.objects.get(owner=owner, slug=slug_), community=community,
                member=owner, joined_at=max(joined_on, started_at(slug)),
            )  # fmt: skip

    def shares(self, slug: str) -> None:
        for handle, key in LIVES[slug].shares:
            services.community_post_share(
                community=self.communities[slug], post=self.post(key), member=self.member(handle)
            )

    # ---- conversations ---------------------------------------------------------------

    def thread(self, key: str) -> None:
        post = self.post(key)
        made: list[Comment] = []
        for handle, hours, text, reply_to in THREADS[key]:
            made.append(
                comment_create(
                    post=post,
                    body=text,
                    author=self.member(handle),
                    parent=made[reply_to - 1] if reply_to else None,
                    created_at=self.ctx.past(post.written_at + dt.timedelta(hours=hours)),
                )  # fmt: skip
            )
        self.comments[key] = made

    # ---- sessions and assets ---------------------------------------------------------

    def session(self, spec: SessionSpec) -> None:
        community = self.communities[spec.community]
        starts = _at(self.ctx, spec.days_ago, 13)
        session = services.session_create(
            community=community, organiser=self.member(spec.organiser), title=spec.title,
            starts_at=starts, ends_at=starts + dt.timedelta(hours=3), place=spec.place,
            online_url="https://meet.example.org/km" if spec.online else "", agenda=spec.agenda,
        )  # fmt: skip
        if spec.notes:
            expected, happened, why, next_ = spec.aar
            session = services.session_record(
                session=session, editor=self.member(spec.organiser), notes=spec.notes,
                aar_expected=expected, aar_happened=happened, aar_why=why, aar_next=next_,
                outsider_count=spec.outsiders,
                participants=[self.member(h) for h in spec.people],
                linked_posts=[self.post(k) for k in spec.posts],
            )  # fmt: skip
        self.sessions[spec.title] = session

    def asset(self, index: int) -> None:
        spec = ASSETS[index]
        community = self.communities[spec.community]
        when = _at(self.ctx, spec.days_ago, 15)
        asset = services.asset_propose(
            community=community, author=self.member(spec.author), title=spec.title,
            summary=spec.summary, steps=spec.steps, tags=list(spec.tags),
            posts=[self.post(k) for k in spec.posts],
            comments=[self.comments[k][i - 1] for k, i in spec.comments],
            sessions=[self.sessions[t] for t in spec.sessions], at=when,
        )  # fmt: skip
        if spec.publisher:
            asset = services.asset_publish(
                asset=asset, member=self.member(spec.publisher),
                published_at=when + dt.timedelta(hours=2),
            )  # fmt: skip
        if spec.key:
            self.assets[spec.key] = asset

    # ---- today's posts that use assets -----------------------------------------------

    def uses(self, advance: Callable[[], object]) -> None:
        latest = Post.objects.order_by("-written_at").values_list("written_at", flat=True)[0]
        start = latest + dt.timedelta(minutes=30)
        step = (self.ctx.past(self.ctx.now) - start) / len(USES)
        for i, use in enumerate(USES):
            asset = self.assets[use.asset]
            source = asset.sources.exclude(post=None).select_related("post").first().post
            author = self.member(use.by)
            post = post_create(
                blog=Blog.objects.get(owner=author, slug=use.blog), author=author,
                title=use.title, kind=use.kind, tags=list(use.tags),
                body=use.body.format(
                    asset=f"/c/{asset.community.slug}/assets/{asset.pk}",
                    post=f"/posts/{source.number}",
                ),
                written_at=self.ctx.past(start + step * i),
            )  # fmt: skip
            community = asset.community
            in_feed = Post.objects.filter(in_communities([community.pk]), pk=post.pk).exists()
            if not in_feed and not CommunityPost.objects.filter(post=post).exists():
                services.community_post_share(community=community, post=post, member=author)
            advance()


def load(ctx: DemoContext, advance: Callable[[], object]) -> None:
    loader = _Loader(ctx)
    for slug in LIVES:
        loader.people(slug)
    for slug in LIVES:
        loader.shares(slug)
        advance()
    for key in THREADS:
        loader.thread(key)
        advance()
    for spec in SESSIONS:
        loader.session(spec)
        advance()
    for i in range(len(ASSETS)):
        loader.asset(i)
        advance()
    loader.uses(advance)

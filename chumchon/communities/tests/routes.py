"""Permission-matrix entries for the communities app (see chumchon/core/tests/matrix.py).

Roles: anonymous, outsider (prasert), member (somying), facilitator (malee), staff.
States: the community is public, closed or secret; "draft" is a proposed asset (or a
draft post) in the public community, "removed" a removed asset (or post) there.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from chumchon.accounts.services import member_create
from chumchon.communities import services
from chumchon.communities.calendar import calendar_token
from chumchon.core.tests.matrix import World, route

VISIBLE = ("public", "closed", "secret")


def prepare(world: World) -> None:
    c = world.cast
    member_create(handle="kanya", display_name="กัญญา ใฝ่รู้", password="x")
    requester = member_create(handle="wichai", display_name="วิชัย ขอเข้า", password="x")
    policies = {"public": "request", "closed": "request", "secret": "invitation"}
    for state in VISIBLE:
        community = services.community_create(
            creator=c.malee, name=f"ชุมชน {state}", slug=f"m-{state}", purpose="ทดสอบสิทธิ์",
            visibility=state, join_policy=policies[state],
        )  # fmt: skip
        for person in (c.somying, c.somchai):
            services.membership_invite(community=community, inviter=c.malee, member=person)
            services.membership_join(community=community, member=person)
        if state != "secret":
            services.membership_join(community=community, member=requester)
        world.put("community", state, community)
        _content(world, state, community)
    for state in ("draft", "removed"):
        world.put("community", state, world.get("community", "public"))
    _assets_in_states(world)
    _networks(world)


def _content(world: World, state: str, community) -> None:  # type: ignore[no-untyped-def]
    c = world.cast
    if state == "public":
        services.blog_membership_create(blog=c.somchai_blog, community=community, member=c.somchai)
    else:  # a members-only post: the blogs app's post-detail entry uses it too
        from chumchon.core.testing import make_post

        post = make_post(c.somchai_blog, title=f"บันทึกเฉพาะสมาชิก {state}")
        services.community_post_share(
            community=community, post=post, member=c.somchai, members_only=True
        )
        world.put("post", state, post)
    start = timezone.now() + dt.timedelta(days=3)
    session = services.session_create(
        community=community, organiser=c.malee, title=f"เวที {state}", starts_at=start
    )
    world.put("session", state, session)
    asset = services.asset_propose(
        community=community, author=c.malee, title=f"ขุมความรู้ {state}", summary="สรุป",
        publish=True,
    )  # fmt: skip
    world.put("asset", state, asset)


def _assets_in_states(world: World) -> None:
    c, public = world.cast, world.get("community", "public")
    draft = services.asset_propose(community=public, author=c.somchai, title="ร่าง", summary="ก")
    world.put("asset", "draft", draft)
    removed = services.asset_propose(
        community=public, author=c.malee, title="ถูกลบ", summary="ก", publish=True
    )
    world.put("asset", "removed", services.asset_remove(asset=removed, member=c.malee))
    world.put("session", "draft", world.get("session", "public"))
    world.put("session", "removed", world.get("session", "public"))


def _networks(world: World) -> None:
    c = world.cast
    spare = services.community_create(
        creator=c.malee, name="ชุมชนสำรอง", slug="m-spare", purpose="ขอเข้าเครือข่าย"
    )
    world.put("spare", "public", spare)
    asker = {"public": "closed", "closed": "public", "secret": "public"}
    for state in VISIBLE:
        hub = world.get("community", state)
        network = services.network_create(
            creator=c.malee, hub=hub, name=f"เครือข่าย {state}", slug=f"net-{state}"
        )
        link = services.network_link_request(
            network=network, community=world.get("community", asker[state]), member=c.malee
        )
        world.put("network", state, network)
        world.put("link", state, link)


# ---- URL builders --------------------------------------------------------------------------


def _c(name: str, *extra: str):  # type: ignore[no-untyped-def]
    """A community route: /c/<slug>/... for the community of the state."""
    return lambda w, s: reverse(
        f"communities:{name}", args=[w.get("community", s).slug, *[_arg(w, s, e) for e in extra]]
    )


def _arg(w: World, s: str, what: str) -> object:
    return {
        "session": lambda: w.get("session", s).pk,
        "asset": lambda: w.get("asset", s).pk,
        "post": lambda: w.get("post", s).number,
        "somchai": lambda: "somchai",
        "wichai": lambda: "wichai",
    }[what]()


def _n(name: str, *extra: str):  # type: ignore[no-untyped-def]
    def url(w: World, s: str) -> str:
        args = [w.get("network", s).slug] + ([w.get("link", s).pk] if extra else [])
        return reverse(f"communities:{name}", args=args)

    return url


def _plain(name: str):  # type: ignore[no-untyped-def]
    return lambda w, s: reverse(f"communities:{name}")


ALL_200 = "200 200 200 200 200"
ALL_302 = "302 302 302 302 302"
# Content of a community: readable by anyone when public, by members when closed (others
# get 403: the community exists for them), and secret content is 404 to outsiders.
CONTENT = {"public": ALL_200, "closed": "403 403 200 200 200", "secret": "404 404 200 200 200"}
OBJECT = {"public": ALL_200, "closed": "404 404 200 200 200", "secret": "404 404 200 200 200"}
FACILITATORS_POST = {
    "public": "302 403 403 302 302",
    "closed": "302 403 403 302 302",
    "secret": "302 404 403 302 302",
}
FACILITATORS_GET = {
    "public": "302 403 403 200 200",
    "closed": "302 403 403 200 200",
    "secret": "302 404 403 200 200",
}
SIGNED_IN_POST = {"public": ALL_302, "closed": ALL_302, "secret": "302 404 302 302 302"}

ROUTES = [
    route("communities:list", _plain("list"), public=ALL_200),
    route("communities:create", _plain("create"), public="302 200 200 200 200"),
    route("communities:detail", _c("detail"),
          public=ALL_200, closed=ALL_200, secret="404 404 200 200 200"),
    route("communities:edit", _c("edit"), **FACILITATORS_GET),
    route("communities:members", _c("members"), **CONTENT),
    # Staff are not members of the secret community, which takes members by invitation.
    route("communities:join", _c("join"), method="POST",
          public=ALL_302, closed=ALL_302, secret="302 404 302 302 403"),
    route("communities:leave", _c("leave"), method="POST", **SIGNED_IN_POST),
    # Any member invites (as a role no higher than their own); an outsider cannot.
    route("communities:invite", _c("invite"), method="POST",
          data=lambda w, s: {"handle": "kanya", "role": "member"},
          public="302 403 302 302 302", closed="302 403 302 302 302",
          secret="302 404 302 302 302"),
    # wichai asked to join the public and closed ones; nobody can ask a secret one.
    route("communities:decide", _c("decide", "wichai"), method="POST",
          data=lambda w, s: {"action": "approve"},
          public="302 403 403 302 302", closed="302 403 403 302 302",
          secret="302 404 404 404 404"),
    route("communities:role", _c("role", "somchai"), method="POST",
          data=lambda w, s: {"role": "note_taker"}, **FACILITATORS_POST),
    route("communities:hand-over", _c("hand-over"), method="POST",
          data=lambda w, s: {"handle": "somchai"}, **FACILITATORS_POST),
    route("communities:follow", _c("follow"), method="POST", **SIGNED_IN_POST),
    # The blog is somying's: only she (the member) may join it.
    route("communities:blog", _c("blog"), method="POST",
          data=lambda w, s: {"blog": w.cast.somying_blog.pk},
          public="302 403 302 403 403", closed="302 403 302 403 403",
          secret="302 404 302 403 403"),
    route("communities:share", _c("share"),
          public="302 200 200 200 200", closed="302 403 200 200 200",
          secret="302 404 200 200 200"),
    route("communities:session-list", _c("session-list"), **CONTENT),
    route("communities:session-ics", _c("session-ics"), **CONTENT),
    route("communities:session-create", _c("session-create"), **FACILITATORS_GET),
    route("communities:session-detail", _c("session-detail", "session"), **OBJECT),
    route("communities:session-record", _c("session-record", "session"),
          public="302 403 403 200 200", closed="302 404 403 200 200",
          secret="302 404 403 200 200"),
    route("communities:asset-list", _c("asset-list"), **CONTENT),
    route("communities:asset-create", _c("asset-create"),
          public="302 403 200 200 200", closed="302 403 200 200 200",
          secret="302 404 200 200 200"),
    route("communities:asset-detail", _c("asset-detail", "asset"), **OBJECT,
          draft="404 404 200 200 200", removed="404 404 404 200 200"),
    route("communities:asset-edit", _c("asset-edit", "asset"),
          public="302 403 403 200 200", closed="302 404 403 200 200",
          secret="302 404 403 200 200", draft="302 404 403 200 200",
          removed="302 404 404 200 200"),
    route("communities:asset-status", _c("asset-status", "asset"), method="POST",
          data=lambda w, s: {"action": "publish"},
          public="302 403 403 302 302", closed="302 404 403 302 302",
          secret="302 404 403 302 302", draft="302 404 403 302 302",
          removed="302 404 404 302 302"),
    # Harvesting needs membership; a draft or removed post has no thread to harvest.
    route("communities:harvest", _c("harvest", "post"),
          public="302 403 200 200 200", closed="302 403 200 200 200",
          secret="302 404 200 200 200", draft="302 403 404 404 404",
          removed="302 403 404 404 404"),
    route("communities:my-sessions", _plain("my-sessions"), public="302 200 200 200 200"),
    # The personal calendar is reached by its secret token, not a session cookie.
    route("communities:my-sessions-ics",
          lambda w, s: reverse(
              "communities:my-sessions-ics", args=[calendar_token(w.cast.somying)]
          ),
          public=ALL_200),
    route("communities:network-list", _plain("network-list"), public=ALL_200),
    route("communities:network-create", _plain("network-create"), public="302 200 200 200 200"),
    route("communities:network-detail", _n("network-detail"),
          public=ALL_200, closed=ALL_200, secret="404 404 200 200 200"),
    route("communities:network-join", _n("network-join"), method="POST",
          data=lambda w, s: {"community": w.get("spare", "public").slug}, **SIGNED_IN_POST),
    route("communities:network-link", _n("network-link", "link"), method="POST",
          data=lambda w, s: {"action": "accept"},
          public="302 403 403 302 302", closed="302 403 403 302 302",
          secret="302 404 403 302 302"),
    # The API answers 403 and 404 itself; the anonymous get JSON, not a login redirect.
    route("api:community-list", lambda w, s: reverse("api:community-list"), public=ALL_200),
    route("api:community-detail",
          lambda w, s: reverse("api:community-detail", args=[w.get("community", s).slug]),
          public=ALL_200, closed=ALL_200, secret="404 404 200 200 200"),
    route("api:community-posts",
          lambda w, s: reverse("api:community-posts", args=[w.get("community", s).slug]),
          **CONTENT),
    route("api:community-sessions",
          lambda w, s: reverse("api:community-sessions", args=[w.get("community", s).slug]),
          **CONTENT),
    route("api:community-assets",
          lambda w, s: reverse("api:community-assets", args=[w.get("community", s).slug]),
          **CONTENT),
]  # fmt: skip

"""Communities of practice, their members and roles, sessions, knowledge assets, networks.

Privacy in one place: `CommunityQuerySet.visible_to` says who knows a community exists,
`readable_by` who may read its content; every other QuerySet here filters through them.
Posts written only for a closed or secret community carry a members-only
`CommunityPost` row; `post_visibility_filter` (installed into `Post.visibility_filters`
at start-up) hides those posts from everyone outside the community, everywhere.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chumchon.accounts.models import OrgUnit
from chumchon.blogs.models import Blog, Post, PostQuerySet
from chumchon.comments.models import Comment
from chumchon.core.models import Tag

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from chumchon.accounts.models import Member

    Viewer = Member | AnonymousUser

NAME_MAX = 120
TEXT_MAX = 4000
# Words under /c/ and /n/ that are pages, not communities.
RESERVED_SLUGS = {"new", "feed", "feeds", "me", "calendar", "admin", "api", "static"}


def _is_staff(user: object) -> bool:
    return bool(getattr(user, "is_staff", False))


def _member_pk(user: object) -> int | None:
    return getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None


class Reach(models.TextChoices):
    """The six reaches of GLOSSARY.md; the fifth has a national and an international form."""

    UNIT = "unit", _("one workplace, one line of work")
    CROSS_FUNCTIONAL = "cross_functional", _("across lines of work in one organisation")
    AREA = "area", _("an area: agencies of several departments")
    REGION = "region", _("neighbouring regional offices")
    NATIONAL = "national", _("across areas and departments")
    INTERNATIONAL = "international", _("across countries")
    HUB_NETWORK = "hub_network", _("a network supported by a hub")


# ---- communities --------------------------------------------------------------------


class CommunityQuerySet(models.QuerySet["Community"]):
    def visible_to(self, user: Viewer) -> CommunityQuerySet:
        """Communities whose existence the user may know: secret ones only to members
        (and to the people they invited, who must see the invitation to accept it)."""
        if _is_staff(user):
            return self.all()
        shown = ~Q(visibility=Community.Visibility.SECRET)
        pk = _member_pk(user)
        if pk is not None:
            known = Membership.objects.filter(
                member_id=pk, status__in=[Membership.Status.ACTIVE, Membership.Status.INVITED]
            )
            shown |= Q(pk__in=known.values("community"))
        return self.filter(shown)

    def readable_by(self, user: Viewer) -> CommunityQuerySet:
        """Communities whose content (posts, sessions, assets, members) the user may read."""
        if _is_staff(user):
            return self.all()
        shown = Q(visibility=Community.Visibility.PUBLIC)
        pk = _member_pk(user)
        if pk is not None:
            shown |= Q(pk__in=Membership.objects.active().filter(member_id=pk).values("community"))
        return self.filter(shown)

    def public(self) -> CommunityQuerySet:
        return self.filter(visibility=Community.Visibility.PUBLIC)

    def of_member(self, member: Member) -> CommunityQuerySet:
        return self.filter(memberships__member=member, memberships__status=Membership.Status.ACTIVE)

    def with_reach(self, reach: str) -> CommunityQuerySet:
        return self.filter(reach=reach)

    def in_organisation(self, unit: OrgUnit) -> CommunityQuerySet:
        return self.filter(Q(home_unit=unit) | Q(home_unit__organisation=unit))

    def tagged(self, name: str) -> CommunityQuerySet:
        return self.filter(tags__name=name)

    def active_since(self, since: dt.datetime) -> CommunityQuerySet:
        return self.filter(last_activity_at__gte=since)

    def for_list(self) -> CommunityQuerySet:
        """What a list shows: home unit, tags and the number of members, no query per row."""
        return (
            self.select_related("home_unit")
            .prefetch_related("tags")
            .annotate(
                member_count=Count(
                    "memberships", filter=Q(memberships__status=Membership.Status.ACTIVE)
                )
            )
            .order_by("-last_activity_at", "name")
        )


class Community(models.Model):
    class Visibility(models.TextChoices):
        PUBLIC = "public", _("public: anyone reads")
        CLOSED = "closed", _("closed: anyone sees it exists, members read")
        SECRET = "secret", _("secret: only members know it exists")

    class JoinPolicy(models.TextChoices):
        OPEN = "open", _("open: anyone signed in joins")
        REQUEST = "request", _("by request: a facilitator approves")
        INVITATION = "invitation", _("by invitation only")

    name = models.CharField(_("name"), max_length=NAME_MAX)
    slug = models.SlugField(
        _("address"), max_length=60, unique=True, allow_unicode=False,
        help_text=_("Latin letters, digits and '-': the community lives at /c/address"),
    )  # fmt: skip
    purpose = models.TextField(
        _("purpose"), max_length=TEXT_MAX,
        help_text=_("What does this community want to get better at?"),
    )  # fmt: skip
    goals = models.TextField(_("goals"), max_length=TEXT_MAX, blank=True)
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="+")
    home_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("home organisation"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="communities",
    )  # fmt: skip
    reach = models.CharField(_("reach"), max_length=20, choices=Reach.choices, default=Reach.UNIT)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    join_policy = models.CharField(
        _("who may join"), max_length=10, choices=JoinPolicy.choices, default=JoinPolicy.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = CommunityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("community")
        verbose_name_plural = _("communities")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("communities:detail", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC

    def posts(self) -> PostQuerySet:
        """Every post in this community once, however it arrived; not yet filtered by viewer."""
        return Post.objects.filter(in_communities([self.pk]))


# ---- membership and roles -------------------------------------------------------------


class Role(models.TextChoices):
    FACILITATOR = "facilitator", _("facilitator (คุณอำนวย)")
    SPONSOR = "sponsor", _("sponsor (คุณเอื้อ)")
    NOTE_TAKER = "note_taker", _("note-taker (คุณลิขิต)")
    MEMBER = "member", _("practitioner (คุณกิจ)")


# Nobody grants a role ranked above their own. Sponsors support from outside the daily
# work, so they rank with facilitators but only facilitators manage the community.
ROLE_RANK = {Role.MEMBER: 1, Role.NOTE_TAKER: 2, Role.SPONSOR: 3, Role.FACILITATOR: 3}


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(status=Membership.Status.ACTIVE)

    def requested(self) -> MembershipQuerySet:
        return self.filter(status=Membership.Status.REQUESTED)

    def invited(self) -> MembershipQuerySet:
        return self.filter(status=Membership.Status.INVITED)

    def facilitators(self) -> MembershipQuerySet:
        return self.active().filter(role=Role.FACILITATOR)

    def for_list(self) -> MembershipQuerySet:
        return self.select_related("member", "member__unit").order_by("member__display_name")


class Membership(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("asked to join")
        INVITED = "invited", _("invited")
        ACTIVE = "active", _("member")

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(default=timezone.now)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["community", "member"], name="one_membership")
        ]
        indexes = [models.Index(fields=["member", "status"])]
        verbose_name = _("membership")

    def __str__(self) -> str:
        return f"{self.member_id}@{self.community_id}:{self.role}/{self.status}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def is_facilitator(self) -> bool:
        return self.is_active and self.role == Role.FACILITATOR


class MembershipEnded(models.Model):
    """A membership that ended because the member left. The membership itself is deleted;
    this record keeps when it began and ended, so community health can count who joined
    and who left in each period."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    joined_at = models.DateTimeField()
    left_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["left_at"])]
        verbose_name = _("ended membership")

    def __str__(self) -> str:
        return f"{self.member_id}@{self.community_id} until {self.left_at:%Y-%m-%d}"


# ---- how posts reach a community ---------------------------------------------------


class BlogMembership(models.Model):
    """A blog joined a community: its posts published from then on appear in the feed."""

    blog = models.ForeignKey(Blog, on_delete=models.CASCADE, related_name="community_links")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="blog_links")
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blog", "community"], name="blog_joins_once")
        ]
        verbose_name = _("blog in a community")

    def __str__(self) -> str:
        return f"{self.blog_id}→{self.community_id}"


class CommunityPostQuerySet(models.QuerySet["CommunityPost"]):
    def members_only(self) -> CommunityPostQuerySet:
        return self.filter(members_only=True)


class CommunityPost(models.Model):
    """A post shared into a community directly; at most once per community.

    `members_only` makes the community the post's audience: then only members of the
    community (and the author and staff) can read the post anywhere on the site.
    """

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="shares")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="community_shares")
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    members_only = models.BooleanField(
        _("only members of this community may read it"), default=False
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = CommunityPostQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["community", "post"], name="post_once_per_community")
        ]
        indexes = [models.Index(fields=["members_only", "post"])]
        verbose_name = _("post shared into a community")

    def __str__(self) -> str:
        return f"{self.post_id}→{self.community_id}"


def in_communities(communities: object) -> Q:
    """Posts that reached any of these communities: from a joined blog (published after it
    joined) or shared directly. Two subqueries, so each post counts once."""
    from_blogs = Post.objects.filter(
        blog__community_links__community__in=communities,
        published_at__gte=F("blog__community_links__joined_at"),
    ).values("pk")
    shared = CommunityPost.objects.filter(community__in=communities).values("post_id")
    return Q(pk__in=from_blogs) | Q(pk__in=shared)


def community_posts_of(communities: object, *, viewer: Viewer) -> PostQuerySet:
    """Primary keys of posts in those of the communities whose content the viewer may read."""
    readable = Community.objects.filter(pk__in=communities).readable_by(viewer)
    return Post.objects.filter(in_communities(readable.values("pk"))).values("pk")


def post_visibility_filter(user: Viewer) -> Q:
    """Posts with a members-only audience are readable only inside that audience."""
    restricted = CommunityPost.objects.members_only()
    shown = ~Q(pk__in=restricted.values("post_id"))
    pk = _member_pk(user)
    if pk is not None:
        mine = Membership.objects.active().filter(member_id=pk).values("community")
        shown |= Q(pk__in=restricted.filter(community__in=mine).values("post_id"))
    return shown


# ---- sessions (เวที ลปรร.) ------------------------------------------------------------


class SessionQuerySet(models.QuerySet["Session"]):
    def visible_to(self, user: Viewer) -> SessionQuerySet:
        return self.filter(community__in=Community.objects.readable_by(user))

    def upcoming(self, now: dt.datetime | None = None) -> SessionQuerySet:
        return self.filter(starts_at__gte=now or timezone.now()).order_by("starts_at")

    def past(self, now: dt.datetime | None = None) -> SessionQuerySet:
        return self.filter(starts_at__lt=now or timezone.now()).order_by("-starts_at")

    def for_member(self, member: Member) -> SessionQuerySet:
        """Sessions of the member's communities, and any they take part in."""
        return self.filter(
            Q(community__in=Community.objects.of_member(member)) | Q(participants=member)
        ).distinct()

    def for_list(self) -> SessionQuerySet:
        return self.select_related("community").annotate(
            participant_count=Count("participants", distinct=True)
        )


class Session(models.Model):
    """A sharing session (เวที ลปรร.): when, where, who came, the notes and the AAR."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    agenda = models.TextField(_("agenda"), max_length=TEXT_MAX, blank=True)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("participants"), blank=True, related_name="+"
    )
    outsider_count = models.PositiveIntegerField(_("participants from outside"), default=0)
    notes = models.TextField(_("notes"), max_length=20_000, blank=True)
    aar_expected = models.TextField(_("what we expected"), max_length=TEXT_MAX, blank=True)
    aar_happened = models.TextField(_("what happened"), max_length=TEXT_MAX, blank=True)
    aar_why = models.TextField(_("why it differed"), max_length=TEXT_MAX, blank=True)
    aar_next = models.TextField(_("what we will do next time"), max_length=TEXT_MAX, blank=True)
    linked_posts = models.ManyToManyField(
        Post, verbose_name=_("linked posts"), blank=True, related_name="sessions"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["community", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")),
                name="session_ends_after_start",
            )
        ]
        verbose_name = _("sharing session")
        verbose_name_plural = _("sharing sessions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("communities:session-detail", args=[self.community.slug, self.pk])

    @property
    def has_aar(self) -> bool:
        return any((self.aar_expected, self.aar_happened, self.aar_why, self.aar_next))


# ---- knowledge assets (ขุมความรู้) ------------------------------------------------------


class AssetQuerySet(models.QuerySet["KnowledgeAsset"]):
    def visible_to(self, user: Viewer) -> AssetQuerySet:
        """Published assets of readable communities; members also see proposals,
        facilitators also removed ones."""
        readable = self.filter(community__in=Community.objects.readable_by(user))
        if _is_staff(user):
            return readable
        shown = Q(status=KnowledgeAsset.Status.PUBLISHED)
        pk = _member_pk(user)
        if pk is not None:
            mine = Membership.objects.active().filter(member_id=pk)
            shown |= Q(
                status=KnowledgeAsset.Status.PROPOSED,
                community__in=mine.values("community"),
            )
            shown |= Q(
                status=KnowledgeAsset.Status.REMOVED,
                community__in=mine.filter(role=Role.FACILITATOR).values("community"),
            )
        return readable.filter(shown)

    def published(self) -> AssetQuerySet:
        return self.filter(status=KnowledgeAsset.Status.PUBLISHED)

    def for_list(self) -> AssetQuerySet:
        return self.select_related("community", "proposed_by").prefetch_related("tags")


class KnowledgeAsset(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        PUBLISHED = "published", _("published")
        REMOVED = "removed", _("removed")

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="assets")
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=TEXT_MAX)
    steps = models.TextField(_("practice steps (Markdown)"), max_length=20_000, blank=True)
    steps_html = models.TextField(editable=False, blank=True)
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = AssetQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["community", "status"])]
        verbose_name = _("knowledge asset")
        verbose_name_plural = _("knowledge assets")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("communities:asset-detail", args=[self.community.slug, self.pk])


class AssetSource(models.Model):
    """One piece of an asset's provenance: a post, a comment or a session."""

    asset = models.ForeignKey(KnowledgeAsset, on_delete=models.CASCADE, related_name="sources")
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(post__isnull=False, comment__isnull=True, session__isnull=True)
                    | Q(post__isnull=True, comment__isnull=False, session__isnull=True)
                    | Q(post__isnull=True, comment__isnull=True, session__isnull=False)
                ),
                name="asset_source_one_kind",
            ),
            models.UniqueConstraint(
                fields=["asset", "post"], condition=Q(post__isnull=False), name="source_post_once"
            ),
            models.UniqueConstraint(
                fields=["asset", "comment"],
                condition=Q(comment__isnull=False),
                name="source_comment_once",
            ),
            models.UniqueConstraint(
                fields=["asset", "session"],
                condition=Q(session__isnull=False),
                name="source_session_once",
            ),
        ]
        verbose_name = _("source of a knowledge asset")

    def __str__(self) -> str:
        return f"{self.asset_id}←{self.post_id or self.comment_id or self.session_id}"


class AssetRevision(models.Model):
    """Every edit of an asset, whole, with its author; newest last."""

    asset = models.ForeignKey(KnowledgeAsset, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=200)
    summary = models.TextField()
    steps = models.TextField(blank=True)
    tags_text = models.CharField(max_length=2000, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["asset", "created_at", "id"]
        verbose_name = _("revision of a knowledge asset")

    def __str__(self) -> str:
        return f"{self.asset_id}@{self.created_at:%Y-%m-%d %H:%M}"


# ---- networks -------------------------------------------------------------------------


class NetworkQuerySet(models.QuerySet["Network"]):
    def visible_to(self, user: Viewer) -> NetworkQuerySet:
        """A network is known to whoever may know its hub community."""
        return self.filter(hub__in=Community.objects.visible_to(user))

    def for_list(self) -> NetworkQuerySet:
        return (
            self.select_related("hub", "hub__home_unit")
            .annotate(
                community_count=Count(
                    "links", filter=Q(links__status=NetworkLink.Status.ACTIVE), distinct=True
                )
            )
            .order_by("name")
        )


class Network(models.Model):
    """Communities linked across units or organisations, supported by one hub (แม่ข่าย)."""

    name = models.CharField(_("name"), max_length=NAME_MAX)
    slug = models.SlugField(_("address"), max_length=60, unique=True, allow_unicode=False)
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)
    hub = models.ForeignKey(
        Community, verbose_name=_("hub community"), on_delete=models.PROTECT,
        related_name="hub_of",
    )  # fmt: skip
    created_at = models.DateTimeField(default=timezone.now)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("communities:network-detail", args=[self.slug])

    def communities(self) -> CommunityQuerySet:
        linked = self.links.filter(status=NetworkLink.Status.ACTIVE).values("community")
        return Community.objects.filter(Q(pk__in=linked) | Q(pk=self.hub_id))


class NetworkLink(models.Model):
    """A community's place in a network: requested by its facilitator, accepted by the hub's."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("asked to join")
        ACTIVE = "active", _("in the network")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="links")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="network_links")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["network", "community"], name="community_in_network_once"
            )
        ]
        verbose_name = _("community in a network")

    def __str__(self) -> str:
        return f"{self.community_id}∈{self.network_id}:{self.status}"


def membership_for(community: Community, user: object) -> Membership | None:
    """The user's membership row in the community (any status), or None."""
    pk = _member_pk(user)
    if pk is None:
        return None
    return Membership.objects.filter(community=community, member_id=pk).first()

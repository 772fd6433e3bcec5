"""Write a stream of source events through the services, once per source GUID."""

from __future__ import annotations

import ipaddress
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from chumchon.accounts.models import HANDLE_RE, Member
from chumchon.accounts.services import member_create
from chumchon.blogs.models import BODY_MAX, TITLE_MAX, Blog, Post
from chumchon.blogs.services import blog_create, post_create, post_relink
from chumchon.comments.models import Comment
from chumchon.comments.services import comment_approve, comment_create
from chumchon.core.html import plain_text
from chumchon.core.models import TAG_MAX_LENGTH
from chumchon.core.tags import MAX_TAGS
from chumchon.interop.importing.html import rewrite_links, to_markdown, url_key
from chumchon.interop.importing.sources import (
    Skipped,
    SourceAuthor,
    SourceComment,
    SourceEvent,
    SourcePost,
    SourceSite,
)
from chumchon.interop.models import ImportedItem
from chumchon.notifications.services import notifications_muted

BATCH = 50
_TAG_FORBIDDEN = re.compile(r"[/\\?#<>\"'`,\n]+")
Kind = ImportedItem.Kind


@dataclass
class ImportSummary:
    posts: int = 0
    drafts: int = 0
    comments: int = 0
    held_comments: int = 0
    members: int = 0
    links: int = 0
    already: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        lines = [
            _("Posts imported: %(n)d (of which drafts: %(d)d)")
            % {"n": self.posts, "d": self.drafts},
            _("Comments imported: %(n)d (of which awaiting review: %(h)d)")
            % {"n": self.comments, "h": self.held_comments},
            _("Members created for authors: %(n)d") % {"n": self.members},
            _("Links between imported posts rewritten: %(n)d") % {"n": self.links},
            _("Already imported before, left as they are: %(n)d") % {"n": self.already},
        ]
        for reason, count in sorted(self.skipped.items()):
            lines.append(_("Skipped (%(why)s): %(n)d") % {"why": reason, "n": count})
        return lines


def _chunks(events: Iterable[SourceEvent], size: int) -> Iterator[list[SourceEvent]]:
    chunk: list[SourceEvent] = []
    for event in events:
        chunk.append(event)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _clean_tags(names: list[str]) -> list[str]:
    tags: list[str] = []
    for name in names:
        cleaned = " ".join(_TAG_FORBIDDEN.sub(" ", name).split()).lstrip("#")[:TAG_MAX_LENGTH]
        cleaned = cleaned.lower() if cleaned.isascii() else cleaned
        if cleaned and cleaned not in tags:
            tags.append(cleaned)
    return tags[:MAX_TAGS]


def _valid_ip(ip: str) -> str | None:
    try:
        return str(ipaddress.ip_address(ip.strip()))
    except ValueError:
        return None


def _valid_email(email: str) -> str:
    try:
        validate_email(email)
    except ValidationError:
        return ""
    return email


def _title(post: SourcePost, body: str) -> str:
    title = " ".join(post.title.split())
    if not title:
        words = plain_text(body).split()
        title = " ".join(words[:10]) or _("(untitled)")
    return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1] + "…"


class Importer:
    """Imports into the owner's blog (made if needed); authors become members or the owner."""

    def __init__(self, *, owner: Member, blog_slug: str | None, create_members: bool) -> None:
        self.owner = owner
        self.blog_slug = blog_slug
        self.blog = Blog(owner=owner)
        self.create_members = create_members
        self.summary = ImportSummary()
        self.site = SourceSite(key="")
        self.authors: dict[str, SourceAuthor] = {}
        self.members: dict[str, Member] = {}
        self.url_numbers: dict[str, int] = {}
        self.to_relink: list[int] = []
        self.deferred: list[SourceComment] = []

    # ---- the run ---------------------------------------------------------------------------

    def run(self, events: Iterable[SourceEvent]) -> ImportSummary:
        with notifications_muted():
            for chunk in _chunks(events, BATCH):
                with transaction.atomic():
                    for event in chunk:
                        self._handle(event)
            with transaction.atomic():
                for comment in self.deferred:
                    self._comment_alone(comment, final=True)
            self._relink()
        return self.summary

    def _handle(self, event: SourceEvent) -> None:
        if isinstance(event, SourceSite):
            self.site = event
            self.blog = self._owner_blog()
            self._load_known_urls()
        elif isinstance(event, SourceAuthor):
            self.authors[event.login] = event
        elif isinstance(event, SourcePost):
            self._post(event)
        elif isinstance(event, SourceComment):
            self._comment_alone(event, final=False)
        elif isinstance(event, Skipped):
            self.summary.skipped[_skip_reason(event.reason)] += 1

    def _known(self, kind: str, guid: str) -> int | None:
        return (
            ImportedItem.objects.from_source(self.site.key)
            .filter(kind=kind, guid=guid[:500])
            .values_list("object_id", flat=True)
            .first()
        )

    def _remember(self, kind: str, guid: str, object_id: int, source_url: str = "") -> None:
        ImportedItem.objects.create(
            source=self.site.key, kind=kind, guid=guid[:500], object_id=object_id,
            source_url=source_url[:1000],
        )  # fmt: skip

    # ---- authors --------------------------------------------------------------------------

    def _owner_login(self) -> str | None:
        """The export's author who is the owner: same handle or e-mail, else the first listed."""
        email = self.owner.email.lower()
        for login, author in self.authors.items():
            if login.lower() == self.owner.handle or (email and author.email.lower() == email):
                return login
        return next(iter(self.authors), None)

    def _member_for(self, login: str, *, for_comment: bool = False) -> Member | None:
        """The member who wrote as `login` at the source; None for a comment by a stranger."""
        if login in self.members:
            return self.members[login]
        author = self.authors.get(login)
        member: Member | None = None
        if login and login == self._owner_login():
            member = self.owner
        elif author is not None:
            member = self._author_member(author) if self.create_members else None
        if member is None and not for_comment:
            member = self.owner  # a post always has an author; the importing member vouches
        if member is not None:
            self.members[login] = member
        return member

    def _author_member(self, author: SourceAuthor) -> Member:
        known = self._known(Kind.MEMBER, f"author:{author.login}")
        if known is not None and (found := Member.objects.filter(pk=known).first()):
            return found
        base = slugify(author.login).replace("-", ".")[:26].strip("._-") or "author"
        handle, n = base, 1
        while not re.match(HANDLE_RE, handle) or Member.objects.filter(handle=handle).exists():
            n += 1
            handle = f"{base}{n}"
        member = member_create(
            handle=handle, display_name=(author.display_name or author.login)[:100],
            email=_valid_email(author.email),
        )  # fmt: skip
        self._remember(Kind.MEMBER, f"author:{author.login}", member.pk)
        self.summary.members += 1
        return member

    def _owner_blog(self) -> Blog:
        blogs = Blog.objects.owned_by(self.owner).order_by("created_at", "id")
        slug = self.blog_slug or ("" if blogs.exists() else "imported")
        found = blogs.filter(slug=slug).first() if slug else blogs.first()
        title = self.site.title[:TITLE_MAX] or _("Imported posts")
        return found or blog_create(owner=self.owner, slug=slug, title=title)

    def _blog_for(self, member: Member) -> Blog:
        if member.pk == self.owner.pk:
            return self.blog
        found = Blog.objects.filter(owner=member, slug=self.blog.slug).first()
        return found or blog_create(owner=member, slug=self.blog.slug, title=self.blog.title)

    # ---- posts ----------------------------------------------------------------------------

    def _load_known_urls(self) -> None:
        rows = ImportedItem.objects.from_source(self.site.key).filter(kind=Kind.POST)
        numbers = dict(
            Post.objects.filter(pk__in=rows.values("object_id")).values_list("pk", "number")
        )
        for object_id, urls in rows.values_list("object_id", "source_url"):
            for key in urls.split():
                if object_id in numbers:
                    self.url_numbers[key] = numbers[object_id]

    def _post(self, source: SourcePost) -> None:
        post_id = self._known(Kind.POST, source.guid)
        if post_id is not None:
            self.summary.already += 1
        else:
            post_id = self._new_post(source)
        if post_id is None:
            return
        post = Post.objects.select_related("blog").filter(pk=post_id).first()
        if post is None:
            return
        comments = sorted(source.comments, key=lambda c: _number_in(c.guid))
        known = dict(
            ImportedItem.objects.from_source(self.site.key)
            .filter(kind=Kind.COMMENT, guid__in=[c.guid[:500] for c in comments])
            .values_list("guid", "object_id")
        )
        for comment in comments:
            self._comment(comment, post, known)

    def _new_post(self, source: SourcePost) -> int | None:
        body = to_markdown(source.body_html)
        if not body.strip():
            self.summary.skipped[_("empty post")] += 1
            return None
        if len(body) > BODY_MAX:
            self.summary.skipped[_("post too long")] += 1
            return None
        author = self._member_for(source.author_login) or self.owner
        try:
            with transaction.atomic():
                post = post_create(
                    blog=self._blog_for(author), author=author, title=_title(source, body),
                    body=body, tags=_clean_tags(source.tags), publish=source.published,
                    written_at=source.date or timezone.now(),
                )  # fmt: skip
                keys = [url_key(u, self.site.base_url) for u in source.urls]
                self._remember(Kind.POST, source.guid, post.pk, " ".join(keys))
        except (ValidationError, PermissionDenied) as exc:
            self.summary.skipped[_("invalid post") + f": {_first_message(exc)}"] += 1
            return None
        for key in keys:
            self.url_numbers[key] = post.number
        if "](" in body:
            self.to_relink.append(post.pk)
        self.summary.posts += 1
        self.summary.drafts += 0 if source.published else 1
        return post.pk

    def _relink(self) -> None:
        def resolve(url: str) -> str | None:
            number = self.url_numbers.get(url_key(url, self.site.base_url))
            return f"/posts/{number}" if number else None

        for start in range(0, len(self.to_relink), BATCH):
            with transaction.atomic():
                for post in Post.objects.filter(pk__in=self.to_relink[start : start + BATCH]):
                    body, count = rewrite_links(post.body, resolve)
                    if count:
                        post_relink(post=post, body=body)
                        self.summary.links += count

    # ---- comments -----------------------------------------------------------------------

    def _comment_alone(self, source: SourceComment, *, final: bool) -> None:
        """A comment that arrives apart from its post (Blogger): find the post it answers."""
        post_id = self._known(Kind.POST, source.post_guid)
        post = Post.objects.select_related("blog").filter(pk=post_id).first() if post_id else None
        if post is None:
            if final:
                self.summary.skipped[_("comment on a post not imported")] += 1
            else:
                self.deferred.append(source)
            return
        known = {}
        for guid in (source.guid, source.parent_guid):
            if guid and (object_id := self._known(Kind.COMMENT, guid)) is not None:
                known[guid] = object_id
        self._comment(source, post, known)

    def _comment(self, source: SourceComment, post: Post, known: dict[str, int]) -> None:
        """Import one comment; `known` maps the source GUIDs of the post's comments to ids."""
        if source.guid[:500] in known:
            self.summary.already += 1
            return
        if not post.is_published:
            self.summary.skipped[_("comment on a draft")] += 1
            return
        body = to_markdown(source.body_html)
        if not body.strip():
            self.summary.skipped[_("empty comment")] += 1
            return
        parent_id = known.get(source.parent_guid[:500]) if source.parent_guid else None
        parent = Comment.objects.filter(pk=parent_id, post=post).first() if parent_id else None
        member = (
            self._member_for(source.author_login, for_comment=True)
            if source.author_login and source.approved
            else None
        )
        try:
            with transaction.atomic():
                comment = comment_create(
                    post=post, body=body, author=member, parent=parent,
                    guest_name=(source.name or _("Guest"))[:100],
                    guest_email=_valid_email(source.email), ip=_valid_ip(source.ip),
                    created_at=source.date or timezone.now(),
                )  # fmt: skip
                if source.approved and comment.status == Comment.Status.PENDING:
                    comment = comment_approve(comment=comment, member=post.blog.owner)
                self._remember(Kind.COMMENT, source.guid, comment.pk)
                known[source.guid[:500]] = comment.pk
        except (ValidationError, PermissionDenied) as exc:
            self.summary.skipped[_("invalid comment") + f": {_first_message(exc)}"] += 1
            return
        self.summary.comments += 1
        self.summary.held_comments += comment.status == Comment.Status.PENDING


def _skip_reason(reason: str) -> str:
    """WordPress's and Blogger's names for what is skipped, in the reader's language."""
    reasons = {
        "page": _("page"), "attachment": _("attachment"), "nav_menu_item": _("menu item"),
        "trash": _("in the trash"), "auto-draft": _("automatic draft"),
        "inherit": _("revision"), "revision": _("revision"),
    }  # fmt: skip
    return reasons.get(reason, reason)


def _number_in(guid: str) -> int:
    digits = re.findall(r"\d+", guid)
    return int(digits[-1]) if digits else 0


def _first_message(exc: Exception) -> str:
    messages = getattr(exc, "messages", None) or [str(exc)]
    return str(messages[0])[:80]

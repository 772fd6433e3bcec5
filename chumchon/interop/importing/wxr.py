"""WordPress eXtended RSS (WXR 1.0–1.2) as a stream of source events, in flat memory."""

from __future__ import annotations

import datetime as dt
import email.utils
from collections.abc import Iterator
from typing import IO
from xml.etree.ElementTree import Element

from django.utils import timezone

from chumchon.interop.importing.sources import (
    Skipped,
    SourceAuthor,
    SourceComment,
    SourceEvent,
    SourcePost,
    SourceSite,
)
from chumchon.interop.importing.xml import ImportRefused, local_name, stream, text

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
WP_NS_PREFIX = "http://wordpress.org/export/"
# WordPress's default category says nothing about a post.
DEFAULT_CATEGORIES = {"uncategorized", "ไม่มีหมวดหมู่"}
PUBLISHED = {"publish"}
DRAFTS = {"draft", "pending", "private", "future"}


def _fields(element: Element) -> dict[str, Element]:
    """Children by name; WordPress's own fields are prefixed "wp:"."""
    found: dict[str, Element] = {}
    for child in element:
        namespace, name = local_name(child.tag)
        if namespace.startswith(WP_NS_PREFIX):
            name = "wp:" + name
        elif namespace == CONTENT_NS:
            name = "content:" + name
        elif namespace == DC_NS:
            name = "dc:" + name
        elif namespace:
            continue  # excerpt:encoded and other plug-ins' fields
        found.setdefault(name, child)
    return found


def parse_date(gmt: str, local: str = "", rfc822: str = "") -> dt.datetime | None:
    """WordPress dates: GMT when known, else the site's local time, else pubDate."""
    for value, zone in ((gmt, dt.UTC), (local, None)):
        if value and not value.startswith("0000"):
            try:
                # WordPress writes both without a zone; which zone is known from the field.
                naive = dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")  # noqa: DTZ007
            except ValueError:
                continue
            return naive.replace(tzinfo=zone) if zone else timezone.make_aware(naive)
    if rfc822:
        try:
            return email.utils.parsedate_to_datetime(rfc822)
        except (TypeError, ValueError):
            return None
    return None


class WxrReader:
    """Reads one WXR file, yielding SourceSite first, then authors, posts and skips."""

    def __init__(self, source: IO[bytes]) -> None:
        self.source = source
        self.site: SourceSite | None = None
        self.channel_fields: dict[str, str] = {}
        self.author_logins: dict[str, str] = {}  # WordPress user id → login

    def __iter__(self) -> Iterator[SourceEvent]:
        depth = 0
        channel: Element | None = None
        seen_root = False
        for event, element in stream(self.source):
            if event == "start":
                depth += 1
                if depth == 1:
                    seen_root = True
                    if local_name(element.tag)[1] != "rss":
                        raise ImportRefused(_not_wxr())
                elif depth == 2 and local_name(element.tag)[1] == "channel":
                    channel = element
                continue
            depth -= 1
            if depth != 2 or channel is None:
                continue
            yield from self._channel_child(element)
            channel.remove(element)
        if not seen_root or self.site is None:
            raise ImportRefused(_not_wxr())

    def _channel_child(self, element: Element) -> Iterator[SourceEvent]:
        namespace, name = local_name(element.tag)
        is_wp = namespace.startswith(WP_NS_PREFIX)
        if name == "item":
            yield from self._ensure_site()
            yield self._item(element)
        elif is_wp and name == "author":
            yield from self._ensure_site()
            yield self._author(element)
        elif not namespace or is_wp:
            self.channel_fields.setdefault(name, text(element))

    def _ensure_site(self) -> Iterator[SourceEvent]:
        if self.site is not None:
            return
        fields = self.channel_fields
        if "wxr_version" not in fields:
            raise ImportRefused(_not_wxr())
        base = fields.get("base_blog_url") or fields.get("link") or fields.get("base_site_url", "")
        self.site = SourceSite(
            key="wxr:" + base.rstrip("/"), title=fields.get("title", ""), base_url=base
        )
        yield self.site

    def _author(self, element: Element) -> SourceAuthor:
        f = _fields(element)
        login = text(f.get("wp:author_login"))
        self.author_logins[text(f.get("wp:author_id"))] = login
        return SourceAuthor(
            login=login,
            display_name=text(f.get("wp:author_display_name")),
            email=text(f.get("wp:author_email")),
        )

    def _item(self, element: Element) -> SourcePost | Skipped:
        f = _fields(element)
        guid = text(f.get("guid")) or f"{self.site.base_url}/?p={text(f.get('wp:post_id'))}"  # type: ignore[union-attr]
        kind = text(f.get("wp:post_type")) or "post"
        status = text(f.get("wp:status")) or "publish"
        if kind != "post":
            return Skipped(guid=guid, reason=kind)
        if status not in PUBLISHED | DRAFTS:
            return Skipped(guid=guid, reason=status)  # trash, auto-draft, inherit
        post = SourcePost(
            guid=guid,
            title=text(f.get("title")),
            body_html=(f["content:encoded"].text or "") if "content:encoded" in f else "",
            date=parse_date(
                text(f.get("wp:post_date_gmt")), text(f.get("wp:post_date")), text(f.get("pubDate"))
            ),
            author_login=text(f.get("dc:creator")),
            published=status in PUBLISHED,
            tags=self._tags(element),
            urls=self._urls(f),
        )
        post.comments = [
            c for c in (self._comment(c, guid) for c in _children(element, "comment")) if c
        ]
        return post

    def _tags(self, element: Element) -> list[str]:
        names: list[str] = []
        for child in element:
            if local_name(child.tag) != ("", "category"):
                continue
            if child.get("domain") not in ("category", "post_tag"):
                continue
            name = text(child)
            if name and name.lower() not in DEFAULT_CATEGORIES and name not in names:
                names.append(name)
        return names

    def _urls(self, f: dict[str, Element]) -> list[str]:
        urls = [text(f.get("link")), text(f.get("guid"))]
        post_id = text(f.get("wp:post_id"))
        if post_id and self.site and self.site.base_url:
            urls.append(f"{self.site.base_url.rstrip('/')}/?p={post_id}")
        return [u for u in dict.fromkeys(urls) if u.startswith(("http://", "https://"))]

    def _comment(self, element: Element, post_guid: str) -> SourceComment | None:
        f = _fields(element)
        approved = text(f.get("wp:comment_approved"))
        kind = text(f.get("wp:comment_type"))
        if approved not in ("0", "1") or kind in ("pingback", "trackback"):
            return None  # spam, trash and pings are not conversation
        parent = text(f.get("wp:comment_parent"))
        return SourceComment(
            guid=f"{post_guid}#comment-{text(f.get('wp:comment_id'))}",
            post_guid=post_guid,
            body_html=(f["wp:comment_content"].text or "") if "wp:comment_content" in f else "",
            date=parse_date(text(f.get("wp:comment_date_gmt")), text(f.get("wp:comment_date"))),
            name=text(f.get("wp:comment_author")),
            email=text(f.get("wp:comment_author_email")),
            ip=text(f.get("wp:comment_author_IP")),
            author_login=self.author_logins.get(text(f.get("wp:comment_user_id")), ""),
            parent_guid=f"{post_guid}#comment-{parent}" if parent not in ("", "0") else "",
            approved=approved == "1",
        )


def _children(element: Element, name: str) -> list[Element]:
    return [
        c
        for c in element
        if local_name(c.tag)[1] == name and local_name(c.tag)[0].startswith(WP_NS_PREFIX)
    ]


def _not_wxr() -> str:
    from django.utils.translation import gettext as _

    return _("This is not a WordPress export (WXR) file.")

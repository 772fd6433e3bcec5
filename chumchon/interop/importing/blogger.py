"""Blogger's Atom export as a stream of source events, in flat memory.

Posts and comments are sibling <entry> elements told apart by their "kind" category;
a comment names its post in <thr:in-reply-to ref> and the comment it answers in
<link rel="related">.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import IO
from xml.etree.ElementTree import Element

from chumchon.interop.importing.sources import (
    Skipped,
    SourceAuthor,
    SourceComment,
    SourceEvent,
    SourcePost,
    SourceSite,
)
from chumchon.interop.importing.xml import ImportRefused, local_name, stream, text

ATOM = "http://www.w3.org/2005/Atom"
APP = "http://purl.org/atom/app#"
THREAD = "http://purl.org/syndication/thread/1.0"
KIND_SCHEME = "http://schemas.google.com/g/2005#kind"
KIND_PREFIX = "http://schemas.google.com/blogger/2008/kind#"
LABEL_SCHEME = "http://www.blogger.com/atom/ns#"
_COMMENT_ID = re.compile(r"/comments/default/(\d+)$")
_BLOG_ID = re.compile(r"blog-(\d+)")
ANONYMOUS = {"anonymous", "ไม่ระบุชื่อ"}


def parse_date(value: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None
    except ValueError:
        return None


def _atom(element: Element, name: str) -> Element | None:
    return element.find(f"{{{ATOM}}}{name}")


class BloggerReader:
    def __init__(self, source: IO[bytes]) -> None:
        self.source = source
        self.site: SourceSite | None = None
        self.feed_fields: dict[str, str] = {}
        self.owner_name = ""
        self.owner_uri = ""

    def __iter__(self) -> Iterator[SourceEvent]:
        depth = 0
        feed: Element | None = None
        for event, element in stream(self.source):
            if event == "start":
                depth += 1
                if depth == 1:
                    if element.tag != f"{{{ATOM}}}feed":
                        raise ImportRefused(_not_blogger())
                    feed = element
                continue
            depth -= 1
            if depth != 1 or feed is None:
                continue
            namespace, name = local_name(element.tag)
            if name == "entry" and namespace == ATOM:
                yield from self._ensure_site()
                entry = self._entry(element)
                if entry is not None:
                    yield entry
            elif name == "author" and namespace == ATOM:
                self.owner_name = text(_atom(element, "name"))
                self.owner_uri = text(_atom(element, "uri"))
            elif namespace == ATOM:
                self.feed_fields.setdefault(name, text(element))
                if name == "link" and element.get("rel") == "alternate":
                    self.feed_fields["url"] = element.get("href", "")
            feed.remove(element)
        if self.site is None:
            raise ImportRefused(_not_blogger())

    def _ensure_site(self) -> Iterator[SourceEvent]:
        if self.site is None:
            feed_id = self.feed_fields.get("id", "")
            if "blogger.com" not in feed_id:
                raise ImportRefused(_not_blogger())
            self.site = SourceSite(
                key="blogger:" + feed_id,
                title=self.feed_fields.get("title", ""),
                base_url=self.feed_fields.get("url", ""),
            )
            yield self.site
            if self.owner_name:
                yield SourceAuthor(login=self.owner_name, display_name=self.owner_name)

    def _entry(self, element: Element) -> SourceEvent | None:
        kind = ""
        labels: list[str] = []
        for category in element.findall(f"{{{ATOM}}}category"):
            scheme, term = category.get("scheme", ""), category.get("term", "")
            if scheme == KIND_SCHEME and term.startswith(KIND_PREFIX):
                kind = term.removeprefix(KIND_PREFIX)
            elif scheme == LABEL_SCHEME and term and term not in labels:
                labels.append(term)
        guid = text(_atom(element, "id"))
        if kind == "post":
            return self._post(element, guid, labels)
        if kind == "comment":
            return self._comment(element, guid)
        if kind in ("settings", "template"):
            return None
        return Skipped(guid=guid, reason=kind or "unknown")

    def _links(self, element: Element, rel: str) -> list[str]:
        return [
            link.get("href", "")
            for link in element.findall(f"{{{ATOM}}}link")
            if link.get("rel") == rel and link.get("href")
        ]

    def _post(self, element: Element, guid: str, labels: list[str]) -> SourcePost:
        control = element.find(f"{{{APP}}}control")
        draft = control is not None and text(control.find(f"{{{APP}}}draft")) == "yes"
        author = _atom(element, "author")
        return SourcePost(
            guid=guid,
            title=text(_atom(element, "title")),
            body_html=(_atom(element, "content").text or "")
            if _atom(element, "content") is not None
            else "",
            date=parse_date(text(_atom(element, "published"))),
            author_login=text(_atom(author, "name")) if author is not None else "",
            published=not draft,
            tags=labels,
            urls=self._links(element, "alternate"),
        )

    def _comment(self, element: Element, guid: str) -> SourceComment | Skipped:
        reply_to = element.find(f"{{{THREAD}}}in-reply-to")
        if reply_to is None:
            return Skipped(guid=guid, reason="comment without a post")
        parent = ""
        for href in self._links(element, "related"):
            match = _COMMENT_ID.search(href)
            blog = _BLOG_ID.search(guid)
            if match and blog:
                parent = f"tag:blogger.com,1999:blog-{blog.group(1)}.post-{match.group(1)}"
        author = _atom(element, "author")
        name = text(_atom(author, "name")) if author is not None else ""
        uri = text(_atom(author, "uri")) if author is not None else ""
        content = _atom(element, "content")
        return SourceComment(
            guid=guid,
            post_guid=reply_to.get("ref", ""),
            body_html=(content.text or "") if content is not None else "",
            date=parse_date(text(_atom(element, "published"))),
            name="" if name.lower() in ANONYMOUS else name,
            author_login=self.owner_name if uri and uri == self.owner_uri else "",
            parent_guid=parent,
        )


def _not_blogger() -> str:
    from django.utils.translation import gettext as _

    return _("This is not a Blogger export (Atom) file.")

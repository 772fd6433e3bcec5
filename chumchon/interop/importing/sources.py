"""What an export holds, independent of its format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class SourceAuthor:
    login: str
    display_name: str = ""
    email: str = ""


@dataclass
class SourceComment:
    guid: str
    post_guid: str
    body_html: str
    date: dt.datetime | None
    name: str = ""
    email: str = ""
    ip: str = ""
    author_login: str = ""  # set when the comment was written by one of the blog's authors
    parent_guid: str = ""
    approved: bool = True


@dataclass
class SourcePost:
    guid: str
    title: str
    body_html: str
    date: dt.datetime | None
    author_login: str = ""
    published: bool = True
    tags: list[str] = field(default_factory=list)
    # Every address the post had at its source, so links to it can be rewritten.
    urls: list[str] = field(default_factory=list)
    comments: list[SourceComment] = field(default_factory=list)


@dataclass
class Skipped:
    """Something in the export that is deliberately not imported (pages, attachments...)."""

    guid: str
    reason: str


@dataclass
class SourceSite:
    """What the export says about the site as a whole; comes before its posts."""

    key: str
    title: str = ""
    base_url: str = ""


SourceEvent = SourceSite | SourceAuthor | SourcePost | SourceComment | Skipped

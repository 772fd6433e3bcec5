"""Markdown to safe HTML: rendered with markdown-it-py, sanitised with nh3 on write."""

from __future__ import annotations

import html as _html

import nh3
from markdown_it import MarkdownIt

# "html": False turns raw HTML in the source into text; nh3 then removes anything that
# still is not plain markup (event handlers, javascript: links, iframes...).
_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True}).enable(
    ["table", "strikethrough"]
)

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "s",
    "blockquote", "code", "pre", "ul", "ol", "li", "a", "img",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener",
    )


def render_markdown(text: str) -> str:
    """Render member-written Markdown to HTML that is safe to show as is."""
    return sanitise_html(_md.render(text or ""))


def plain_text(html: str) -> str:
    """The words of an HTML fragment, for excerpts and indexing."""
    return " ".join(_html.unescape(nh3.clean(html, tags=set())).split())

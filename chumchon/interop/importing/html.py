"""WordPress and Blogger HTML to chumchon's Markdown, and links between imported posts."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

from markdownify import markdownify

from chumchon.core.html import sanitise_html

_BLOCK = re.compile(r"^\s*<(?:h[1-6]|ul|ol|li|table|blockquote|pre|div|figure|hr|p)\b", re.I)
_HAS_PARAGRAPHS = re.compile(r"<(?:p|div)\b", re.I)
# Shortcodes WordPress expands at display time; their inner text is kept.
_SHORTCODE = re.compile(r"\[/?(?:caption|gallery|embed|audio|video|playlist)\b[^\]]*\]", re.I)
_MD_LINK = re.compile(r"(\]\()(<?)([^)\s>]+)(>?)((?:\s+\"[^\"]*\")?\))")


def autop(html: str) -> str:
    """WordPress's classic editor stores paragraphs as blank lines: give them their <p>."""
    if _HAS_PARAGRAPHS.search(html):
        return html
    blocks = re.split(r"\n\s*\n", html.strip())
    return "\n".join(
        b if _BLOCK.match(b) else "<p>" + b.strip().replace("\n", "<br>\n") + "</p>"
        for b in blocks
        if b.strip()
    )


def to_markdown(html: str) -> str:
    """Clean the HTML first (scripts and styles go with their content), then convert."""
    cleaned = sanitise_html(autop(_SHORTCODE.sub("", html or "")))
    markdown = markdownify(cleaned, heading_style="ATX", bullets="-")
    return re.sub(r"\n{3,}", "\n\n", markdown).strip()


def url_key(url: str, base: str = "") -> str:
    """One spelling per address: scheme, "www.", case of the host and the last "/" ignored."""
    parts = urlsplit(urljoin(base + "/", url) if base and not url.startswith("http") else url)
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def rewrite_links(markdown: str, resolve: Callable[[str], str | None]) -> tuple[str, int]:
    """Point Markdown links at their new addresses where `resolve` knows one."""
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        target = resolve(match.group(3))
        if target is None:
            return match.group(0)
        count += 1
        return f"{match.group(1)}{target}{match.group(5)}"

    return _MD_LINK.sub(replace, markdown), count

"""Bringing posts in from WordPress (WXR) and Blogger (Atom) exports.

`sources.py` holds the neutral shapes, `xml.py` the safe streaming parser, `wxr.py` and
`blogger.py` turn each format into a stream of those shapes, `html.py` converts their
HTML to Markdown, and `importer.py` writes them through the services, remembering each
by its source GUID so that a second run imports nothing twice.
"""

from __future__ import annotations

from typing import IO

from django.utils.translation import gettext as _

from chumchon.accounts.models import Member
from chumchon.interop.importing.blogger import BloggerReader
from chumchon.interop.importing.importer import Importer, ImportSummary
from chumchon.interop.importing.wxr import WxrReader
from chumchon.interop.importing.xml import ImportRefused

__all__ = ["ImportRefused", "ImportSummary", "import_export_file", "detect_format"]


def detect_format(head: bytes) -> str:
    """ "wxr" or "blogger" from the first bytes of a file."""
    if b"<rss" in head and b"wordpress.org/export/" in head:
        return "wxr"
    if b"<feed" in head and b"http://www.w3.org/2005/Atom" in head:
        return "blogger"
    if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
        return "wxr"  # the parser refuses it with the reason
    raise ImportRefused(_("This is neither a WordPress (WXR) nor a Blogger (Atom) export."))


def import_export_file(
    *,
    file: IO[bytes],
    owner: Member,
    blog_slug: str | None = None,
    create_members: bool = False,
    expected: str | None = None,
) -> ImportSummary:
    """Import a WordPress or Blogger export into one of the owner's blogs."""
    kind = expected
    if kind is None:
        kind = detect_format(file.read(4096))
        file.seek(0)
    reader = WxrReader(file) if kind == "wxr" else BloggerReader(file)
    importer = Importer(owner=owner, blog_slug=blog_slug, create_members=create_members)
    return importer.run(reader)

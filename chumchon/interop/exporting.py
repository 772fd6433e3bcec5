"""A member's personal export: everything they wrote, as a zip with a JSON index.

Each section writes its files into the zip and returns its entry for index.json. Other
apps add theirs to EXPORT_SECTIONS (communities: the knowledge assets a member curated),
so one download keeps covering everything.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from typing import IO, Any

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from chumchon.accounts.models import Member
from chumchon.blogs.models import Post
from chumchon.comments.models import Comment

ExportSection = Callable[[Member, zipfile.ZipFile], dict[str, Any]]
EXPORT_SECTIONS: dict[str, ExportSection] = {}


def export_section(name: str) -> Callable[[ExportSection], ExportSection]:
    """Register a section of the export under `name` (its key in index.json)."""

    def register(section: ExportSection) -> ExportSection:
        EXPORT_SECTIONS[name] = section
        return section

    return register


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def front_matter(post: Post) -> str:
    """YAML front matter; every value is written as JSON, which YAML reads as is."""
    fields = {
        "title": post.display_title,
        "number": post.number,
        "url": settings.BASE_URL + post.get_absolute_url(),
        "blog": post.blog.slug,
        "kind": post.kind,
        "status": post.status,
        "tags": [t.name for t in post.tags.all()],
        "licence": post.licence,
        "written_at": _iso(post.written_at),
        "published_at": _iso(post.published_at),
        "edited_at": _iso(post.edited_at),
    }
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


@export_section("posts")
def posts_section(member: Member, archive: zipfile.ZipFile) -> dict[str, Any]:
    posts = Post.objects.visible_to(member).filter(author=member).for_list().order_by("number")
    entries = []
    for post in posts.iterator(chunk_size=200):
        name = slugify(post.display_title, allow_unicode=True)[:60] or "post"
        path = f"posts/{post.number}-{name}.md"
        archive.writestr(path, front_matter(post) + post.body + "\n")
        entries.append({"number": post.number, "title": post.display_title, "path": path,
                        "status": post.status})  # fmt: skip
    return {"count": len(entries), "items": entries}


@export_section("comments")
def comments_section(member: Member, archive: zipfile.ZipFile) -> dict[str, Any]:
    comments = (
        Comment.objects.visible_to(member)
        .filter(author=member)
        .select_related("post")
        .order_by("created_at", "id")
    )
    rows = [
        {
            "id": c.pk,
            "post": c.post.number,
            "post_title": c.post.display_title,
            "parent": c.parent_id,
            "status": c.status,
            "created_at": _iso(c.created_at),
            "body": c.body,
        }  # fmt: skip
        for c in comments.iterator(chunk_size=500)
    ]
    archive.writestr("comments.json", json.dumps(rows, ensure_ascii=False, indent=2))
    return {"count": len(rows), "path": "comments.json"}


def export_write(*, member: Member, target: IO[bytes]) -> dict[str, Any]:
    """Write the member's zip into `target` and return its index."""
    index: dict[str, Any] = {
        "member": {"handle": member.handle, "display_name": member.display_name},
        "site": settings.BASE_URL,
        "exported_at": timezone.now().isoformat(),
    }
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, section in EXPORT_SECTIONS.items():
            index[name] = section(member, archive)
        archive.writestr("index.json", json.dumps(index, ensure_ascii=False, indent=2))
    return index

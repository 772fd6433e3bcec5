"""Reading the demo content in `data/`: units and members, posts, follows and messages.

A posts file holds many posts. Each starts with a TOML header between two `+++` lines,
then the Markdown body; a line `%% edit` in the body splits the first version from what
a later edit added; an optional `+++ comments` block (TOML `[[comments]]`) follows.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
EDIT_MARK = "%% edit"
_DELIMITER = re.compile(r"^(\+\+\+(?: comments)?)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class UnitSpec:
    slug: str
    name: str
    kind: str
    parent: str = ""
    short_name: str = ""


@dataclass(frozen=True)
class BlogSpec:
    slug: str
    title: str
    description: str = ""
    tags: tuple[str, ...] = ()
    allow_guest_comments: bool = False


@dataclass(frozen=True)
class MemberSpec:
    handle: str
    display_name: str
    unit: str = ""
    bio: str = ""
    tags: tuple[str, ...] = ()
    staff: bool = False
    blogs: tuple[BlogSpec, ...] = ()


@dataclass(frozen=True)
class CommentSpec:
    text: str
    hours: float
    by: str = ""  # a member's handle, or empty for a guest
    guest: str = ""
    email: str = ""
    ip: str = ""
    reply_to: int = 0  # 1-based position of the comment this one answers
    approved: bool = False  # a held guest comment the owner then approved
    accepted: bool = False
    flag_by: str = ""
    flag_reason: str = ""


@dataclass(frozen=True)
class PostSpec:
    key: str
    by: str
    blog: str
    kind: str
    title: str
    body_first: str  # as first written
    body: str  # as it reads now (the same unless edited)
    tags: tuple[str, ...]
    days_ago: float
    time: str = "09:00"
    licence: str = ""
    draft: bool = False
    edited_days_after: float = 0
    flowers: int = 0
    comments: tuple[CommentSpec, ...] = field(default_factory=tuple)

    @property
    def is_edited(self) -> bool:
        return self.body != self.body_first


@dataclass(frozen=True)
class MessageSpec:
    sender: str
    recipient: str
    subject: str
    body: str
    read: bool = False


@dataclass(frozen=True)
class SocialSpec:
    member_follows: tuple[tuple[str, str], ...]
    blog_follows: tuple[tuple[str, str, str], ...]  # follower, owner, blog slug
    messages: tuple[MessageSpec, ...]


@dataclass(frozen=True)
class DemoData:
    units: tuple[UnitSpec, ...]
    members: tuple[MemberSpec, ...]
    posts: tuple[PostSpec, ...]  # oldest first: post number 1 is the first
    social: SocialSpec

    def member(self, handle: str) -> MemberSpec:
        return next(m for m in self.members if m.handle == handle)


# ---- parsing ------------------------------------------------------------------------


def _unit(raw: dict[str, Any]) -> UnitSpec:
    return UnitSpec(
        slug=raw["slug"], name=raw["name"], kind=raw["kind"],
        parent=raw.get("parent", ""), short_name=raw.get("short", ""),
    )  # fmt: skip


def _blog(raw: dict[str, Any]) -> BlogSpec:
    return BlogSpec(
        slug=raw["slug"], title=raw["title"], description=raw.get("description", "").strip(),
        tags=tuple(raw.get("tags", ())), allow_guest_comments=raw.get("guests", False),
    )  # fmt: skip


def _member(raw: dict[str, Any]) -> MemberSpec:
    return MemberSpec(
        handle=raw["handle"], display_name=raw["name"], unit=raw.get("unit", ""),
        bio=raw.get("bio", "").strip(), tags=tuple(raw.get("tags", ())),
        staff=raw.get("staff", False), blogs=tuple(_blog(b) for b in raw.get("blogs", ())),
    )  # fmt: skip


def _comment(raw: dict[str, Any]) -> CommentSpec:
    return CommentSpec(
        text=raw["text"].strip(), hours=float(raw["hours"]), by=raw.get("by", ""),
        guest=raw.get("guest", ""), email=raw.get("email", ""), ip=raw.get("ip", ""),
        reply_to=raw.get("reply_to", 0), approved=raw.get("approved", False),
        accepted=raw.get("accepted", False), flag_by=raw.get("flag_by", ""),
        flag_reason=raw.get("flag_reason", ""),
    )  # fmt: skip


def _post(header: dict[str, Any], body: str, comments: list[dict[str, Any]]) -> PostSpec:
    text = body.strip("\n")
    first, _mark, _added = text.partition(EDIT_MARK)
    return PostSpec(
        key=header["key"], by=header["by"], blog=header["blog"], kind=header["kind"],
        title=header.get("title", ""), body_first=first.strip(),
        body="\n".join(line for line in text.splitlines() if line.strip() != EDIT_MARK).strip(),
        tags=tuple(header.get("tags", ())), days_ago=float(header["days_ago"]),
        time=header.get("time", "09:00"), licence=header.get("licence", ""),
        draft=header.get("draft", False),
        edited_days_after=float(header.get("edited_days_after", 0)),
        flowers=header.get("flowers", 0), comments=tuple(_comment(c) for c in comments),
    )  # fmt: skip


def parse_posts(text: str, source: str = "") -> list[PostSpec]:
    parts = _DELIMITER.split(text)
    posts: list[PostSpec] = []
    i = 1  # parts[0] is whatever precedes the first header (a file comment)
    while i < len(parts):
        if parts[i] != "+++" or i + 3 >= len(parts) or parts[i + 2] != "+++":
            raise ValueError(f"{source}: each post is '+++', a TOML header, '+++', its body")
        header = tomllib.loads(parts[i + 1])
        body = parts[i + 3]
        i += 4
        comments: list[dict[str, Any]] = []
        if i < len(parts) and parts[i] == "+++ comments":
            comments = tomllib.loads(parts[i + 1]).get("comments", [])
            i += 2
        posts.append(_post(header, body, comments))
    return posts


def _social(raw: dict[str, Any]) -> SocialSpec:
    blog_follows = []
    for follower, address in raw.get("blog_follows", ()):
        owner, slug = address.split("/", 1)
        blog_follows.append((follower, owner, slug))
    return SocialSpec(
        member_follows=tuple(tuple(pair) for pair in raw.get("follows", ())),  # type: ignore[misc]
        blog_follows=tuple(blog_follows),
        messages=tuple(
            MessageSpec(
                sender=m["from"],
                recipient=m["to"],
                subject=m["subject"],
                body=m["body"].strip(),
                read=m.get("read", False),
            )  # fmt: skip
            for m in raw.get("messages", ())
        ),
    )


@cache
def demo_data() -> DemoData:
    people = tomllib.loads((DATA_DIR / "people.toml").read_text(encoding="utf-8"))
    posts: list[PostSpec] = []
    for path in sorted((DATA_DIR / "posts").glob("*.md")):
        posts.extend(parse_posts(path.read_text(encoding="utf-8"), source=path.name))
    posts.sort(key=lambda p: (-p.days_ago, p.time, p.key))
    social = tomllib.loads((DATA_DIR / "social.toml").read_text(encoding="utf-8"))
    return DemoData(
        units=tuple(_unit(u) for u in people["units"]),
        members=tuple(_member(m) for m in people["members"]),
        posts=tuple(posts),
        social=_social(social),
    )

"""Load the demo organisation as a list of steps, each run once, each one transaction.

A step knows its size (for the progress bar), whether it is already loaded, and how to
load itself through the services. Apps add their own demo content by appending a Step
to STEPS (communities, sessions and knowledge assets come after the posts they cite).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from tqdm import tqdm

from chumchon.accounts.models import Member, OrgUnit
from chumchon.blogs.models import Blog, Post, PostRevision
from chumchon.comments.models import Comment, Flag, Flower
from chumchon.communities import demo as communities_demo
from chumchon.communities import demo_life
from chumchon.communities.models import Community, KnowledgeAsset, Network, Session
from chumchon.core.demo import conversations, people, posts, social
from chumchon.core.demo.context import DEMO_PASSWORD, DemoContext
from chumchon.core.demo.data import demo_data
from chumchon.follows.models import Follow, Message
from chumchon.health import demo as health_demo

__all__ = ["DEMO_PASSWORD", "STEPS", "Step", "demo_load", "demo_summary"]


@dataclass(frozen=True)
class Step:
    key: str
    label: str  # shown beside the progress bar
    size: Callable[[DemoContext], int]
    is_loaded: Callable[[DemoContext], bool]
    load: Callable[[DemoContext, Callable[[], object]], None]


STEPS: list[Step] = [
    Step("people", "หน่วยงานและสมาชิก", people.size, people.is_loaded, people.load),
    Step("posts", "บันทึก", posts.size, posts.is_loaded, posts.load),
    Step(
        "conversations",
        "ความเห็นและดอกไม้",
        conversations.size,
        conversations.is_loaded,
        conversations.load,
    ),  # fmt: skip
    Step("social", "การติดตามและข้อความ", social.size, social.is_loaded, social.load),
    Step(
        "communities",
        "ชุมชน เครือข่าย เวที และขุมความรู้",
        lambda ctx: communities_demo.demo_size(),
        lambda ctx: communities_demo.is_demo_loaded(),
        lambda ctx, advance: communities_demo.load_communities_demo(advance),
    ),
    Step("life", "ชีวิตชุมชน", demo_life.size, demo_life.is_loaded, demo_life.load),
    Step("health", "สุขภาวะชุมชน", health_demo.size, health_demo.is_loaded, health_demo.load),
]


@dataclass
class LoadResult:
    loaded: list[str] = field(default_factory=list)  # keys of the steps this run loaded
    refused: bool = False  # the database holds other data: the demo was not loaded
    seconds: float = 0.0


def _holds_other_data(ctx: DemoContext) -> bool:
    """True when the database has content that is not the demo's."""
    if people.is_loaded(ctx):
        return False
    return Member.objects.exists() or OrgUnit.objects.exists() or Post.objects.exists()


def demo_load(*, out: TextIO | None = None, progress: bool = True) -> LoadResult:
    """Load every step not loaded yet; never touch a database that holds other data."""
    started = time.monotonic()
    ctx = DemoContext(data=demo_data())
    result = LoadResult()
    if _holds_other_data(ctx):
        result.refused = True
        return result
    for step in STEPS:
        if step.is_loaded(ctx):
            continue
        with (
            tqdm(
                total=step.size(ctx),
                desc=step.label,
                unit="",
                file=out or sys.stderr,
                disable=not progress,
                leave=True,
            ) as bar,  # fmt: skip
            transaction.atomic(),
        ):
            step.load(ctx, bar.update)
        result.loaded.append(step.key)
    if result.loaded:
        _rebuild_search_index(out, progress)
    result.seconds = time.monotonic() - started
    return result


def _rebuild_search_index(out: TextIO | None, progress: bool) -> None:
    """What `chumchon reindex` does, so that search finds everything the demo made,
    however each step wrote it (the index also follows each write on commit)."""
    from chumchon.search import registry
    from chumchon.search.indexing import reindex

    total = sum(t.indexable().count() for t in registry.all_types())
    with tqdm(
        total=total, desc="ดัชนีค้นหา", unit="", file=out or sys.stderr, disable=not progress
    ) as bar:
        reindex(progress=lambda _doc_type, n: bar.update(n))


def demo_summary() -> dict[str, int]:
    """What the instance holds, as anyone (not signed in) can count it, plus held items."""
    anyone = AnonymousUser()
    posts_ = Post.objects.visible_to(anyone)
    comments = Comment.objects.visible_to(anyone)
    summary = {
        "organisations": OrgUnit.objects.organisations().count(),
        "units": OrgUnit.objects.exclude(parent=None).count(),
        "members": Member.objects.visible_to(anyone).filter(is_staff=False).count(),
        "blogs": Blog.objects.visible_to(anyone).count(),
        "posts": posts_.count(),
    }
    for kind in Post.Kind:
        summary[f"posts:{kind.value}"] = posts_.by_kind(kind).count()
    summary.update(
        {
            "drafts": Post.objects.filter(status=Post.Status.DRAFT).count(),
            "edited posts": posts_.exclude(edited_at=None).count(),
            "revisions": PostRevision.objects.count(),
            "reads": sum(posts_.values_list("read_count", flat=True)),
            "comments": comments.count(),
            "guest comments shown": comments.filter(author=None).count(),
            "guest comments held": Comment.objects.pending().count(),
            "replies": comments.exclude(parent=None).count(),
            "accepted answers": comments.filter(is_accepted=True).count(),
            "flowers": Flower.objects.count(),
            "follows": Follow.objects.count(),
            "messages": Message.objects.count(),
            "open flags": Flag.objects.open().count(),
            "communities": Community.objects.visible_to(anyone).count(),
            "networks": Network.objects.visible_to(anyone).count(),
            "sessions": Session.objects.visible_to(anyone).count(),
            "knowledge assets": KnowledgeAsset.objects.visible_to(anyone).count(),
        }
    )
    return summary

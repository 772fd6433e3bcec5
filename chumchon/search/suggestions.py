"""What to offer when a search finds nothing: a nearby tag, and people who write on it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from chumchon.accounts.models import Member
from chumchon.blogs.models import Post
from chumchon.core import thai
from chumchon.core.models import Tag

TAG_POOL = 2_000  # the most used tags that close-spelling matches are looked for in


@dataclass
class Suggestions:
    tags: list[Tag] = field(default_factory=list)
    people: list[Member] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.tags or self.people)


def suggest(*, user: Any, text: str, words: list[str], limit: int = 5) -> Suggestions:
    posts = Post.objects.visible_to(user).published()
    used = Tag.objects.filter(posts__in=posts)
    near = Q()
    for word in {w for w in words if len(w) > 1}:
        near |= Q(name__contains=word)
    spelled = _close_spellings(used, thai.normalise(text))
    if spelled:
        near |= Q(name__in=spelled)
    if not near:
        return Suggestions()
    tags = list(used.filter(near).annotate(n=Count("posts")).order_by("-n", "name")[:limit])
    people: list[Member] = []
    if tags:
        people = list(
            Member.objects.visible_to(user)
            .filter(posts__in=posts.filter(tags=tags[0]))
            .annotate(n=Count("posts"))
            .order_by("-n", "handle")[:3]
        )
    return Suggestions(tags=tags, people=people)


def _close_spellings(used: Any, text: str) -> list[str]:
    pool = list(
        used.values("name")
        .annotate(n=Count("posts"))
        .order_by("-n")
        .values_list("name", flat=True)[:TAG_POOL]
    )
    return difflib.get_close_matches(text, pool, n=5, cutoff=0.6)

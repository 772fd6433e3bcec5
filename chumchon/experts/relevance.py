"""Where the finder gets relevance(document, query): the documents that match, with scores.

The finder only needs a function `(query, viewer, limit) -> list[Hit]` that returns the
best-matching documents the viewer may read. `lexical_hits` is a plain word-matching
scorer over posts, comments, knowledge assets and sessions that works on any database;
it is replaced by the search index where that is available.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from chumchon.blogs.models import Post
from chumchon.comments.models import Comment
from chumchon.core.html import plain_text

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from chumchon.accounts.models import Member


@dataclass(frozen=True)
class Hit:
    kind: str  # "post", "comment", "asset", "session"
    pk: int
    score: float  # higher is more relevant
    snippet: str = ""


RelevanceSource = Callable[..., list[Hit]]

SNIPPET_CHARS = 160


def query_words(query: str) -> list[str]:
    """The query's words: Latin lower-cased, Thai kept whole between spaces."""
    words = [w.lower() if w.isascii() else w for w in re.split(r"\s+", query.strip())]
    return [w for w in dict.fromkeys(words) if w]


def snippet(text: str, words: list[str], width: int = SNIPPET_CHARS) -> str:
    """A window of the text around the first query word it contains."""
    lowered = text.lower()
    positions = [p for p in (lowered.find(w) for w in words) if p >= 0]
    start = max(min(positions, default=0) - width // 3, 0)
    piece = text[start : start + width].strip()
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def _score(text: str, title: str, words: list[str]) -> float:
    """Term frequency, saturated and length-normalised like BM25 (k1=1.2, b=0.75, avg 2 KB)."""
    lowered, length = text.lower(), max(len(text), 1)
    total = 0.0
    for w in words:
        tf = lowered.count(w) + 2 * title.lower().count(w)
        norm = 1.2 * (0.25 + 0.75 * length / 2000)
        total += tf * 2.2 / (tf + norm) if tf else 0.0
    return total * math.log(1 + len(words))


def _matching(words: list[str], *fields: str) -> Q:
    match = Q()
    for w in words:
        any_field = Q()
        for f in fields:
            any_field |= Q(**{f"{f}__icontains": w})
        match &= any_field
    return match


def lexical_hits(query: str, *, viewer: Member | AnonymousUser, limit: int = 500) -> list[Hit]:
    words = query_words(query)
    if not words:
        return []
    hits: list[Hit] = []
    posts = Post.objects.visible_to(viewer).published().filter(_matching(words, "title", "body"))
    for pk, title, body in posts.values_list("pk", "title", "body")[: limit * 2]:
        hits.append(Hit("post", pk, _score(body, title, words), snippet(body, words)))
    comments = Comment.objects.visible_to(viewer).filter(
        _matching(words, "body"), author__isnull=False
    )
    for pk, html in comments.values_list("pk", "body_html")[: limit * 2]:
        text = plain_text(html)
        hits.append(Hit("comment", pk, _score(text, "", words), snippet(text, words)))
    hits += _community_hits(words, viewer, limit)
    hits.sort(key=lambda h: -h.score)
    return hits[:limit]


def _community_hits(words: list[str], viewer: Member | AnonymousUser, limit: int) -> list[Hit]:
    from chumchon.communities.models import KnowledgeAsset, Session

    hits: list[Hit] = []
    assets = KnowledgeAsset.objects.visible_to(viewer).published()
    assets = assets.filter(_matching(words, "title", "summary", "steps"))
    for pk, title, summary, steps in assets.values_list("pk", "title", "summary", "steps")[:limit]:
        text = f"{summary}\n{steps}"
        hits.append(Hit("asset", pk, _score(text, title, words), snippet(text, words)))
    sessions = Session.objects.visible_to(viewer).filter(
        _matching(words, "title", "agenda", "notes", "aar_happened", "aar_next")
    )
    fields = ("pk", "title", "agenda", "notes", "aar_happened", "aar_next")
    for pk, title, *parts in sessions.values_list(*fields)[:limit]:
        text = "\n".join(parts)
        hits.append(Hit("session", pk, _score(text, title, words), snippet(text, words)))
    return hits

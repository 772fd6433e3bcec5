"""Where the finder gets relevance(document, query): the documents that match, with scores.

The finder only needs a function `(query, viewer, limit) -> list[Hit]` that returns the
best-matching documents the viewer may read.

`index_hits` (the default) asks the search index: posts ranked by the engine's own
relevance (bm25 on SQLite, ts_rank on PostgreSQL, title and tags above body): the
words as typed, then the same words in another reading, and partial matches only
where those are too few. The index holds a
post's comments with the post, so a comment is a hit when it is in a thread that
matches and itself names a query word. Knowledge assets and sessions come from the
index once their app registers them there, and from a plain word match until then.

`lexical_hits` is that plain word-matching scorer for every kind; tests and the
benchmark's baseline use it where an index is not the point.
"""

from __future__ import annotations

import html as html_lib
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.safestring import SafeString, mark_safe

from chumchon.blogs.models import Post
from chumchon.core.html import plain_text

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from chumchon.accounts.models import Member
    from chumchon.search.query import Node
    from chumchon.search.registry import DocumentType


@dataclass(frozen=True)
class Hit:
    kind: str  # "post", "comment", "asset", "session"
    pk: int
    score: float  # higher is more relevant
    snippet: str = ""
    # A hit may bring what its evidence needs, so the finder need not read it again:
    # (author id, published at, number, title); set for the tail of a ranking.
    row: tuple | None = None


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


# Documents with only some of the query's words are evidence only when too few have all
# of them (a query typed differently from how people write it), and count half. Past
# that, a partial match of "การแพทย์แผนไทย" is any post that says "แผน" or "ไทย".
ENOUGH = 10
PARTIAL = 0.5
# Full matches beyond the ranked ones: how many are read, and what share of the weakest
# ranked score each counts for.
TAIL = 1_000
TAIL_SHARE = 0.5


def index_hits(query: str, *, viewer: Member | AnonymousUser, limit: int = 500) -> list[Hit]:
    from chumchon.search import registry
    from chumchon.search.query import parse

    try:
        parsed = parse(query)
    except ValidationError:
        return []
    posts = registry.get("posts")
    if parsed.strict is None or posts is None:
        return []
    rows = _best_posts(posts, parsed.strict, viewer, limit)
    if len(rows) < limit and parsed.wider is not None:  # the same words, read another way
        rows += _best_posts(posts, parsed.wider, viewer, limit - len(rows))
    if len(rows) < ENOUGH and parsed.loose is not None:
        partial = _best_posts(posts, parsed.loose, viewer, limit - len(rows))
        rows += [(pk, score * PARTIAL) for pk, score in partial]
    hits = [Hit("post", pk, float(score)) for pk, score in rows]
    if len(rows) == limit:  # the ranking was cut: the rest still says who writes on it
        hits += _tail(posts, parsed.strict, viewer, {pk for pk, _s in rows}, rows[-1][1])
    hits += _thread_comments(dict(rows), sorted(parsed.highlight), viewer)
    hits += _registered_or_lexical(query, parsed, viewer, limit)
    return hits


def _tail(
    posts: DocumentType, node: Node, viewer: Member | AnonymousUser, ranked: set[int], floor: float
) -> list[Hit]:
    """Other full matches the viewer may read (the newest TAIL), at half the weakest
    ranked score.

    Ranking stops at the best few hundred documents; on a topic that thousands of posts
    discuss, those few hundred come one each from many writers, and the person who
    wrote forty of the rest would not count at all. Counting the rest at a floor keeps
    Balog's sum over all of a person's documents without ranking every match.
    """
    from chumchon.search.backends import backend

    base = posts.visible(viewer).filter(status=Post.Status.PUBLISHED)
    rows = (
        backend()
        .matching(base, posts, node)
        .order_by("-published_at")  # the newest: recency weighs them most anyway
        .values_list("pk", "author_id", "published_at", "number", "title")
    )
    score = floor * TAIL_SHARE
    return [Hit("post", r[0], score, row=r[1:]) for r in rows[:TAIL] if r[0] not in ranked]


def _best_posts(
    posts: DocumentType, node: Node, viewer: Member | AnonymousUser, limit: int
) -> list[tuple[int, float]]:
    """The best `limit` matching posts the viewer may read, best first.

    Ranking every match while joining the post table to check who may read it costs
    most on a big index; so the index ranks first (twice as many as needed), and the
    few hundred winners are then filtered through `visible(viewer)`. A viewer for whom
    more than half the winners are hidden gets fewer documents, never someone else's.
    """
    from chumchon.search.backends import backend

    matches = backend().matching(Post.objects.all(), posts, node)
    ranked = matches.order_by("-search_score", "pk").values_list("pk", "search_score")
    best = list(ranked[: limit * 2])
    readable = set(
        posts.visible(viewer)
        .filter(status=Post.Status.PUBLISHED, pk__in=[pk for pk, _s in best])
        .order_by()
        .values_list("pk", flat=True)
    )
    return [(pk, score) for pk, score in best if pk in readable][:limit]


def _thread_comments(
    scores: dict[int, float], words: list[str], viewer: Member | AnonymousUser
) -> list[Hit]:
    """Members' comments in matching threads that name a query word themselves."""
    if not scores or not words:
        return []
    from chumchon.experts.evidence import readable_comments

    rows = readable_comments(viewer).filter(
        _any(words, "body"), post_id__in=scores, author__isnull=False
    )
    return [Hit("comment", pk, scores[post]) for pk, post in rows.values_list("pk", "post_id")]


def _any(words: list[str], field: str) -> Q:
    match = Q()
    for w in words:
        match |= Q(**{f"{field}__icontains": w})
    return match


def _registered_or_lexical(
    query: str, parsed: object, viewer: Member | AnonymousUser, limit: int
) -> list[Hit]:
    from chumchon.search import registry
    from chumchon.search.backends import backend

    assets = registry.get("assets")
    if assets is None:
        return _community_hits(query_words(query), viewer, limit)
    ranked = backend().matching(assets.visible(viewer), assets, parsed.strict)  # type: ignore[attr-defined]
    rows = ranked.order_by("-search_score", "pk").values_list("pk", "search_score")[:limit]
    sessions = _community_hits(query_words(query), viewer, limit, assets=False)
    return [Hit("asset", pk, float(score)) for pk, score in rows] + sessions


def lexical_hits(query: str, *, viewer: Member | AnonymousUser, limit: int = 500) -> list[Hit]:
    from chumchon.experts.evidence import readable_comments

    words = query_words(query)
    if not words:
        return []
    hits: list[Hit] = []
    posts = Post.objects.visible_to(viewer).published().filter(_matching(words, "title", "body"))
    for pk, title, body in posts.values_list("pk", "title", "body")[: limit * 2]:
        hits.append(Hit("post", pk, _score(body, title, words), snippet(body, words)))
    comments = readable_comments(viewer).filter(_matching(words, "body"), author__isnull=False)
    for pk, html in comments.values_list("pk", "body_html")[: limit * 2]:
        text = plain_text(html)
        hits.append(Hit("comment", pk, _score(text, "", words), snippet(text, words)))
    hits += _community_hits(words, viewer, limit)
    hits.sort(key=lambda h: -h.score)
    return hits[:limit]


def _community_hits(
    words: list[str], viewer: Member | AnonymousUser, limit: int, *, assets: bool = True
) -> list[Hit]:
    from chumchon.communities.models import KnowledgeAsset, Session

    hits: list[Hit] = []
    found = KnowledgeAsset.objects.visible_to(viewer).published()
    found = found.filter(_matching(words, "title", "summary", "steps")) if assets else found.none()
    for pk, title, summary, steps in found.values_list("pk", "title", "summary", "steps")[:limit]:
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


def snippets_for(keys: list[str], query: str, viewer: Member | AnonymousUser) -> dict[str, str]:
    """Marked snippets ("post:12" -> html) for the few documents a page shows."""
    from chumchon.search.query import parse

    try:
        words = parse(query).highlight
    except ValidationError:
        return {}
    ids = {
        kind: [int(k.split(":")[1]) for k in keys if k.startswith(f"{kind}:")]
        for kind in ("post", "comment")
    }
    texts: dict[str, str] = {}
    if ids["post"]:
        posts = Post.objects.visible_to(viewer).filter(pk__in=ids["post"])
        texts |= {f"post:{pk}": html for pk, html in posts.values_list("pk", "body_html")}
    if ids["comment"]:
        from chumchon.experts.evidence import readable_comments

        comments = readable_comments(viewer).filter(pk__in=ids["comment"])
        texts |= {f"comment:{pk}": html for pk, html in comments.values_list("pk", "body_html")}
    return {key: marked(_near(plain(html), words), words) for key, html in texts.items()}


_TAG = re.compile(r"<[^>]*>")


def plain(rendered: str) -> str:
    """Text of our own sanitised HTML; a regular expression is many times faster than a
    parser, and what it returns is escaped before it is shown."""
    return " ".join(html_lib.unescape(_TAG.sub(" ", rendered)).split())


def marked(text: str, words: Iterable[str]) -> SafeString:
    """The text escaped, every occurrence of a query word in <mark>: a few microseconds,
    where segmenting each snippet to mark whole words costs a millisecond."""
    wanted = sorted({w for w in words if w}, key=len, reverse=True)
    if not wanted:
        return mark_safe(html_lib.escape(text))  # noqa: S308 - escaped
    pattern = re.compile("|".join(re.escape(w) for w in wanted), re.IGNORECASE)
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(html_lib.escape(text[last : m.start()]))
        out.append(f"<mark>{html_lib.escape(m.group())}</mark>")
        last = m.end()
    out.append(html_lib.escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece went through escape()


def _near(text: str, words: frozenset[str], before: int = 40, after: int = 220) -> str:
    """The stretch of a long text around its first query word: the snippet is cut from
    it, and marking words costs time in proportion to the text it is given."""
    lowered = text.lower()
    found = [i for i in (lowered.find(w) for w in words) if i >= 0]
    if not found or len(text) <= before + after:
        return text
    start = max(min(found) - before, 0)
    space = text.find(" ", start)
    start = space + 1 if 0 < space < start + 40 else start
    return ("…" if start else "") + text[start : start + before + after]

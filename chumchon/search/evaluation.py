"""Measuring search quality on the judged set: MRR@10, recall@10 and nDCG@10, for our
engine and for the substring (LIKE) search that WordPress and most CMSs do."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from chumchon.blogs.models import Blog, Post
from chumchon.blogs.services import post_create
from chumchon.search.judged import DOCS, QUERIES
from chumchon.search.searching import search

K = 10
Ranker = Callable[[str], list[int]]  # query -> post ids, best first


@dataclass
class Scores:
    mrr: float
    recall: float
    ndcg: float
    queries: int

    def line(self, name: str) -> str:
        return (
            f"{name:<10} MRR@10 {self.mrr:.3f}  recall@10 {self.recall:.3f}  "
            f"nDCG@10 {self.ndcg:.3f}  ({self.queries} queries)"
        )


def plant(blog: Blog) -> dict[str, int]:
    """Write the judged documents as posts of `blog`'s owner; returns key -> post id."""
    keys = {}
    for doc in DOCS:
        post = post_create(
            blog=blog, author=blog.owner, title=doc.title, body=doc.body, kind=doc.kind,
            tags=list(doc.tags),
        )  # fmt: skip
        keys[doc.key] = post.pk
    return keys


def evaluate(rank: Ranker, keys: dict[str, int]) -> Scores:
    mrr = recall = ndcg = 0.0
    for query, relevant_keys in QUERIES:
        relevant = {keys[k] for k in relevant_keys}
        ranked = rank(query)[:K]
        first = next((i for i, pk in enumerate(ranked) if pk in relevant), None)
        mrr += 0.0 if first is None else 1.0 / (first + 1)
        recall += len(relevant & set(ranked)) / len(relevant)
        dcg = sum(1 / math.log2(i + 2) for i, pk in enumerate(ranked) if pk in relevant)
        ideal = sum(1 / math.log2(i + 2) for i in range(min(K, len(relevant))))
        ndcg += dcg / ideal
    n = len(QUERIES)
    return Scores(mrr / n, recall / n, ndcg / n, n)


def ours(user: Any) -> Ranker:
    def rank(query: str) -> list[int]:
        return [h.object.pk for h in search(user=user, q=query, per_page=K).hits]

    return rank


_PART = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')


def like_baseline(user: Any) -> Ranker:
    """WordPress's search: each space-separated term must appear (LIKE %term%) in the title
    or the text; "-term" must not; posts whose title has the whole query come first,
    then the newest."""

    def rank(query: str) -> list[int]:
        qs: QuerySet = Post.objects.visible_to(user).published()
        for minus, phrase, minus2, word in _PART.findall(query):
            term = phrase or word
            where = Q(title__icontains=term) | Q(body__icontains=term)
            qs = qs.exclude(where) if (minus or minus2) else qs.filter(where)
        ranked = qs.order_by("-published_at").values_list("pk", "title")[:500]
        whole = query.strip('"')
        return [pk for pk, title in sorted(ranked, key=lambda r: whole not in r[1])][:K]

    return rank

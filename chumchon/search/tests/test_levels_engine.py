"""On either engine a big group is ranked by impact levels first (`impacts.best`: the
best RANKED by levels go to the engine's own ranking, bm25 or ts_rank), and the judged
queries get the results ranking every member gives; an index without levels ranks as
before."""

from __future__ import annotations

import random

from django.contrib.auth.models import AnonymousUser
from django.db import connection

from chumchon.core.generate import make_members, make_posts, make_units
from chumchon.core.testing import Cast
from chumchon.search import impacts
from chumchon.search.backends import backend
from chumchon.search.evaluation import evaluate, ours, plant
from chumchon.search.indexing import reindex
from chumchon.search.judged import QUERIES
from chumchon.search.searching import search


def _judged(cast: Cast, n: int) -> dict[str, int]:
    rng = random.Random(7)
    make_posts(n, rng, make_members(30, rng, make_units(rng), seed=7), comments_per_post=0.5)
    keys = plant(cast.somying_blog)
    reindex(workers=1)
    return keys


def _tops(queries: list[str]) -> dict[str, list[str]]:
    user = AnonymousUser()
    return {q: [h.key for h in search(user=user, q=q, per_page=10).hits] for q in queries}


def test_it_ranks_big_groups_by_levels_as_the_engine_ranks_them(cast: Cast, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Groups of more than 16 ranked by levels first, against every group ranked whole:
    the same first result on the judged queries, the same MRR@10."""
    keys = _judged(cast, 400)
    user = AnonymousUser()
    queries = [q for q, _ in QUERIES]
    calls: list[bool] = []
    best = impacts.best

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        found = best(*args, **kwargs)
        calls.append(found is not None)
        return found

    monkeypatch.setattr(impacts, "RANKED", 10**9)
    exact, exact_mrr = _tops(queries), evaluate(ours(user), keys).mrr
    monkeypatch.setattr(impacts, "RANKED", 16)
    monkeypatch.setattr(impacts, "best", counted)
    levelled, mrr = _tops(queries), evaluate(ours(user), keys).mrr
    assert sum(calls) >= 20  # the levels chose the candidates of many groups
    first = sum(levelled[q][:1] == exact[q][:1] for q in exact)
    share = 0.97 if connection.vendor == "sqlite" else 0.95  # bm25 against ts_rank
    assert first >= share * len(exact), (connection.vendor, first, len(exact))
    assert mrr >= exact_mrr - 0.01, (connection.vendor, mrr, exact_mrr)


def test_it_ranks_as_without_levels_when_the_index_has_none(cast: Cast, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """An index built before the levels (migration not run) ranks as when levels are
    never used; building them brings the levelled order back."""
    _judged(cast, 150)
    queries = [q for q, _ in QUERIES[:40]]
    monkeypatch.setattr(impacts, "RANKED", 16)
    levelled = _tops(queries)
    monkeypatch.setattr(impacts, "RANKED", 10**9)
    unlevelled = _tops(queries)
    with connection.cursor() as cursor:
        impacts.clear(cursor)
    monkeypatch.setattr(impacts, "RANKED", 16)
    assert _tops(queries) == unlevelled
    backend().build_levels()  # type: ignore[attr-defined]
    assert _tops(queries) == levelled

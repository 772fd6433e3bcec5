"""The expertise table: Model 2's sums kept per person, word and scope, ready before anyone asks.

Model 2 with a relevance that adds up over the query's words factorises:

    Σ_d rel(d, q) · a(d, p) · 2^(−age_d / h)
        = Σ_t idf(t) / Σ idf · Σ_d w(d, t) · a(d, p) · 2^((t_d − T0) / h) · 2^((T0 − now) / h)
        = Σ_t idf(t) / Σ idf · W(p, t) · 2^((T0 − now) / h)

so W(p, t) (`ExpertWeight`) is stored for every person and word, split by scope (who may
read the documents), with the recency factor taken against a fixed epoch T0. A query
reads only the rows of its words in the scopes the viewer may read. Each person's
volume V(p) (Σ a(d, p) over everything they wrote) is stored the same way
(`ExpertVolume`), and the document part of a score is Σ / max(V, 1)^½ (see ranking.py).

The rows of a person are recomputed whole whenever one of their documents changes
(`expertise_refresh`, called from core/effects.py), which costs about a millisecond per
document they wrote; `expertise_rebuild` recomputes everyone.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.db.models import Max

from chumchon.experts.documents import EVERYONE, Document, Scope, documents_of, everything
from chumchon.experts.models import ExpertScope, ExpertTerm, ExpertVolume, ExpertWeight
from chumchon.experts.ranking import DEFAULT_WEIGHTS, Weights

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from chumchon.accounts.models import Member

    Viewer = Member | AnonymousUser

# The recency epoch: weights are stored as 2^((t − T0) / h). Doubles hold 2^±1000, so
# with a half-life of two years no rebasing is needed for some two thousand years.
T0 = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
CHUNK = 500  # people per batch of a rebuild


def growth(at: dt.datetime, weights: Weights = DEFAULT_WEIGHTS) -> float:
    return 2.0 ** ((at - T0).total_seconds() / 86_400 / weights.half_life_days)


def decay_since_epoch(now: dt.datetime, weights: Weights = DEFAULT_WEIGHTS) -> float:
    """2^((T0 − now) / h): turns stored weights into weights as of now."""
    return 2.0 ** ((T0 - now).total_seconds() / 86_400 / weights.half_life_days)


# ---- sums for a set of people ------------------------------------------------------------

Sums = dict[int, tuple[dict[tuple[str, Scope], float], dict[Scope, float]]]


def sums(documents: Iterable[Document], weights: Weights = DEFAULT_WEIGHTS) -> Sums:
    """person -> ({(word, scope): W}, {scope: V})."""
    out: Sums = {}
    for d in documents:
        table, volume = out.setdefault(d.person_id, ({}, {}))
        a = weights.association[d.kind]
        volume[d.scope] = volume.get(d.scope, 0.0) + a
        g = a * growth(d.at, weights)
        for term, w in d.weights.items():
            key = (term, d.scope)
            table[key] = table.get(key, 0.0) + w * g
    return out


def sums_for(person_ids: list[int]) -> Sums:
    return sums(documents_of(person_ids, everything()))


# ---- ids of words and scopes ---------------------------------------------------------------


class Ids:
    """Ids of words and scopes, created on first use and remembered for a rebuild."""

    def __init__(self) -> None:
        self.terms: dict[str, int] = {}
        self.scopes: dict[Scope, int | None] = {EVERYONE: None}

    def term_ids(self, words: Iterable[str]) -> dict[str, int]:
        missing = [w for w in set(words) if w not in self.terms]
        if missing:
            for start in range(0, len(missing), 500):
                chunk = missing[start : start + 500]
                ExpertTerm.objects.bulk_create(
                    [ExpertTerm(text=w) for w in chunk], ignore_conflicts=True
                )
                self.terms.update(
                    ExpertTerm.objects.filter(text__in=chunk).values_list("text", "pk")
                )
        return self.terms

    def scope_id(self, scope: Scope) -> int | None:
        if scope not in self.scopes:
            key = ",".join(str(c) for c in sorted(scope))
            row, created = ExpertScope.objects.get_or_create(key=key)
            if created:
                row.communities.set(sorted(scope))
            self.scopes[scope] = row.pk
        return self.scopes[scope]


def _rows(found: Sums, ids: Ids) -> tuple[list[tuple], list[tuple]]:
    terms = ids.term_ids({t for table, _v in found.values() for t, _s in table})
    weights, volumes = [], []
    for person, (table, volume) in found.items():
        public = volume.get(EVERYONE, 0.0)
        for (term, scope), w in table.items():
            weights.append((person, terms[term], ids.scope_id(scope), w, public))
        for scope, v in volume.items():
            volumes.append((person, ids.scope_id(scope), v))
    return weights, volumes


def _insert(weights: list[tuple], volumes: list[tuple]) -> None:
    w, v = ExpertWeight._meta.db_table, ExpertVolume._meta.db_table
    with connection.cursor() as cursor:
        for start in range(0, len(weights), 5000):
            cursor.executemany(
                f"INSERT INTO {w} (person_id, term_id, scope_id, weight, public_volume) "
                "VALUES (%s, %s, %s, %s, %s)",
                weights[start : start + 5000],
            )
        cursor.executemany(
            f"INSERT INTO {v} (person_id, scope_id, volume) VALUES (%s, %s, %s)", volumes
        )


@transaction.atomic
def expertise_refresh(*, person_ids: Iterable[int]) -> int:
    """Recompute the rows of these people from their documents; returns rows written."""
    people = sorted(set(person_ids))
    if not people:
        return 0
    _learn_tags(people)
    ExpertWeight.objects.filter(person_id__in=people).delete()
    ExpertVolume.objects.filter(person_id__in=people).delete()
    weights, volumes = _rows(sums_for(people), Ids())
    _insert(weights, volumes)
    return len(weights)


def expertise_refresh_pending(*, progress: Callable[[int], None] | None = None) -> int:
    """Recompute the people queued by the on-commit hooks; returns how many."""
    from chumchon.experts.models import ExpertPending

    done = 0
    while True:
        batch = list(ExpertPending.objects.order_by("pk").values_list("person_id", flat=True)[:50])
        if not batch:
            return done
        with transaction.atomic():
            expertise_refresh(person_ids=batch)
            ExpertPending.objects.filter(person_id__in=batch).delete()
        done += len(batch)
        if progress:
            progress(len(batch))


def _learn_tags(people: list[int]) -> None:
    """The segmenter keeps tags whole (as search's indexing teaches it)."""
    from chumchon.core import thai
    from chumchon.core.models import Tag

    names = Tag.objects.filter(posts__author_id__in=people).values_list("name", flat=True)
    thai.add_words(set(names))


# ---- rebuilding everything -------------------------------------------------------------------


def _chunks(size: int, after: int) -> Iterator[list[int]]:
    from chumchon.accounts.models import Member

    people = Member.objects.filter(is_active=True, pk__gt=after).order_by("pk")
    ids = list(people.values_list("pk", flat=True))
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def expertise_rebuild(
    *,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    resume: bool = False,
) -> int:
    """Empty the table and compute every active member's rows; returns rows written.

    `workers` processes (default: one per CPU when there are many people) read and
    weigh documents while this one writes. People are written in order of id, a batch
    per transaction, so a rebuild that was stopped can `resume` after the last person
    written.
    """
    from chumchon.accounts.models import Member
    from chumchon.core import thai
    from chumchon.core.models import Tag

    tags = list(Tag.objects.values_list("name", flat=True))
    thai.add_words(tags, reload=True)
    from chumchon.experts.models import ExpertPending

    ExpertPending.objects.all().delete()
    after = 0
    if resume:
        after = ExpertVolume.objects.aggregate(m=Max("person_id"))["m"] or 0
    else:
        with transaction.atomic(), connection.cursor() as cursor:
            # One statement: the ORM would read millions of rows to delete them.
            for model in (ExpertWeight, ExpertVolume):
                cursor.execute(f"DELETE FROM {model._meta.db_table}")
    if workers is None:
        workers = (os.cpu_count() or 1) if Member.objects.count() > 5 * CHUNK else 1
    ids, written = Ids(), 0

    def write(found: Sums, people: int) -> None:
        nonlocal written
        weights, volumes = _rows(found, ids)
        with transaction.atomic():
            _insert(weights, volumes)
        written += len(weights)
        if progress:
            progress(people)

    chunks = _chunks(CHUNK, after)
    if workers <= 1:
        for chunk in chunks:
            write(sums_for(chunk), len(chunk))
    else:
        from chumchon.experts import workers as helpers

        with ProcessPoolExecutor(
            workers, mp_context=get_context("spawn"), initializer=helpers.start,
            initargs=(tags,),
        ) as pool:  # fmt: skip
            pending = []
            for chunk in chunks:
                pending.append((pool.submit(helpers.chunk_sums, chunk), len(chunk)))
                while len(pending) > 2 * workers:
                    future, n = pending.pop(0)
                    write(future.result(), n)
            for future, n in pending:
                write(future.result(), n)
    _analyse()
    return written


def _analyse() -> None:
    """Statistics for the planner; on SQLite from a sample, as `PRAGMA optimize` takes."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit = 1000")
        for model in (ExpertWeight, ExpertVolume):
            cursor.execute(f"ANALYZE {model._meta.db_table}")


# ---- reading: the document part of everyone's score, for one viewer -----------------------


def term_ids(words: Iterable[str]) -> dict[str, int]:
    """The ids of those of these words the table knows."""
    return dict(ExpertTerm.objects.filter(text__in=set(words)).values_list("text", "pk"))


def known_terms(words: list[str]) -> set[str]:
    """Which of these are words of the table."""
    return set(term_ids(words))


def readable_scopes(viewer: Viewer) -> list[int] | None:
    """Scopes this viewer may read beyond the public one; None: every scope (staff)."""
    from chumchon.communities.models import Membership

    if getattr(viewer, "is_staff", False):
        return None
    if not getattr(viewer, "is_authenticated", False):
        return []
    mine = Membership.objects.active().filter(member_id=viewer.pk).values("community_id")
    through = ExpertScope.communities.through.objects.filter(community_id__in=mine)
    return sorted(set(through.values_list("expertscope_id", flat=True)))


def idf(term_ids: list[int], scopes: list[int] | None) -> dict[int, float]:
    """ln(1 + P / people using the word): rare words weigh more in a query of several.

    Counted over the rows the viewer may read, so closed writing shapes nothing they see.
    """
    if len(term_ids) == 1:
        return {term_ids[0]: 1.0}
    where, params = _scope_filter(scopes)
    marks = ", ".join(["%s"] * len(term_ids))
    # With the public scope only there is one row per person: counting rows counts people.
    people_count = "COUNT(*)" if scopes == [] else "COUNT(DISTINCT person_id)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term_id, {people_count} FROM {ExpertWeight._meta.db_table} "
            f"WHERE term_id IN ({marks}) AND {where} GROUP BY term_id",
            [*term_ids, *params],
        )
        people = dict(cursor.fetchall())
        cursor.execute(
            f"SELECT {people_count} FROM {ExpertVolume._meta.db_table} WHERE {where}", params
        )
        total = cursor.fetchone()[0] or 1
    return {t: math.log(1 + total / people[t]) for t in term_ids if people.get(t)}


def _scope_filter(scopes: list[int] | None, column: str = "scope_id") -> tuple[str, list[int]]:
    if scopes is None:
        return "1 = 1", []
    if not scopes:
        return f"{column} IS NULL", []
    marks = ", ".join(["%s"] * len(scopes))
    return f"({column} IS NULL OR {column} IN ({marks}))", list(scopes)


def document_scores(
    terms: list[str],
    viewer: Viewer,
    *,
    now: dt.datetime,
    limit: int,
    people: Iterable[int] | None = None,
    members: tuple[str, list[object]] | None = None,
    known: dict[str, int] | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[tuple[int, float]]:
    """(person, Σ_t idf·W / Σ idf · decay / max(V, 1)^½), best first, at most `limit`.

    `people` narrows to those ids; `members` is SQL ("person_id IN (…)", params) from
    the finder's filters.

    `known` maps words to ids where the caller has looked them up already.
    """
    if known is None:
        known = term_ids(terms)
    ids = {known[t]: t for t in terms if t in known}
    if not ids:
        return []
    scopes = readable_scopes(viewer)
    weight_of = idf(list(ids), scopes)
    if not weight_of:
        return []
    total = sum(weight_of.values())
    where, params = _scope_filter(scopes)
    case = " ".join("WHEN %s THEN %s" for _t in weight_of)
    case_params = [x for t, w in weight_of.items() for x in (t, w / total)]
    marks = ", ".join(["%s"] * len(weight_of))
    extra, extra_params = "", []
    if people is not None:
        chosen = list(people) or [0]
        extra = f" AND person_id IN ({', '.join(['%s'] * len(chosen))})"
        extra_params = chosen
    if members is not None:
        extra += f" AND {members[0]}"
        extra_params += members[1]
    private = _private_volumes(scopes)
    table = ExpertWeight._meta.db_table
    inner = (
        f"SELECT person_id, SUM(weight * CASE term_id {case} ELSE 0 END) AS raw, "
        f"MAX(public_volume) AS pv FROM {table} WHERE term_id IN ({marks}) AND {where}{extra} "
        "GROUP BY person_id"
    )
    inner_params = [*case_params, *weight_of, *params, *extra_params]
    volume, join, join_params = "s.pv", "", []
    if private is not None:
        volume = "s.pv + COALESCE(x.v, 0)"
        join, join_params = f" LEFT JOIN ({private[0]}) x ON x.person_id = s.person_id", private[1]
    # raw / max(V, 1)^½ orders people as raw² / max(V, 1) does, with no square root in SQL.
    sql = (
        f"SELECT s.person_id, s.raw, {volume} FROM ({inner}) s{join} "
        f"ORDER BY s.raw * s.raw / (CASE WHEN {volume} > 1 THEN {volume} ELSE 1 END) DESC, "
        "s.person_id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*inner_params, *join_params, limit])
        rows = cursor.fetchall()
    factor = decay_since_epoch(now, weights)
    exponent = weights.volume_exponent
    return [(p, raw * factor * max(v, 1.0) ** -exponent) for p, raw, v in rows if raw > 0]


def _private_volumes(scopes: list[int] | None) -> tuple[str, list[int]] | None:
    table = ExpertVolume._meta.db_table
    if scopes is None:
        return (
            f"SELECT person_id, SUM(volume) AS v FROM {table} WHERE scope_id IS NOT NULL "
            "GROUP BY person_id",
            [],
        )
    if not scopes:
        return None
    marks = ", ".join(["%s"] * len(scopes))
    return (
        f"SELECT person_id, SUM(volume) AS v FROM {table} WHERE scope_id IN ({marks}) "
        "GROUP BY person_id",
        list(scopes),
    )


# ---- the same scores computed directly, for tests and for checking a table ---------------


def direct_scores(
    terms: list[str], viewer: Viewer, *, now: dt.datetime, weights: Weights = DEFAULT_WEIGHTS
) -> dict[int, float]:
    """Model 2 over every document the viewer may read, with no table: slow, exact."""
    from chumchon.accounts.models import Member
    from chumchon.experts.documents import readable_by

    people = list(Member.objects.filter(is_active=True).values_list("pk", flat=True))
    docs = list(documents_of(people, readable_by(viewer)))
    per_term: dict[str, int] = defaultdict(int)  # people using each word, as idf counts them
    users: dict[str, set[int]] = defaultdict(set)
    for d in docs:
        for t in d.weights:
            users[t].add(d.person_id)
    for t, who in users.items():
        per_term[t] = len(who)
    authors = {d.person_id for d in docs}
    known = [t for t in terms if per_term.get(t)]
    if len(known) == 1:
        weight_of = {known[0]: 1.0}
    else:
        weight_of = {t: math.log(1 + len(authors) / per_term[t]) for t in known}
    total = sum(weight_of.values())
    score: dict[int, float] = defaultdict(float)
    volume: dict[int, float] = defaultdict(float)
    for d in docs:
        a = weights.association[d.kind]
        volume[d.person_id] += a
        rel = sum(weight_of[t] * d.weights.get(t, 0.0) for t in weight_of) / (total or 1)
        if rel:
            age = (now - d.at).total_seconds() / 86_400  # as the table: no clamp at now
            score[d.person_id] += rel * a * 0.5 ** (age / weights.half_life_days)
    exponent = weights.volume_exponent
    return {p: s * max(volume[p], 1.0) ** -exponent for p, s in score.items() if s > 0}

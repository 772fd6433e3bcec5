"""Running a search: full matches first, then partial ones; counts, facets, snippets.

Every row, count and facet comes from the document type's `visible(user)` QuerySet
joined to the index, so nothing a viewer may not read is ever counted or shown.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.db.models import Count, Model, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString

from chumchon.search import beside, registry
from chumchon.search.backends import COUNT_CAP, Backend, backend
from chumchon.search.query import Node, ParsedQuery, parse
from chumchon.search.registry import DocumentType
from chumchon.search.snippets import marked, snippet_found

CANDIDATES = 60  # how many of the index's best a page starts from
# Ranking cost grows with the number of matches, so a very common query ranks only the
# newest this many of its matches (see backends.top): full matches, and partial matches,
# which only fill a page when there are few full ones.
RANK_WINDOW = {True: 2_000, False: 500}
COUNT_WALK = 1_100  # newest matches a count looks at before it counts the joined query
FACET_WINDOW = 1_000  # facets count the best this many results
FACET_VALUES = 8
Tier = tuple[Node, Node | None, bool]  # expression, boost, full match


@dataclass
class Hit:
    key: Any  # number for posts, slug/handle for people and communities
    title: str
    url: str
    score: float
    snippet: SafeString
    object: Any
    full_match: bool
    terms: frozenset[str] = frozenset()  # the searched words, for marking
    strong: frozenset[str] = frozenset()  # those marked on their own (snippets.py)
    snippet_marked: bool = True  # the snippet shows a searched word
    snippet_label: str = ""  # where the snippet comes from, when not the result's own text

    @cached_property
    def title_marked(self) -> SafeString:
        """The title escaped, the searched words in <mark>; made only for the HTML page."""
        return marked(self.title, self.terms, self.strong)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetCounts:
    key: str
    label: str
    values: list[FacetValue]


@dataclass
class SearchResults:
    q: str
    type: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    capped: bool = False  # the total is a lower bound
    page: int = 1
    per_page: int = 20
    facets: list[FacetCounts] = field(default_factory=list)
    error: str = ""
    query: ParsedQuery | None = None

    @property
    def pages(self) -> int:
        return max(1, -(-min(self.total, COUNT_CAP) // self.per_page))

    @property
    def first_number(self) -> int:
        return (self.page - 1) * self.per_page + 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def _among(qs: QuerySet, ids: list[int]) -> QuerySet:
    """`qs` narrowed to `ids` (ids already checked against the viewer's visible_to). Long
    lists travel as one parameter (JSON on SQLite, an array on PostgreSQL): Django
    prepares each id of a `pk__in` list on its own."""
    vendor = connections[qs.db].vendor
    if len(ids) > 50 and vendor in _LISTED_SQL:
        return qs.filter(pk__in=RawSQL(_LISTED_SQL[vendor], (_listed(vendor, ids),)))
    return qs.filter(pk__in=ids)


# A list of ids as one parameter: JSON on SQLite, an array on PostgreSQL (`_listed`).
_LISTED_SQL = {
    "sqlite": "SELECT value FROM json_each(%s)",
    "postgresql": "SELECT unnest(%s::bigint[])",
}


def _listed(vendor: str, ids: list[int]) -> Any:
    """`ids` as the one parameter of `_LISTED_SQL` (and of `Visible`'s statement)."""
    return list(ids) if vendor == "postgresql" else json.dumps(ids)


# Compiled `Visible` statements of unfiltered searches, kept across searches: key ->
# (SQL, parameters). The key is the type's `viewer_key` of the viewer (what its
# `visible(user)` depends on) with the database, so a statement is only ever reused for
# a viewer whose visible_to QuerySet is the same. A few hundred viewers at most between
# restarts on a busy site; emptied when it reaches `_COMPILED_MAX`.
_COMPILED: dict[Hashable, tuple[str, tuple[Any, ...]]] = {}
_COMPILED_MAX = 1_000


class Visible:
    """Which ids of a list the viewer may see: `qs` (the viewer's visible_to QuerySet,
    facet filters included) compiled to SQL once, then checked for each listed id by its
    key in one raw statement. The ids drive the plan: for a signed-in viewer, whose rule
    is "published, or mine", SQLite otherwise read every published post through an OR of
    two indexes (2 s at 1M). Building and compiling the QuerySet costs Django about 1.5
    ms: an unfiltered search of a type with a `viewer_key` reuses the statement compiled
    for an earlier search with the same key (`_COMPILED`), and builds `qs` only when a
    search needs the QuerySet itself (a count or facets through the joined query)."""

    def __init__(
        self,
        qs: QuerySet | Callable[[], QuerySet],
        *,
        db: str | None = None,
        key: Hashable | None = None,
    ) -> None:
        self._make = qs if not isinstance(qs, QuerySet) else None
        if isinstance(qs, QuerySet):
            self.__dict__["qs"] = qs
        self.db = db if db is not None else self.qs.db
        self._key = None if key is None else (self.db, key)
        self._compiled: tuple[str, tuple[Any, ...]] | None = None

    @classmethod
    def of(cls, doc_type: DocumentType, user: Any, filters: dict[str, str]) -> Visible:
        """What `user` may see of `doc_type`, narrowed by facet `filters`."""
        key = None
        if doc_type.viewer_key is not None and not any(filters.values()):
            key = (doc_type.name, doc_type.viewer_key(user))
        return cls(
            lambda: _narrowed(doc_type, user, filters),
            db=router.db_for_read(doc_type.model),
            key=key,
        )

    @cached_property
    def qs(self) -> QuerySet:
        assert self._make is not None
        return self._make()

    def _exists(self) -> tuple[str, tuple[Any, ...]]:
        """The visible rows whose key is the listed id ("j"."value"), compiled."""
        if self._compiled is None:
            found = _COMPILED.get(self._key) if self._key is not None else None
            if found is None:
                inner = self.qs.filter(pk=RawSQL('"j"."value"', ())).order_by().values("pk")
                sql, params = inner.query.sql_with_params()
                found = (sql, tuple(params))
                if self._key is not None:
                    if len(_COMPILED) >= _COMPILED_MAX:
                        _COMPILED.clear()
                    _COMPILED[self._key] = found
            self._compiled = found
        return self._compiled

    def statement(self, ids: list[int], limit: int | None = None) -> tuple[str, list[Any]]:
        """SQL and parameters of the visible ones of `ids`, in their order."""
        exists, params = self._exists()
        vendor = connections[self.db].vendor
        listed = _listed(vendor, ids)
        if vendor == "postgresql":
            source = 'unnest(%s::bigint[]) AS "j"("value")'
        else:
            source = 'json_each(%s) AS "j"'
        sql = f'SELECT "j"."value" FROM {source} WHERE EXISTS ({exists})'
        if limit is None:
            return sql, [listed, *params]
        return f"{sql} LIMIT %s", [listed, *params, limit]

    def ids(self, ids: list[int]) -> list[int]:
        """The visible ones of `ids`, in their order."""
        if not ids:
            return []
        with connections[self.db].cursor() as cursor:
            cursor.execute(*self.statement(ids))
            return [int(pk) for (pk,) in cursor.fetchall()]

    def count(self, ids: list[int], cap: int, engine: Backend | None = None) -> int:
        """How many of `ids` are visible, counting no further than `cap` (a long list in
        two halves at once if the `engine`'s search may split, see beside.py; both
        halves stop at `cap`, so the sum is exact up to `cap` and above it past it)."""
        if not ids:
            return 0
        self._exists()  # compiled here: building the viewer's QuerySet may read the database

        def counted(cursor: Any, part: list[int]) -> int:
            sql, params = self.statement(part, cap)
            cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS seen", params)
            return int(cursor.fetchone()[0])

        split = engine is not None and engine.split
        planner_sql = engine.planner_sql if engine is not None else ""
        return sum(beside.in_halves(self.db, planner_sql, ids, counted, split=split))


def _count(
    engine: Backend, doc_type: DocumentType, visible: Visible, node: Node, boost: Node | None
) -> tuple[int, bool]:
    """How many results the viewer may see, up to COUNT_CAP (and whether there are more).

    When the engine already walked the newest matches, they are checked
    through `visible`, the viewer's visible_to QuerySet, instead of walking them again;
    otherwise the index joined to that QuerySet is counted."""
    # A tier ranked over a smaller window than the count needs walks on (ids only),
    # which costs less than counting the joined query.
    found = engine.known(doc_type, node, at_least=COUNT_WALK)
    if found is not None:
        ids, every = found
        # The newest 1,100 usually settle it (a few are drafts); all of them if not.
        for some in (ids[:COUNT_WALK], ids) if len(ids) > COUNT_WALK else (ids,):
            n = visible.count(some, COUNT_CAP + 1, engine)
            if n > COUNT_CAP or (every and len(some) == len(ids)):
                return min(n, COUNT_CAP), n > COUNT_CAP
    matching = engine.matching(visible.qs, doc_type, node, boost)
    n = matching.order_by().values("pk")[: COUNT_CAP + 1].count()
    return min(n, COUNT_CAP), n > COUNT_CAP


def _narrowed(doc_type: DocumentType, user: Any, filters: dict[str, str]) -> QuerySet:
    qs = doc_type.visible(user)
    for facet in doc_type.facets:
        value = filters.get(facet.key)
        if value:
            qs = qs.filter(**facet.scope(user).filter_kwargs(value))
    return qs


def search(
    *,
    user: Any,
    q: str,
    type: str = "posts",
    filters: dict[str, str] | None = None,
    page: int = 1,
    per_page: int | None = None,
    with_details: bool = False,
) -> SearchResults:
    """One page of results; `with_details` adds facets and what a results page shows
    beside each hit (author, unit, tags), which the JSON API does not need."""
    per_page = per_page or settings.CHUMCHON_PAGE_SIZE
    results = SearchResults(q=q, type=type, page=max(1, page), per_page=per_page)
    doc_type = registry.get(type)
    try:
        parsed = parse(q)
    except ValidationError as error:
        results.error = " ".join(error.messages)
        return results
    results.query = parsed
    if doc_type is None or parsed.strict is None:
        return results
    engine = backend()
    with engine.session():
        _run(results, engine, doc_type, parsed, user, filters or {}, with_details)
    return results


def _run(
    results: SearchResults,
    engine: Backend,
    doc_type: DocumentType,
    parsed: ParsedQuery,
    user: Any,
    filters: dict[str, str],
    with_details: bool,
) -> None:
    """Fill `results` tier by tier until the page is full."""
    per_page = results.per_page
    visible = Visible.of(doc_type, user, filters)
    start = (results.page - 1) * per_page
    rows: list[tuple[Any, bool]] = []
    # each tier reached, with its number of results and whether that is a lower bound
    counted: list[tuple[Tier, int, bool]] = []
    offset = start
    for node, boost, full in parsed.tiers():
        need = per_page - len(rows)
        found = []
        if need:
            window = RANK_WINDOW[full]
            found = _best(
                engine, doc_type, visible, node, boost, bool(filters), with_details, window
            )(offset, need)
        rows += [(o, full) for o in found]
        if len(found) < need and (found or not offset):
            total = offset + len(found)  # this tier ran out on this page: no need to count
        else:
            total, results.capped = _count(engine, doc_type, visible, node, boost)
        counted.append(((node, boost, full), total, results.capped))
        offset = max(0, offset - total)
        if results.capped or (len(rows) == per_page and total > start + per_page):
            break
    results.total = sum(total for _tier, total, _capped in counted)
    results.hits = [_hit(doc_type, parsed, obj, full) for obj, full in rows]
    _snippets_from_more_text(doc_type, parsed, user, results.hits)
    if with_details and results.total:
        window = _window(engine, doc_type, visible, counted, bool(filters))
        results.facets = _facets(doc_type, user, window, filters)


def _ranked(doc_type: DocumentType, qs: QuerySet, with_details: bool) -> QuerySet:
    if with_details:
        qs = doc_type.list_related(qs)
    return qs.order_by("-search_score", "pk")


def _best(
    engine: Backend,
    doc_type: DocumentType,
    visible: Visible,
    node: Node,
    boost: Node | None,
    filtered: bool,
    with_details: bool,
    window: int,
) -> Callable[[int, int], list[Any]]:
    """The best matches from `start`, `count` of them, each with its `search_score`.

    Unfiltered, the index ranks on its own (fast, no join per match) and only the best
    candidates' ids go through `visible`, the viewer's visible_to QuerySet; if too many
    of them are hidden from this viewer, more candidates are taken; objects are loaded
    for the page only. With facet filters, the filters and the ranking run as one joined
    query instead.
    """

    def fetch(start: int, count: int) -> list[Any]:
        if filtered:
            matching = engine.matching(visible.qs, doc_type, node, boost)
            return list(_ranked(doc_type, matching, with_details)[start : start + count])
        want = start + count
        limit = max(CANDIDATES, want * 2)
        while True:
            candidates = engine.top(doc_type, node, boost, limit, window)
            shown = set(visible.ids([pk for pk, _ in candidates]))
            ranked = [(pk, score) for pk, score in candidates if pk in shown]
            if len(ranked) >= want or len(candidates) < limit or limit >= window:
                break
            limit *= 4
        page = ranked[start:want]
        objects = {o.pk: o for o in _page(doc_type, [pk for pk, _ in page], with_details)}
        for pk, score in page:
            objects[pk].search_score = score
        return [objects[pk] for pk, _ in page if pk in objects]

    return fetch


def _page(doc_type: DocumentType, ids: list[int], with_details: bool) -> Iterable[Any]:
    """The objects of a page of results, by their keys: only ids that went through the
    viewer's visible_to in this search reach here."""
    if not with_details and doc_type.page_fields:
        return _PageStatement.of(doc_type).objects(ids)
    rows = doc_type.model._default_manager.filter(pk__in=ids)
    return doc_type.list_related(rows) if with_details else rows


_LISTED = object()  # where the ids go among a compiled statement's parameters


@dataclass(frozen=True)
class _PageStatement:
    """A page of results without details (the JSON API), only its `page_fields`: the
    QuerySet compiled once per type and database (building and compiling it cost
    Django about 0.5 ms a search, as much as running it); the rows become model
    instances as the QuerySet would make them (`Model.from_db`, the fields' converters)."""

    model: type[Model]
    db: str
    sql: str
    params: tuple[Any, ...]
    names: tuple[str, ...]  # attnames, in the model's order, as `from_db` takes them
    converters: dict[int, tuple[list[Any], Any]]  # column -> (functions, expression)
    _made: ClassVar[dict[tuple[Any, ...], _PageStatement]] = {}

    @classmethod
    def of(cls, doc_type: DocumentType) -> _PageStatement:
        model = doc_type.model
        db = router.db_for_read(model)
        key = (model, doc_type.page_fields, db)
        made = cls._made.get(key)
        if made is None:
            wanted = set(doc_type.page_fields)
            names = tuple(
                f.attname
                for f in model._meta.concrete_fields
                if f.primary_key or f.name in wanted or f.attname in wanted
            )
            listed = _LISTED_SQL[connections[db].vendor]
            rows = model._default_manager.db_manager(db).filter(pk__in=RawSQL(listed, (_LISTED,)))
            compiler = rows.order_by().values_list(*names).query.get_compiler(using=db)
            sql, params = compiler.as_sql()
            converters = compiler.get_converters([col for col, _, _ in compiler.select])
            made = cls(model, db, sql, tuple(params), names, converters)
            cls._made[key] = made
        return made

    def objects(self, ids: list[int]) -> list[Any]:
        connection = connections[self.db]
        listed = _listed(connection.vendor, ids)
        with connection.cursor() as cursor:
            cursor.execute(self.sql, [listed if p is _LISTED else p for p in self.params])
            rows = cursor.fetchall()
        out = []
        for row in rows:
            if self.converters:
                row = list(row)
                for at, (functions, expression) in self.converters.items():
                    for function in functions:
                        row[at] = function(row[at], expression, connection)
            out.append(self.model.from_db(self.db, self.names, row))
        return out


def _hit(doc_type: DocumentType, parsed: ParsedQuery, obj: Any, full: bool) -> Hit:
    shown = doc_type.result(obj)
    text, found = snippet_found(doc_type.snippet_text(obj), parsed.highlight, parsed.strong)
    return Hit(
        key=shown.get("number", shown.get("slug")), title=shown["title"], url=shown["url"],
        score=round(float(obj.search_score), 6), snippet=text,
        object=obj, full_match=full, terms=parsed.highlight, strong=parsed.strong,
        snippet_marked=found,
    )  # fmt: skip


def _snippets_from_more_text(
    doc_type: DocumentType, parsed: ParsedQuery, user: Any, hits: list[Hit]
) -> None:
    """A hit found by other text (a post by its comments) shows a snippet of that text:
    one query for every such hit of the page."""
    unmarked = [h for h in hits if not h.snippet_marked]
    if doc_type.more_text is None or not unmarked:
        return
    more = doc_type.more_text([h.object.pk for h in unmarked], user)
    for hit in unmarked:
        text, found = snippet_found(more.get(hit.object.pk, ""), parsed.highlight, parsed.strong)
        if found:
            hit.snippet, hit.snippet_marked = text, True
            hit.snippet_label = str(doc_type.more_text_label)


def _window(
    engine: Backend,
    doc_type: DocumentType,
    visible: Visible,
    counted: list[tuple[Tier, int, bool]],
    filtered: bool,
) -> list[int]:
    """The ids facets are counted over: every result, or the best FACET_WINDOW of them,
    each of them visible to the viewer (`visible`, or `matching` built on it)."""
    ids: list[int] = []
    for (node, boost, full), total, capped in counted:
        room = FACET_WINDOW - len(ids)
        if room <= 0:
            break
        found = engine.known(doc_type, node) if not filtered else None
        every = total <= room and not capped
        if every and found is not None and found[1]:  # all of them, walked already
            ids += visible.ids(found[0])
        elif every:
            matching = engine.matching(visible.qs, doc_type, node, boost)
            ids += list(matching.values_list("pk", flat=True))
        elif filtered:
            matching = engine.matching(visible.qs, doc_type, node, boost)
            ranked = matching.order_by("-search_score", "pk").only("pk")[:room]
            ids += [o.pk for o in ranked]
        else:  # the index ranks on its own, as for the page (see _best)
            best = [pk for pk, _ in engine.top(doc_type, node, boost, room, RANK_WINDOW[full])]
            shown = set(visible.ids(best))
            ids += [pk for pk in best if pk in shown]
    return ids


def _facets(
    doc_type: DocumentType, user: Any, ids: list[int], filters: dict[str, str]
) -> list[FacetCounts]:
    """Counts over `ids` (results the viewer may see), each facet scoped to the viewer."""
    out = []
    rows = _among(doc_type.model.objects.all(), ids)
    for facet in (f.scope(user) for f in doc_type.facets):
        if facet.counts is not None:
            values = [
                FacetValue(param, label, n, selected=filters.get(facet.key) == param)
                for param, label, n in facet.counts(ids)[: FACET_VALUES + 1]
            ]
            if values:
                out.append(FacetCounts(key=facet.key, label=str(facet.label), values=values))
            continue
        names = [facet.field] + ([facet.display_field] if facet.display_field else [])
        counted = (
            rows.values(*names)
            .annotate(n=Count("pk", distinct=True))
            .order_by("-n", facet.field)[: FACET_VALUES + 1]
        )
        values = []
        for row in counted:
            raw = row[facet.field]
            if raw is None:
                continue
            param = str(_param(facet, raw))
            label = row[facet.display_field] if facet.display_field else facet.to_display(raw)
            values.append(
                FacetValue(param, str(label), row["n"], selected=filters.get(facet.key) == param)
            )
        if values:
            out.append(FacetCounts(key=facet.key, label=str(facet.label), values=values))
    return out


def _param(facet: Any, value: Any) -> Any:
    """What the facet's link puts in the URL (the year facet links by Buddhist-era year)."""
    return facet.to_display(value) if facet.to_filter is not None else value

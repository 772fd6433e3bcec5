"""What can be searched: one `DocumentType` per kind of thing, registered at start-up.

A new kind of document (communities, knowledge assets) joins search by registering a
small adapter in its app's `AppConfig.ready()`:

    from chumchon.search.registry import DocumentType, Facet, register
    register(DocumentType(name="communities", code=3, label=_("Communities"), ...))

The index stores only words; what a viewer may see is decided at query time by the
adapter's `visible(user)` QuerySet, so a post made private or a community closed drops
out of results at once, without touching the index.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.functional import Promise

# Document ids in the index are `code << CODE_SHIFT | object id`, so each kind owns one
# contiguous range of ids and a search of one kind is a range scan of the index.
CODE_SHIFT = 40

COLUMNS = ("title", "tags", "body", "context", "extra")


@dataclass(frozen=True)
class Facet:
    """A way to narrow results, counted over the results (e.g. tag, author, year)."""

    key: str  # the query-string parameter
    label: str | Promise
    field: str  # the ORM path that is counted, e.g. "tags__name"
    display_field: str = ""  # shown instead of `field`, e.g. "author__display_name"
    to_filter: Callable[[str], dict[str, Any]] | None = None  # parameter -> filter kwargs
    to_display: Callable[[Any], str] = str
    # For values some viewers may not know of (a secret community): viewer -> this facet
    # with its filter and counts limited to what that viewer may see.
    scoped: Callable[[Any], Facet] | None = None
    # Counting that an ORM path cannot express: result ids -> (parameter, label, count),
    # most first. Used instead of `field` when set.
    counts: Callable[[list[int]], list[tuple[str, str, int]]] | None = None

    def filter_kwargs(self, value: str) -> dict[str, Any]:
        if self.to_filter is not None:
            return self.to_filter(value)
        return {self.field: value}

    def scope(self, user: Any) -> Facet:
        """The facet as this viewer may use it: a value they may not see is never
        counted, shown or usable as a filter."""
        return self.scoped(user) if self.scoped is not None else self


@dataclass(frozen=True)
class Fields:
    """The text of one document, by column; `context` weighs least (comments, unit)."""

    title: str = ""
    tags: Iterable[str] = ()
    body: str = ""
    context: str = ""


@dataclass(frozen=True)
class DocumentType:
    name: str  # the `type` parameter: "posts", "people", "communities", "assets"
    code: int  # 1..1000, never reused
    label: str | Promise
    model: type[Model]
    visible: Callable[[Any], QuerySet]  # user -> what this user may find
    indexable: Callable[[], QuerySet]  # everything that belongs in the index
    fields: Callable[[Any], Fields]  # object -> its text
    result: Callable[[Any], dict[str, Any]]  # object -> key, title, url (and extras)
    snippet_text: Callable[[Any], str]  # object -> plain text the snippet comes from
    facets: tuple[Facet, ...] = ()
    list_related: Callable[[QuerySet], QuerySet] = field(default=lambda qs: qs)
    # For `reindex`: (after this pk, how many) -> [(pk, fields)] in pk order, read with
    # plain value queries; model instances and prefetching cost more than segmenting.
    # Must give the same fields as `fields(obj)` (a test compares them).
    fields_after: Callable[[int, int], list[tuple[int, Fields]]] | None = None
    # (object ids, viewer) -> more text of each object that the viewer may read (a post's
    # comments), for the snippet of a result whose own text holds no searched word.
    more_text: Callable[[list[int], Any], dict[int, str]] | None = None
    more_text_label: str | Promise = ""  # what the results page says such a snippet is
    # Viewer -> what `visible(user)` depends on (hashable), e.g. who they are and whether
    # they are staff. Viewers with the same key must get the same QuerySet, built from
    # nothing but the key (no read of the database, no clock): then an unfiltered
    # search reuses the SQL compiled for an earlier one (`searching.Visible`). None:
    # compiled for every search.
    viewer_key: Callable[[Any], Hashable] | None = None
    # The fields `result` and `snippet_text` read: a page of results that shows nothing
    # more (the JSON API) loads only these. Empty: every field.
    page_fields: tuple[str, ...] = ()

    @property
    def base(self) -> int:
        return self.code << CODE_SHIFT

    def doc_id(self, pk: int) -> int:
        return self.base | pk


_types: dict[str, DocumentType] = {}
# Facets added to a type that is not registered yet (apps are ready in INSTALLED_APPS
# order, so communities may add its facet to posts before search registers posts).
_waiting_facets: dict[str, list[Facet]] = {}
# The tabs of the search page, in order; a tab whose type is not registered yet shows an
# empty state.
TAB_NAMES = ("posts", "people", "communities", "assets")


def register(doc_type: DocumentType) -> None:
    for other in _types.values():
        if other.code == doc_type.code and other.name != doc_type.name:
            raise ValueError(f"search code {doc_type.code} is taken by {other.name}")
    waiting = tuple(_waiting_facets.pop(doc_type.name, ()))
    _types[doc_type.name] = replace(doc_type, facets=(*doc_type.facets, *waiting))


def add_facet(name: str, facet: Facet) -> None:
    """Let another app narrow a type it does not own, e.g. posts by community:

    add_facet("posts", Facet("community", _("Community"), "communities__slug",
                             "communities__name"))

    Whichever of the two apps is ready first, the facet ends up on the type.
    """
    doc_type = _types.get(name)
    if doc_type is None:
        _waiting_facets.setdefault(name, []).append(facet)
        return
    _types[name] = replace(doc_type, facets=(*doc_type.facets, facet))


def get(name: str) -> DocumentType | None:
    return _types.get(name)


def all_types() -> list[DocumentType]:
    return sorted(_types.values(), key=lambda t: t.code)

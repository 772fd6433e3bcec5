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

from collections.abc import Callable, Iterable
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

    def filter_kwargs(self, value: str) -> dict[str, Any]:
        if self.to_filter is not None:
            return self.to_filter(value)
        return {self.field: value}


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

    @property
    def base(self) -> int:
        return self.code << CODE_SHIFT

    def doc_id(self, pk: int) -> int:
        return self.base | pk


_types: dict[str, DocumentType] = {}
# The tabs of the search page, in order; a tab whose type is not registered yet shows an
# empty state.
TAB_NAMES = ("posts", "people", "communities", "assets")


def register(doc_type: DocumentType) -> None:
    for other in _types.values():
        if other.code == doc_type.code and other.name != doc_type.name:
            raise ValueError(f"search code {doc_type.code} is taken by {other.name}")
    _types[doc_type.name] = doc_type


def add_facet(name: str, facet: Facet) -> None:
    """Let another app narrow a type it does not own, e.g. posts by community:

    add_facet("posts", Facet("community", _("Community"), "communities__slug",
                             "communities__name"))
    """
    doc_type = _types[name]
    _types[name] = replace(doc_type, facets=(*doc_type.facets, facet))


def get(name: str) -> DocumentType | None:
    return _types.get(name)


def all_types() -> list[DocumentType]:
    return sorted(_types.values(), key=lambda t: t.code)

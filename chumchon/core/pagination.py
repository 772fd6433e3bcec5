"""One way to paginate every list that can grow."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

# Items a list counts exactly (500 pages of 20); beyond that it says "more than". An exact
# count of every post someone may read runs the visibility rules over all of them: 5 to 7
# seconds at a million posts on SQLite, for a number nobody pages through.
COUNT_CAP = 10_000


def capped_count(items: Any) -> tuple[int, bool]:
    """How many items, up to COUNT_CAP, and whether there are more."""
    if isinstance(items, QuerySet):
        n = items.order_by().values("pk")[: COUNT_CAP + 1].count()
    else:
        n = len(items)
    return min(n, COUNT_CAP), n > COUNT_CAP


class CappedPaginator(Paginator):
    capped = False  # the count is a lower bound

    @cached_property
    def count(self) -> int:
        n, self.capped = capped_count(self.object_list)
        return n


def paginate(
    request: HttpRequest, queryset: QuerySet, *, per_page: int | None = None, param: str = "page"
) -> Page:
    """The page of `queryset` named by ?page=; a bad or too-large number gives a real page."""
    paginator = CappedPaginator(queryset, per_page or settings.CHUMCHON_PAGE_SIZE)
    page = paginator.get_page(request.GET.get(param))
    page.param = param  # type: ignore[attr-defined]
    return page

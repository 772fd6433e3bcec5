"""One way to paginate every list that can grow."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def paginate(
    request: HttpRequest, queryset: QuerySet, *, per_page: int | None = None, param: str = "page"
) -> Page:
    """The page of `queryset` named by ?page=; a bad or too-large number gives a real page."""
    paginator = Paginator(queryset, per_page or settings.CHUMCHON_PAGE_SIZE)
    page = paginator.get_page(request.GET.get(param))
    page.param = param  # type: ignore[attr-defined]
    return page

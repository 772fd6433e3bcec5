from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from chumchon.search import registry
from chumchon.search.forms import SearchForm
from chumchon.search.searching import search
from chumchon.search.suggestions import suggest


def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    params = form.params()
    results = search(
        user=request.user, q=params.q, type=params.type, filters=params.filters,
        page=params.page, with_details=True,
    )  # fmt: skip
    suggestions = None
    if params.q and not results.total and not results.error and results.query:
        suggestions = suggest(user=request.user, text=params.q, words=results.query.words)
    context = {
        "form": form, "params": params, "results": results, "suggestions": suggestions,
        "tabs": form.tabs(), "doc_type": registry.get(params.type),
    }  # fmt: skip
    return render(request, "search/search.html", context)

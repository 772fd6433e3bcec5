from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from chumchon.search.forms import SearchParams
from chumchon.search.snippets import marked

register = template.Library()


@register.simple_tag
def search_url(params: SearchParams, key: str, value: object = None) -> str:
    """This search with one parameter set (or removed, when value is empty); page 1 unless
    the page is what changes."""
    changes: dict[str, object] = {key: value if value not in ("", None) else None}
    if key != "page":
        changes["page"] = None
    return params.url(**changes)


@register.filter
def marked_with(text: str, terms: frozenset[str]) -> SafeString:
    """`text` escaped with the searched words marked, as in titles and snippets: a post
    found by its tags shows which tag matched."""
    return marked(text, terms)

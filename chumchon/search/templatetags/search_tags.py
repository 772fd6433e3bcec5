from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from chumchon.search.forms import SearchParams
from chumchon.search.searching import Hit
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
def marked_for(text: str, hit: Hit) -> SafeString:
    """`text` escaped with the hit's searched words marked, as in its title and snippet:
    a post found by its tags shows which tag matched."""
    return marked(text, hit.terms, hit.strong)

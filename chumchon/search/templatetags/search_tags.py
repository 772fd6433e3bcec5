from __future__ import annotations

from django import template

from chumchon.search.forms import SearchParams

register = template.Library()


@register.simple_tag
def search_url(params: SearchParams, key: str, value: object = None) -> str:
    """This search with one parameter set (or removed, when value is empty); page 1 unless
    the page is what changes."""
    changes: dict[str, object] = {key: value if value not in ("", None) else None}
    if key != "page":
        changes["page"] = None
    return params.url(**changes)

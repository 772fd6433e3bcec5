"""Small template helpers for chumchon's pages: `{% load chumchon %}`."""

from __future__ import annotations

from django import template
from django.http import HttpRequest

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context: template.Context, number: int, param: str = "page") -> str:
    """The current address with ?<param>=<number>, keeping every other query parameter."""
    request: HttpRequest | None = context.get("request")
    query = request.GET.copy() if request is not None else None
    if query is None:
        return f"?{param}={number}"
    query[param] = str(number)
    return "?" + query.urlencode()


@register.filter
def excerpt(html: str, length: int = 180) -> str:
    """The first words of an HTML fragment, as plain text."""
    from django.utils.text import Truncator

    from chumchon.core.html import plain_text

    return Truncator(plain_text(html)).chars(length)

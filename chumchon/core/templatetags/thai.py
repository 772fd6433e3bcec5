"""Template filters for Thai dates and digits; loaded as builtins in every template."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.translation import get_language

from chumchon.core import thai

register = template.Library()


def _calendar(context: template.Context) -> str:
    request = context.get("request")
    user = getattr(request, "user", None)
    return getattr(user, "calendar", "be") if getattr(user, "is_authenticated", False) else "be"


def _lang() -> str:
    return "th" if (get_language() or "th").startswith("th") else "en"


@register.simple_tag(takes_context=True)
def thaidate(context: template.Context, value: dt.datetime | None, style: str = "") -> str:
    """{% thaidate post.written_at "long time" %} in the viewer's calendar and language."""
    return thai.format_date(
        value,
        calendar=_calendar(context),
        language=_lang(),
        long="long" in style,
        with_time="time" in style,
    )


@register.filter
def thai_digits(value: object) -> str:
    """ "สคร 6" -> "สคร ๖", for titles and formal text."""
    return thai.to_thai_digits(value)

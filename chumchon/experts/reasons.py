"""The short plain-language reason shown beside each person the finder lists."""

from __future__ import annotations

from django.utils.translation import get_language, ngettext, ngettext_lazy
from django.utils.translation import gettext as _

from chumchon.core.thai import format_date
from chumchon.experts.ranking import Kind, PersonScore


def _language() -> str:
    return "th" if (get_language() or "th").startswith("th") else "en"


def _posts(person: PersonScore, calendar: str) -> str:
    count = person.counts[Kind.POST]
    if person.latest_post is None:
        return ""
    date = format_date(person.latest_post, calendar=calendar, language=_language())
    return ngettext(
        "wrote %(count)d post on this, latest on %(date)s",
        "wrote %(count)d posts on this, latest on %(date)s",
        count,
    ) % {"count": count, "date": date}


_COUNTED = (
    (Kind.ANSWER, ngettext_lazy(
        "%(count)d accepted answer", "%(count)d accepted answers", "count")),
    (Kind.QUESTION, ngettext_lazy(
        "asked %(count)d question about it", "asked %(count)d questions about it", "count")),
    (Kind.COMMENT, ngettext_lazy(
        "commented on it %(count)d time", "commented on it %(count)d times", "count")),
    (Kind.ASSET, ngettext_lazy(
        "authored %(count)d knowledge asset", "authored %(count)d knowledge assets", "count")),
    (Kind.CITED, ngettext_lazy(
        "%(count)d knowledge asset draws on their posts",
        "%(count)d knowledge assets draw on their posts", "count")),
    (Kind.SESSION, ngettext_lazy(
        "led %(count)d sharing session", "led %(count)d sharing sessions", "count")),
)  # fmt: skip


def _counted(person: PersonScore) -> list[str]:
    return [text % {"count": person.counts[k]} for k, text in _COUNTED if person.counts[k]]


def _signals(person: PersonScore) -> list[str]:
    phrases: list[str] = []
    if person.facilitates:
        phrases.append(_("facilitates %(names)s") % {"names": ", ".join(person.facilitates)})
    if person.declared:
        phrases.append(_("lists it as their expertise"))
    if person.endorsers:
        text = ngettext(
            "endorsed by %(count)d person", "endorsed by %(count)d people", person.endorsers
        ) % {"count": person.endorsers}
        if person.cross_unit_endorsers:
            text += " " + _("(%(count)d from other units)") % {"count": person.cross_unit_endorsers}
        phrases.append(text)
    return phrases


def reason(person: PersonScore, *, calendar: str = "be") -> str:
    """E.g. "เขียนเรื่องนี้ 12 บันทึก ล่าสุดเมื่อ 3 มี.ค. 2569, ได้รับการรับรองจาก 4 คน"."""
    phrases = [_posts(person, calendar), *_counted(person), *_signals(person)]
    return ", ".join(p for p in phrases if p)

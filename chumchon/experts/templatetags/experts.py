"""Partials other pages include: a member's expertise on the profile, a tag's experts;
and the label of each kind of evidence."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

from chumchon.accounts.models import Member
from chumchon.core.models import Tag
from chumchon.experts.ranking import Kind

register = template.Library()

EVIDENCE_LABELS = {
    Kind.POST: _("post"),
    Kind.QUESTION: _("question"),
    Kind.COMMENT: _("comment"),
    Kind.ANSWER: _("accepted answer"),
    Kind.ASSET: _("knowledge asset"),
    Kind.CITED: _("knowledge asset from their post"),
    Kind.SESSION: _("sharing session led"),
}


@register.filter
def evidence_label(kind: Kind) -> str:
    return str(EVIDENCE_LABELS.get(kind, kind))


@register.inclusion_tag("experts/_expertise_loader.html")
def expert_profile(member: Member) -> dict[str, object]:
    """{% expert_profile member %}: a section that loads the member's expertise.

    Declared expertise, endorsements (endorse / withdraw) and the topics of their
    writing come in their own request (htmx, on load), so the profile keeps its query
    budget; without JavaScript the section links to the same content as a page.
    """
    return {"member": member}


@register.inclusion_tag("experts/_tag_experts.html")
def tag_experts(tag: Tag | str) -> dict[str, object]:
    """{% tag_experts tag %}: a section that loads the people who know this tag best.

    The ranking runs in its own request (htmx, on load), so the tag page keeps its own
    query budget; without JavaScript the section links to the full finder.
    """
    return {"tag_name": str(tag)}

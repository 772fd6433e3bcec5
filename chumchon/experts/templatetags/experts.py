"""Partials other pages include: a member's expertise on the profile, a tag's experts."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

from chumchon.accounts.models import Member
from chumchon.core.models import Tag
from chumchon.experts.models import FinderPreference
from chumchon.experts.queries import endorsements_of, experts_for, experts_hydrate, topics_seen
from chumchon.experts.ranking import Kind

register = template.Library()

TAG_EXPERTS_SHOWN = 5
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


@register.inclusion_tag("experts/_profile_expertise.html", takes_context=True)
def expert_profile(context: template.Context, member: Member) -> dict[str, object]:
    """{% expert_profile member %}: declared expertise, endorsements, topics in their writing."""
    viewer = context["request"].user
    endorsed = endorsements_of(member, viewer=viewer)
    declared = [t.name for t in member.tags.all()]
    topics = topics_seen(member, viewer=viewer)
    suggestions = dict.fromkeys(declared + [name for name, _n in topics])
    return {
        "request": context["request"],
        "user": viewer,
        "csrf_token": context.get("csrf_token"),
        "member": member,
        "declared": declared,
        "endorsed": endorsed,
        "topics": topics,
        "suggestions": [s for s in suggestions if s not in {e.tag for e in endorsed if e.mine}],
        "is_self": viewer.is_authenticated and viewer.pk == member.pk,
        "hidden": FinderPreference.objects.hidden().filter(member=member).exists(),
    }


@register.inclusion_tag("experts/_tag_experts.html", takes_context=True)
def tag_experts(context: template.Context, tag: Tag | str) -> dict[str, object]:
    """{% tag_experts tag %}: the people who know this tag best, with their reasons."""
    viewer = context["request"].user
    name = str(tag)
    ranked = experts_for(name, viewer=viewer)[:TAG_EXPERTS_SHOWN]
    return {
        "request": context["request"],
        "user": viewer,
        "tag_name": name,
        "experts": experts_hydrate(ranked, viewer=viewer),
    }

"""Writes for the expert finder: endorsements and the finder preference."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chumchon.accounts.models import Member
from chumchon.core.tags import tags_ensure, tags_parse
from chumchon.experts.models import Endorsement, FinderPreference


def _one_tag(text: str) -> str:
    names = tags_parse(text)
    if len(names) != 1:
        raise ValidationError({"tag": _("Name one topic to endorse.")})
    return names[0]


@transaction.atomic
def endorsement_create(*, endorser: Member, member: Member, tag: str) -> Endorsement:
    """Endorse a member for one topic; endorsing the same again changes nothing."""
    if endorser.pk == member.pk:
        raise ValidationError(_("You cannot endorse yourself."))
    if not member.is_active:
        raise ValidationError(_("This member's account is closed."))
    (topic,) = tags_ensure([_one_tag(tag)])
    existing = Endorsement.objects.filter(endorser=endorser, member=member, tag=topic).first()
    if existing is not None:
        return existing
    endorsement = Endorsement(endorser=endorser, member=member, tag=topic)
    endorsement.full_clean()
    endorsement.save()
    return endorsement


@transaction.atomic
def endorsement_withdraw(*, endorser: Member, member: Member, tag: str) -> bool:
    """Take an endorsement back; False if there was none."""
    deleted, _n = Endorsement.objects.filter(
        endorser=endorser, member=member, tag__name=_one_tag(tag)
    ).delete()
    return bool(deleted)


@transaction.atomic
def finder_preference_set(*, member: Member, hidden: bool) -> FinderPreference:
    preference, _created = FinderPreference.objects.get_or_create(member=member)
    preference.hidden = hidden
    preference.full_clean()
    preference.save()
    return preference

"""Writes of the interop app: personal access tokens."""

from __future__ import annotations

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chumchon.accounts.models import Member
from chumchon.interop.models import TOKEN_PREFIX, AccessToken, token_digest

MAX_ACTIVE_TOKENS = 20


@transaction.atomic
def token_create(*, member: Member, name: str, scope: str) -> tuple[AccessToken, str]:
    """Make a token and return it with its secret, which is never stored and never shown again."""
    if AccessToken.objects.owned_by(member).active().count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("You have %(max)d tokens already: revoke one first.") % {"max": MAX_ACTIVE_TOKENS}
        )
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = AccessToken(
        member=member, name=name.strip(), scope=scope, digest=token_digest(raw),
        hint=raw[: len(TOKEN_PREFIX) + 4],
    )  # fmt: skip
    token.full_clean()
    token.save()
    return token, raw


@transaction.atomic
def token_revoke(*, token: AccessToken, member: Member) -> AccessToken:
    if token.member_id != member.pk:
        raise PermissionDenied(_("You can only revoke your own tokens."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_touch(*, token: AccessToken) -> None:
    """Remember when a token was last used, at most once a minute to spare the database."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
